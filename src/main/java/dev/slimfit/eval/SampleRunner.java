package dev.slimfit.eval;

import dev.slimfit.model.Model;
import dev.slimfit.runtime.Interpreter;
import dev.slimfit.runtime.InterpreterOptions;
import dev.slimfit.runtime.InvokeObserver;
import dev.slimfit.runtime.KernelException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Runs work over the samples of a dataset on several threads, each thread owning its own
 * interpreters (one per model; interpreters are not thread-safe), so calibration and evaluation
 * use all cores without sharing mutable state. Per-thread state is merged by the caller.
 */
final class SampleRunner {
    private SampleRunner() {
    }

    /** Per-thread work on one sample; {@code its} holds one interpreter per model, in order. */
    interface Work<S> {
        void run(S state, Interpreter[] its, int index, byte[][] inputs) throws KernelException;
    }

    /** Runs {@code work} over every sample; returns the per-thread states. */
    static <S> List<S> run(List<Model> models, Dataset data, int threads, ProgressListener progress,
                           BooleanSupplier cancel, java.util.function.Supplier<S> newState, Work<S> work)
            throws IOException, KernelException {
        int n = data.size();
        int t = Math.max(1, Math.min(threads, n));
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        BooleanSupplier stop = cancel == null ? () -> false : cancel;
        ProgressListener p = progress == null ? ProgressListener.NONE : progress;
        ExecutorService pool = Executors.newFixedThreadPool(t, r -> {
            Thread th = new Thread(r, "slimfit-eval");
            th.setDaemon(true);
            return th;
        });
        try {
            List<Future<S>> futures = new ArrayList<>();
            for (int k = 0; k < t; k++) {
                futures.add(pool.submit(() -> {
                    S state = newState.get();
                    Interpreter[] its = new Interpreter[models.size()];
                    try {
                        for (int m = 0; m < its.length; m++) {
                            its[m] = Interpreter.create(models.get(m), InterpreterOptions.defaults());
                        }
                        for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                            if (stop.getAsBoolean()) {
                                throw new CancellationException("cancelled");
                            }
                            work.run(state, its, i, data.inputs(i));
                            p.progress(done.incrementAndGet(), n);
                        }
                    } finally {
                        for (Interpreter it : its) {
                            if (it != null) {
                                it.close();
                            }
                        }
                    }
                    return state;
                }));
            }
            List<S> out = new ArrayList<>();
            for (Future<S> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            if (c instanceof KernelException ke) {
                throw ke;
            }
            if (c instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(c);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Copies the sample into the interpreter's inputs and invokes it from the model's initial
     * state: samples are independent, and a stateful model (LSTM/SVDF state in variable tensors)
     * would otherwise start each sample from whatever sample this thread ran before, which makes
     * results depend on scheduling.
     */
    static void invoke(Interpreter it, byte[][] inputs, InvokeObserver observer) throws KernelException {
        it.resetVariables();
        invokeKeepingState(it, inputs, observer);
    }

    /** As {@link #invoke} but from the state the previous invoke left (latency runs time the bare invoke). */
    static void invokeKeepingState(Interpreter it, byte[][] inputs, InvokeObserver observer) throws KernelException {
        if (inputs.length != it.inputCount()) {
            throw new IllegalArgumentException("the model has " + it.inputCount() + " inputs, the sample has "
                    + inputs.length);
        }
        for (int k = 0; k < inputs.length; k++) {
            it.input(k).copyFrom(ByteBuffer.wrap(inputs[k]));
        }
        it.invoke(observer, null);
    }
}
