package dev.slimfit.eval;

import java.util.Locale;

/**
 * Timing harness for {@link Histogram} on 10M weights (not a test; run by hand):
 * {@code java -cp target/classes:target/test-classes dev.slimfit.eval.HistogramBench}.
 */
public final class HistogramBench {
    private HistogramBench() {
    }

    public static void main(String[] args) {
        float[] normal = HistogramTest.gaussian(10_000_000, 7);
        float[] levels = new float[normal.length];
        for (int i = 0; i < levels.length; i++) {
            levels[i] = Math.round(normal[i] * 20) / 20f; // ≤ 256 distinct values: quantized weights
        }
        for (float[] data : new float[][] {normal, levels}) {
            long best = Long.MAX_VALUE;
            long bestCpu = Long.MAX_VALUE;
            int bins = 0;
            var mx = java.lang.management.ManagementFactory.getThreadMXBean();
            for (int rep = 0; rep < 15; rep++) {
                long c0 = mx.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                bins = Histogram.of(data).bins();
                best = Math.min(best, System.nanoTime() - t0);
                bestCpu = Math.min(bestCpu, mx.getCurrentThreadCpuTime() - c0);
            }
            // CPU time is the fairer number on a shared, overloaded machine
            System.out.printf(Locale.ROOT, "%s: %d bins, best of 15: wall %.1f ms, thread CPU %.1f ms%n",
                    data == normal ? "normal" : "levels", bins, best / 1e6, bestCpu / 1e6);
        }
    }
}
