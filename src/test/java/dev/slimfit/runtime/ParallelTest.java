package dev.slimfit.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ParallelTest {
    @Test
    void everyIndexIsRunExactlyOnceInFixedChunks() {
        try (Parallel p = new Parallel(2)) {
            for (int n : new int[] {1, 2, 7, 1000}) {
                AtomicIntegerArray seen = new AtomicIntegerArray(n);
                p.forRange(n, 1, (from, to) -> {
                    // chunk boundaries are n*c/chunks: with 2 chunks, [0, n/2) and [n/2, n)
                    assertTrue(from == 0 && to == n / 2 || from == n / 2 && to == n || n == 1, from + ".." + to);
                    for (int i = from; i < to; i++) {
                        seen.incrementAndGet(i);
                    }
                });
                for (int i = 0; i < n; i++) {
                    assertEquals(1, seen.get(i), "index " + i + " of " + n);
                }
            }
        }
    }

    @Test
    void aFailingChunkFailsTheCall() {
        try (Parallel p = new Parallel(2)) {
            IllegalArgumentException boom = new IllegalArgumentException("boom");
            var thrown = assertThrows(IllegalArgumentException.class, () -> p.forRange(100, 1, (from, to) -> {
                if (from > 0) {
                    throw boom;
                }
            }));
            assertSame(boom, thrown);
        }
    }

    @Test
    void theCallerRunsTheChunksOfAWorkerThatIsNotRunning() throws Exception {
        // The only worker is held inside another call; a second call must still finish, on the caller
        // alone, instead of waiting for the worker to be free (what a loaded machine looks like).
        try (Parallel p = new Parallel(2)) {
            CountDownLatch workerInside = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Thread holder = new Thread(() -> p.forRange(2, 1, (from, to) -> {
                try {
                    if (Thread.currentThread().getName().startsWith("slimfit-kernel-")) {
                        workerInside.countDown();
                        release.await();
                    } else {
                        workerInside.await(5, TimeUnit.SECONDS);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            holder.start();
            assertTrue(workerInside.await(5, TimeUnit.SECONDS), "the worker never took a chunk");
            AtomicIntegerArray seen = new AtomicIntegerArray(100);
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> p.forRange(100, 1, (from, to) -> {
                for (int i = from; i < to; i++) {
                    seen.incrementAndGet(i);
                }
            }));
            for (int i = 0; i < 100; i++) {
                assertEquals(1, seen.get(i));
            }
            release.countDown();
            holder.join(5000);
        }
    }
}
