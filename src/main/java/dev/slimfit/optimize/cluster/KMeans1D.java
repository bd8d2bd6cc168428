package dev.slimfit.optimize.cluster;

import dev.slimfit.optimize.Clustering;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Exact-assignment Lloyd k-means on one dimension: the values are sorted once, so each
 * iteration assigns clusters by walking the sorted array against the sorted centroids (the
 * boundaries are midpoints) and recomputes centroids from prefix sums — O(n + k) per iteration
 * after the O(n log n) sort, instead of a generic O(n·k) solver.
 */
public final class KMeans1D {
    private static final int MAX_ITERATIONS = 100;

    private KMeans1D() {
    }

    /**
     * Clusters {@code values} into at most {@code k} centroids.
     *
     * @return centroids in ascending order (fewer than k when there are fewer distinct values)
     */
    public static float[] fit(float[] values, int k, Clustering.Init init, long seed) {
        if (values.length == 0) {
            return new float[0];
        }
        double[] sorted = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            sorted[i] = values[i];
        }
        Arrays.sort(sorted);
        int distinct = 1;
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] != sorted[i - 1]) {
                distinct++;
            }
        }
        int kk = Math.min(k, distinct);
        double[] prefix = new double[sorted.length + 1];
        for (int i = 0; i < sorted.length; i++) {
            prefix[i + 1] = prefix[i] + sorted[i];
        }
        double[] c = initial(sorted, kk, init, new SplittableRandom(seed));
        int[] bounds = new int[kk + 1];
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            assign(sorted, c, bounds);
            boolean moved = false;
            for (int j = 0; j < kk; j++) {
                int n = bounds[j + 1] - bounds[j];
                if (n == 0) {
                    continue;
                }
                double mean = (prefix[bounds[j + 1]] - prefix[bounds[j]]) / n;
                if (mean != c[j]) {
                    moved = true;
                    c[j] = mean;
                }
            }
            Arrays.sort(c);
            if (!moved) {
                break;
            }
        }
        float[] out = new float[kk];
        for (int j = 0; j < kk; j++) {
            out[j] = (float) c[j];
        }
        Arrays.sort(out);
        return out;
    }

    /** bounds[j]..bounds[j+1] is the run of sorted values nearest to centroid j (c ascending). */
    private static void assign(double[] sorted, double[] c, int[] bounds) {
        int k = c.length;
        bounds[0] = 0;
        int i = 0;
        for (int j = 0; j < k - 1; j++) {
            double mid = 0.5 * (c[j] + c[j + 1]);
            while (i < sorted.length && sorted[i] <= mid) {
                i++;
            }
            bounds[j + 1] = i;
        }
        bounds[k] = sorted.length;
    }

    private static double[] initial(double[] sorted, int k, Clustering.Init init, SplittableRandom rnd) {
        double[] c = new double[k];
        double lo = sorted[0];
        double hi = sorted[sorted.length - 1];
        switch (init) {
            case LINEAR -> {
                for (int j = 0; j < k; j++) {
                    c[j] = k == 1 ? (lo + hi) / 2 : lo + (hi - lo) * j / (k - 1);
                }
            }
            case RANDOM -> {
                for (int j = 0; j < k; j++) {
                    c[j] = lo + (hi - lo) * rnd.nextDouble();
                }
            }
            case DENSITY_BASED -> {
                // Quantiles of the empirical CDF, as TF-MOT's density-based initialisation.
                for (int j = 0; j < k; j++) {
                    int idx = (int) Math.min(sorted.length - 1, Math.round((j + 0.5) * sorted.length / k));
                    c[j] = sorted[idx];
                }
            }
            case KMEANS_PLUS_PLUS -> kmeansPlusPlus(sorted, c, rnd);
            default -> throw new IllegalArgumentException(String.valueOf(init));
        }
        Arrays.sort(c);
        dedupe(sorted, c);
        return c;
    }

    private static void kmeansPlusPlus(double[] sorted, double[] c, SplittableRandom rnd) {
        int n = sorted.length;
        double[] d2 = new double[n];
        c[0] = sorted[rnd.nextInt(n)];
        Arrays.fill(d2, Double.MAX_VALUE);
        for (int j = 1; j < c.length; j++) {
            double total = 0;
            for (int i = 0; i < n; i++) {
                double d = sorted[i] - c[j - 1];
                d2[i] = Math.min(d2[i], d * d);
                total += d2[i];
            }
            double r = rnd.nextDouble() * total;
            int pick = n - 1;
            for (int i = 0; i < n; i++) {
                r -= d2[i];
                if (r <= 0) {
                    pick = i;
                    break;
                }
            }
            c[j] = sorted[pick];
        }
    }

    /** Identical initial centroids would leave empty clusters: spread duplicates over distinct values. */
    private static void dedupe(double[] sorted, double[] c) {
        for (int j = 1; j < c.length; j++) {
            if (c[j] <= c[j - 1]) {
                int idx = Arrays.binarySearch(sorted, c[j - 1]);
                idx = idx < 0 ? -idx - 1 : idx;
                while (idx < sorted.length && sorted[idx] <= c[j - 1]) {
                    idx++;
                }
                c[j] = idx < sorted.length ? sorted[idx] : c[j - 1] + Math.ulp(c[j - 1]);
            }
        }
    }

    /** Replaces each value by its nearest centroid (centroids ascending). */
    public static void snap(float[] values, float[] centroids) {
        for (int i = 0; i < values.length; i++) {
            values[i] = nearest(values[i], centroids);
        }
    }

    static float nearest(float v, float[] c) {
        int idx = Arrays.binarySearch(c, v);
        if (idx >= 0) {
            return c[idx];
        }
        int hi = -idx - 1;
        if (hi == 0) {
            return c[0];
        }
        if (hi == c.length) {
            return c[c.length - 1];
        }
        return v - c[hi - 1] <= c[hi] - v ? c[hi - 1] : c[hi];
    }
}
