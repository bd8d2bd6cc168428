package dev.slimfit.runtime;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Splits a kernel's index range over the interpreter's threads: chunk 0 runs on the calling
 * thread, the others on a small pool of daemon workers. With one thread it is a plain call.
 */
public final class Parallel implements AutoCloseable {
    private static final AtomicInteger POOL_ID = new AtomicInteger();

    private final int threads;
    private final ExecutorService pool;

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
     * least {@code minChunk} indices each.
     */
    public void forRange(int n, int minChunk, RangeBody body) {
        int chunks = pool == null ? 1 : Math.min(threads, Math.max(1, n / Math.max(1, minChunk)));
        if (chunks <= 1) {
            body.run(0, n);
            return;
        }
        Future<?>[] futures = new Future<?>[chunks - 1];
        for (int c = 1; c < chunks; c++) {
            int from = (int) ((long) n * c / chunks);
            int to = (int) ((long) n * (c + 1) / chunks);
            futures[c - 1] = pool.submit(() -> body.run(from, to));
        }
        body.run(0, (int) ((long) n / chunks));
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a kernel worker", e);
            } catch (java.util.concurrent.ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof RuntimeException re) {
                    throw re;
                }
                throw new IllegalStateException(c);
            }
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
