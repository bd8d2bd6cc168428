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
        return fit(values, k, init, seed, 0).centroids();
    }

    /**
     * A scalar quantizer: ascending centroids and the thresholds between neighbours (value v goes to
     * the first centroid j with v ≤ thresholds[j], the last one otherwise). Plain k-means has the
     * midpoints; entropy-constrained assignment moves them towards the rarer centroid.
     */
    public record Fit(float[] centroids, double[] thresholds) {
        /** Index of the centroid {@code v} is assigned to. */
        public int index(float v) {
            int lo = 0;
            int hi = thresholds.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (v <= thresholds[mid]) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            return lo;
        }

        /** The centroid {@code v} is assigned to. */
        public float apply(float v) {
            return centroids[index(v)];
        }
    }

    /**
     * Clusters {@code values}; with {@code lambda > 0} the Lloyd iterations continue as
     * entropy-constrained scalar quantization (Chou, Lookabaugh and Gray 1989): assignment by
     * (v − c)² + λ·σ²·(−log₂ p(c)) with p the populations of the previous step, σ² the mean of v²
     * (so λ is dimensionless), centroids the means; clusters that empty die. Fewer, more skewed
     * clusters mean fewer bits per weight after an entropy coder such as deflate.
     */
    public static Fit fit(float[] values, int k, Clustering.Init init, long seed, double lambda) {
        if (values.length == 0) {
            return new Fit(new float[0], new double[0]);
        }
        double[] sorted = new double[values.length];
        double meanSquare = 0;
        for (int i = 0; i < values.length; i++) {
            sorted[i] = values[i];
            meanSquare += (double) values[i] * values[i];
        }
        meanSquare /= values.length;
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
        lloyd(sorted, prefix, c, bounds, null);
        if (lambda > 0) {
            for (int it = 0; it < MAX_ITERATIONS; it++) {
                double[][] alive = envelope(c, costs(sorted.length, bounds), lambda * meanSquare);
                boolean died = alive[0].length != c.length;
                c = alive[0];
                bounds = new int[c.length + 1];
                if (!lloyd(sorted, prefix, c, bounds, alive[1]) && !died) {
                    break;
                }
            }
            return new Fit(toFloats(c), thresholds(c, costs(sorted.length, bounds), lambda * meanSquare));
        }
        return new Fit(toFloats(c), thresholds(c, new double[c.length], 0));
    }

    /** −log₂ of each cluster's population share (infinite when empty). */
    private static double[] costs(int n, int[] bounds) {
        double[] bits = new double[bounds.length - 1];
        for (int j = 0; j < bits.length; j++) {
            int m = bounds[j + 1] - bounds[j];
            bits[j] = m == 0 ? Double.POSITIVE_INFINITY : -Math.log((double) m / n) / Math.log(2);
        }
        return bits;
    }

    /**
     * Thresholds where the cost (v − c_j)² + w·b_j of neighbours j, j+1 is equal. With the
     * centroids that survive {@link #envelope} they ascend.
     */
    private static double[] thresholds(double[] c, double[] bits, double w) {
        double[] t = new double[Math.max(0, c.length - 1)];
        for (int j = 0; j + 1 < c.length; j++) {
            t[j] = 0.5 * (c[j] + c[j + 1]) + w * (bits[j + 1] - bits[j]) / (2 * (c[j + 1] - c[j]));
        }
        return t;
    }

    /**
     * The centroids that win somewhere under cost (v − c)² + w·b (a lower envelope of parabolas of
     * equal curvature, so every winner owns one interval, in centroid order), and their thresholds.
     */
    private static double[][] envelope(double[] c, double[] bits, double w) {
        int[] stack = new int[c.length];
        int top = 0;
        for (int j = 0; j < c.length; j++) {
            if (Double.isInfinite(bits[j])) {
                continue;
            }
            while (top >= 1) {
                int a = stack[top - 1];
                double tAj = cross(c, bits, w, a, j);
                if (top >= 2 && cross(c, bits, w, stack[top - 2], a) >= tAj) {
                    top--; // a never wins between its neighbours
                } else {
                    break;
                }
            }
            stack[top++] = j;
        }
        double[] keep = new double[top];
        double[] keptBits = new double[top];
        for (int i = 0; i < top; i++) {
            keep[i] = c[stack[i]];
            keptBits[i] = bits[stack[i]];
        }
        return new double[][] {keep, thresholds(keep, keptBits, w)};
    }

    private static double cross(double[] c, double[] bits, double w, int a, int b) {
        return 0.5 * (c[a] + c[b]) + w * (bits[b] - bits[a]) / (2 * (c[b] - c[a]));
    }

    /**
     * Lloyd iterations (or one ECSQ step when {@code fixed} thresholds are given): assign, move the
     * centroids to their means. Returns whether anything moved.
     */
    private static boolean lloyd(double[] sorted, double[] prefix, double[] c, int[] bounds, double[] fixed) {
        boolean any = false;
        for (int it = 0; it < (fixed == null ? MAX_ITERATIONS : 1); it++) {
            if (fixed == null) {
                assign(sorted, c, bounds);
            } else {
                assign(sorted, fixed, bounds, c.length);
            }
            boolean moved = false;
            for (int j = 0; j < c.length; j++) {
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
            any |= moved;
            if (!moved) {
                break;
            }
        }
        return any;
    }

    private static void assign(double[] sorted, double[] thresholds, int[] bounds, int k) {
        bounds[0] = 0;
        int i = 0;
        for (int j = 0; j < k - 1; j++) {
            while (i < sorted.length && sorted[i] <= thresholds[j]) {
                i++;
            }
            bounds[j + 1] = i;
        }
        bounds[k] = sorted.length;
    }

    private static float[] toFloats(double[] c) {
        float[] out = new float[c.length];
        for (int j = 0; j < c.length; j++) {
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
