package dev.slimfit.eval;

import java.util.Arrays;

/**
 * A weight-distribution histogram, numbers only (the UI draws it). Bins: one per distinct value
 * when there are few (up to 256) (quantized or clustered weights show as their exact levels), otherwise
 * Freedman–Diaconis width (2·IQR·n^(-1/3)) capped to [16, 512] bins — robust to the heavy tails
 * and skew of real weights, where Sturges' rule under-bins. Optional overlays: a quantization
 * grid, a clipping range and cluster centroids.
 *
 * @param edges     bin edges, length = counts.length + 1 (for distinct values: centred on each value)
 * @param counts    values per bin
 * @param min       smallest value
 * @param max       largest value
 * @param distinct  true when each bin is one distinct value
 * @param grid      quantization levels to draw (may be empty)
 * @param clip      clipping range {lo, hi} to draw, or null
 * @param centroids cluster centroids to draw (may be empty)
 */
public record Histogram(double[] edges, long[] counts, double min, double max, boolean distinct, double[] grid,
                        double[] clip, double[] centroids) {
    /** Most bins for continuous data. */
    public static final int MAX_BINS = 512;
    /** Fewest bins for continuous data. */
    public static final int MIN_BINS = 16;
    /** Up to this many distinct values get one bin each. */
    public static final int MAX_DISTINCT = 256;

    /** Bins {@code values} (NaNs ignored). Three linear passes at most; no sorting of the data. */
    public static Histogram of(float[] values) {
        int n = 0;
        float mn = Float.POSITIVE_INFINITY;
        float mx = Float.NEGATIVE_INFINITY;
        for (float v : values) {
            if (v == v) {
                n++;
                mn = Math.min(mn, v);
                mx = Math.max(mx, v);
            }
        }
        if (n == 0) {
            return new Histogram(new double[] {0, 1}, new long[] {0}, 0, 0, false, new double[0], null, new double[0]);
        }
        if (mn == mx) {
            return new Histogram(new double[] {mn - 0.5, mn + 0.5}, new long[] {n}, mn, mx, true, new double[0],
                    null, new double[0]);
        }
        Histogram levels = distinctLevels(values, mn, mx);
        if (levels != null) {
            return levels;
        }
        int bins = fdBins(values, n, mn, mx);
        double w = ((double) mx - mn) / bins;
        long[] counts = new long[bins];
        double inv = 1 / w;
        for (float v : values) {
            if (v == v) {
                int b = (int) ((v - (double) mn) * inv);
                counts[b >= bins ? bins - 1 : b]++;
            }
        }
        double[] edges = new double[bins + 1];
        for (int i = 0; i <= bins; i++) {
            edges[i] = mn + i * w;
        }
        edges[bins] = mx;
        return new Histogram(edges, counts, mn, mx, false, new double[0], null, new double[0]);
    }

    /**
     * One bin per distinct value when there are at most {@link #MAX_DISTINCT}: a fine grid of 4,096
     * cells remembers the first value seen in each cell and whether a different one followed; data
     * with few occupied, single-valued cells is made of levels (quantized or clustered weights).
     */
    private static Histogram distinctLevels(float[] values, float mn, float mx) {
        final int cells = 4096;
        double inv = cells / ((double) mx - mn);
        float[] first = new float[cells];
        long[] count = new long[cells];
        int occupied = 0;
        for (float v : values) {
            if (v != v) {
                continue;
            }
            int c = (int) ((v - (double) mn) * inv);
            if (c >= cells) {
                c = cells - 1;
            }
            if (count[c] == 0) {
                if (++occupied > MAX_DISTINCT) {
                    return null;
                }
                first[c] = v;
            } else if (first[c] != v) {
                return null;
            }
            count[c]++;
        }
        float[] d = new float[occupied];
        long[] counts = new long[occupied];
        int k = 0;
        for (int c = 0; c < cells; c++) {
            if (count[c] != 0) {
                d[k] = first[c];
                counts[k++] = count[c];
            }
        }
        double[] edges = new double[d.length + 1];
        double half = d.length > 1 ? minGap(d) / 2 : 0.5;
        for (int i = 0; i < d.length; i++) {
            edges[i] = d[i] - half;
        }
        edges[d.length] = d[d.length - 1] + half;
        return new Histogram(edges, counts, mn, mx, true, new double[0], null, new double[0]);
    }

    private static double minGap(float[] d) {
        double g = Double.MAX_VALUE;
        for (int i = 1; i < d.length; i++) {
            g = Math.min(g, (double) d[i] - d[i - 1]);
        }
        return g;
    }

    /** Freedman–Diaconis bin count on a strided sample (≤ 65,536 values) for the IQR. */
    private static int fdBins(float[] values, int n, float mn, float mx) {
        int stride = Math.max(1, values.length / 65536);
        float[] s = new float[(values.length + stride - 1) / stride];
        int k = 0;
        for (int i = 0; i < values.length; i += stride) {
            if (values[i] == values[i]) {
                s[k++] = values[i];
            }
        }
        s = Arrays.copyOf(s, k);
        Arrays.sort(s);
        double iqr = k < 4 ? 0 : s[(3 * k) / 4] - s[k / 4];
        double range = (double) mx - mn;
        if (iqr <= 0 || range <= 0) {
            return range <= 0 ? 1 : MIN_BINS;
        }
        double width = 2 * iqr / Math.cbrt(n);
        return (int) Math.max(MIN_BINS, Math.min(MAX_BINS, Math.ceil(range / width)));
    }

    /** This histogram with a quantization grid: levels {@code scale·(q − zp)} for q in [qmin, qmax] within the data range (±1 step). */
    public Histogram withGrid(double scale, long zeroPoint, long qmin, long qmax) {
        if (!(scale > 0)) {
            return this;
        }
        long lo = Math.max(qmin, (long) Math.floor(min / scale) + zeroPoint - 1);
        long hi = Math.min(qmax, (long) Math.ceil(max / scale) + zeroPoint + 1);
        int count = (int) Math.max(0, Math.min(hi - lo + 1, 4096));
        double[] g = new double[count];
        for (int i = 0; i < count; i++) {
            g[i] = scale * (lo + i - zeroPoint);
        }
        return new Histogram(edges, counts, min, max, distinct, g, clip, centroids);
    }

    /** This histogram with a clipping range to draw. */
    public Histogram withClip(double lo, double hi) {
        return new Histogram(edges, counts, min, max, distinct, grid, new double[] {lo, hi}, centroids);
    }

    /** This histogram with cluster centroids to draw. */
    public Histogram withCentroids(double[] c) {
        return new Histogram(edges, counts, min, max, distinct, grid, clip, c.clone());
    }

    /** Number of bins. */
    public int bins() {
        return counts.length;
    }

    /** Total count. */
    public long total() {
        return Arrays.stream(counts).sum();
    }
}
