package dev.slimfit.ui.eval;

import dev.slimfit.eval.AccuracyEvaluator;
import dev.slimfit.eval.DataSource;
import dev.slimfit.eval.Dataset;
import dev.slimfit.eval.Fidelity;
import dev.slimfit.eval.InputSpec;
import dev.slimfit.eval.LatencyBenchmark;
import dev.slimfit.eval.LayerErrors;
import dev.slimfit.eval.ProgressListener;
import dev.slimfit.model.Model;
import dev.slimfit.optimize.Layer;
import dev.slimfit.optimize.LayerCatalog;
import dev.slimfit.runtime.Interpreter;
import dev.slimfit.runtime.InvokeObserver;
import dev.slimfit.runtime.OpNode;
import dev.slimfit.ui.common.TaskExecutor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * Runs one evaluation off the UI thread: accuracy of both models (when labelled), output
 * fidelity, per-layer errors, latency with per-op times, and each layer's share of the optimized
 * model's time. Phases report into one progress bar; cancellation is checked between samples.
 */
public final class EvaluationRunner {
    private static final String[] PHASES = {"Accuracy (original)", "Accuracy (optimized)", "Output fidelity",
        "Per-layer errors", "Latency (original)", "Latency (optimized)"};

    private final int threads;

    /** A runner on {@code threads} worker threads. */
    public EvaluationRunner(int threads) {
        this.threads = Math.max(1, threads);
    }

    /**
     * What to evaluate.
     *
     * @param source    dataset and preprocessing
     * @param limit     samples to use (≤ 0: all)
     * @param benchRuns timed runs per model for latency
     */
    public record Request(DataSource source, int limit, int benchRuns) {
    }

    /**
     * Builds the model an evaluation compares with the original, from the evaluation's samples
     * (a plan with full-integer layers or repair calibrates and repairs on them, as Export would).
     */
    @FunctionalInterface
    public interface OptimizedModel {
        /** The optimized model and what to say about how it was made (null: nothing). */
        Built build(Dataset samples, TaskExecutor.Progress progress) throws Exception;
    }

    /** A built optimized model and a note for the report (null when there is nothing to say). */
    public record Built(Model model, String note) {
    }

    /** Evaluates {@code optimized} against {@code original}. */
    public EvaluationReport run(Model original, Model optimized, Request req, TaskExecutor.Progress progress)
            throws Exception {
        return run(original, (d, p) -> new Built(optimized, null), req, progress);
    }

    /** Evaluates the model {@code optimizedFor} builds from the evaluation's samples against {@code original}. */
    public EvaluationReport run(Model original, OptimizedModel optimizedFor, Request req, TaskExecutor.Progress progress)
            throws Exception {
        List<String> notes = new ArrayList<>();
        Dataset dataO = open(req, original);
        Built built = optimizedFor.build(dataO, progress);
        Model optimized = built.model();
        if (built.note() != null) {
            notes.add(built.note());
        }
        Dataset dataQ = sameInputs(original, optimized) ? dataO : open(req, optimized);
        boolean labelled = dataO.labelled();
        int n = dataO.size();
        AccuracyEvaluator acc = new AccuracyEvaluator(threads);
        AccuracyEvaluator.Result accO = null;
        AccuracyEvaluator.Result accQ = null;
        if (labelled) {
            accO = acc.evaluate(original, dataO, 0, phase(progress, 0), progress::isCancelled);
            accQ = acc.evaluate(optimized, dataQ, 0, phase(progress, 1), progress::isCancelled);
        } else {
            notes.add("No labels: accuracy not scored (agreement with the original is shown instead).");
        }
        Fidelity.Result fid = null;
        List<LayerErrors.Row> rows = List.of();
        if (dataQ == dataO) {
            fid = new Fidelity(threads).compare(original, optimized, dataO, 0, phase(progress, 2), progress::isCancelled);
            rows = new LayerErrors(threads).compute(original, optimized, dataO.limit(Math.min(n, 32)),
                    phase(progress, 3), progress::isCancelled);
        } else {
            notes.add("Input types differ (" + InputSpec.of(original, 0).type() + " vs "
                    + InputSpec.of(optimized, 0).type() + "): fidelity and per-layer errors need identical inputs.");
        }
        List<byte[]> inO = List.of(dataO.inputs(0));
        List<byte[]> inQ = List.of(dataQ.inputs(0));
        int runs = Math.max(1, req.benchRuns());
        LatencyBenchmark.Result latO = LatencyBenchmark.run(original, inO, 2, runs, threads, true,
                phase(progress, 4), progress::isCancelled);
        LatencyBenchmark.Result latQ = LatencyBenchmark.run(optimized, inQ, 2, runs, threads, true,
                phase(progress, 5), progress::isCancelled);
        Map<String, Double> share = layerShare(original, optimized, inQ, runs, progress);
        return new EvaluationReport(n, labelled, accO, accQ, fid, rows, latO, latQ, share, notes);
    }

    private Dataset open(Request req, Model model) throws IOException {
        Dataset d = req.source().open(model).limit(req.limit());
        if (d.size() == 0) {
            throw new IOException("No samples found in " + req.source().data()
                    + " (expected images (.png/.jpg), .npy/raw tensors, or an IDX file).");
        }
        try {
            d.inputs(0);
        } catch (RuntimeException e) {
            throw new IOException("Sample '" + d.id(0) + "' does not fit input " + InputSpec.of(model, 0) + ": "
                    + e.getMessage(), e);
        }
        return d;
    }

    static boolean sameInputs(Model a, Model b) {
        InputSpec x = InputSpec.of(a, 0);
        InputSpec y = InputSpec.of(b, 0);
        return x.type() == y.type() && x.byteSize() == y.byteSize()
                && a.mainSubgraph().inputs().length == b.mainSubgraph().inputs().length;
    }

    private static ProgressListener phase(TaskExecutor.Progress p, int index) {
        return (done, total) -> p.update((index + (total == 0 ? 1.0 : (double) done / total)) / (PHASES.length + 1),
                PHASES[index] + " \u2014 " + done + " / " + total);
    }

    /** Share of op time per original layer id, from per-node times of the optimized model. */
    private Map<String, Double> layerShare(Model original, Model optimized, List<byte[]> inputs, int runs,
                                           TaskExecutor.Progress p) throws Exception {
        Map<String, String> idByTensor = new HashMap<>();
        for (Layer l : LayerCatalog.of(original)) {
            int[] outs = original.mainSubgraph().operators().get(l.opIndex()).outputs();
            if (outs.length > 0 && outs[0] >= 0) {
                idByTensor.put(original.mainSubgraph().tensor(outs[0]).name(), l.id());
            }
        }
        long[] nanos = new long[optimized.mainSubgraph().operators().size()];
        try (Interpreter it = Interpreter.create(optimized)) {
            InvokeObserver obs = (OpNode node, long ns) -> {
                if (node.subgraph() == 0) {
                    nanos[node.index()] += ns;
                }
            };
            for (int r = 0; r < runs; r++) {
                if (p.isCancelled()) {
                    throw new CancellationException("cancelled");
                }
                for (int k = 0; k < inputs.size(); k++) {
                    it.input(k).copyFrom(ByteBuffer.wrap(inputs.get(k)));
                }
                it.invoke(obs, p::isCancelled);
                p.update((PHASES.length + (double) (r + 1) / runs) / (PHASES.length + 1), "Per-layer time");
            }
        }
        long total = 0;
        for (long v : nanos) {
            total += v;
        }
        Map<String, Double> share = new HashMap<>();
        for (int i = 0; i < nanos.length && total > 0; i++) {
            for (int out : optimized.mainSubgraph().operators().get(i).outputs()) {
                String id = out < 0 ? null : idByTensor.get(optimized.mainSubgraph().tensor(out).name());
                if (id != null) {
                    share.merge(id, (double) nanos[i] / total, Double::sum);
                }
            }
        }
        return share;
    }
}
