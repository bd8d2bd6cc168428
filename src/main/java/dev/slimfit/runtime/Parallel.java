package dev.slimfit.runtime;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Splits a kernel's index range over the interpreter's threads: the calling thread and a small pool
 * of daemon workers claim the chunks. With one thread it is a plain call.
 */
public final class Parallel implements AutoCloseable {
    private static final AtomicInteger POOL_ID = new AtomicInteger();

    private final int threads;
    private final ExecutorService pool;
    /** Calls split into two or more chunks; read by tests to check which kernels split. */
    private long splitCalls;

    /** A body over the half-open range {@code [from, to)}. */
    @FunctionalInterface
    public interface RangeBody {
        void run(int from, int to);
    }

    public Parallel(int threads) {
        this.threads = Math.max(1, threads);
        if (this.threads > 1) {
            int id = POOL_ID.incrementAndGet();
            AtomicInteger n = new AtomicInteger();
            ThreadFactory tf = r -> {
                Thread t = new Thread(r, "slimfit-kernel-" + id + "-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            };
            pool = Executors.newFixedThreadPool(this.threads - 1, tf);
        } else {
            pool = null;
        }
    }

    public int threads() {
        return threads;
    }

    /**
     * Runs {@code body} over {@code [0, n)}, split into at most {@link #threads()} chunks of at
     * least {@code minChunk} indices each. Chunk boundaries depend only on {@code n}, {@code minChunk}
     * and the thread count, never on timing, so results cannot depend on which thread ran a chunk.
     *
     * <p>Chunks are claimed, not assigned: the caller runs chunk after chunk until none is left and
     * then waits only for chunks a worker has already started. Why: on the shared machine (load
     * average 10+ on 2 cores) a woken worker often waits a whole time slice to be scheduled; with
     * fixed assignment the caller then idled until it ran, and 2 threads were no faster than 1 (TFLite's
     * spinning pool kept its speedup). Now an unscheduled worker costs nothing: its chunk runs on
     * the caller. Each call makes at most {@link #threads()} body calls, so a kernel's per-call
     * scratch slots ({@code counter % threads}) stay distinct.
     */
    public void forRange(int n, int minChunk, RangeBody body) {
        int chunks = pool == null ? 1 : Math.min(threads, Math.max(1, n / Math.max(1, minChunk)));
        if (chunks <= 1) {
            body.run(0, n);
            return;
        }
        splitCalls++;
        Split split = new Split(n, chunks, body);
        for (int c = 1; c < chunks; c++) {
            pool.execute(split::drain);
        }
        split.drain();
        split.await();
    }

    /** One {@link #forRange} call: chunks claimed by counter, a latch counting finished chunks. */
    private static final class Split {
        private final int n;
        private final int chunks;
        private final RangeBody body;
        private final AtomicInteger next = new AtomicInteger();
        private final CountDownLatch done;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        Split(int n, int chunks, RangeBody body) {
            this.n = n;
            this.chunks = chunks;
            this.body = body;
            this.done = new CountDownLatch(chunks);
        }

        void drain() {
            for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
                try {
                    body.run((int) ((long) n * c / chunks), (int) ((long) n * (c + 1) / chunks));
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    done.countDown();
                }
            }
        }

        void await() {
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a kernel worker", e);
            }
            Throwable t = failure.get();
            if (t instanceof RuntimeException re) {
                throw re;
            }
            if (t instanceof Error err) {
                throw err;
            }
            if (t != null) {
                throw new IllegalStateException(t);
            }
        }
    }

    /** How many {@link #forRange} calls so far were split (on the calling thread's view). */
    long splitCalls() {
        return splitCalls;
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
