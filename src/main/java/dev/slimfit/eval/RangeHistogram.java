package dev.slimfit.eval;

/**
 * Running min/max and a fixed-bin-count histogram of one tensor's values that widens as new
 * values arrive (old bins are re-binned by their centres, as PyTorch's HistogramObserver does).
 * Not thread-safe; per-thread instances are merged with {@link #merge}.
 */
public final class RangeHistogram {
    /** Bins kept per tensor. */
    public static final int BINS = 2048;

    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private double lo;
    private double hi;
    private final long[] counts = new long[BINS];
    private long total;

    /** Adds values. */
    public void add(double[] v) {
        if (v.length == 0) {
            return;
        }
        double bmin = Double.POSITIVE_INFINITY;
        double bmax = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            if (x < bmin) {
                bmin = x;
            }
            if (x > bmax) {
                bmax = x;
            }
        }
        if (Double.isNaN(bmin) || Double.isNaN(bmax) || Double.isInfinite(bmin) || Double.isInfinite(bmax)) {
            return; // a NaN/inf activation carries no range information
        }
        widen(bmin, bmax);
        double w = (hi - lo) / BINS;
        for (double x : v) {
            counts[bin(x, w)]++;
        }
        total += v.length;
    }

    private int bin(double x, double w) {
        if (w <= 0) {
            return 0;
        }
        int b = (int) ((x - lo) / w);
        return b < 0 ? 0 : Math.min(b, BINS - 1);
    }

    private void widen(double bmin, double bmax) {
        double nmin = Math.min(min, bmin);
        double nmax = Math.max(max, bmax);
        if (total == 0) {
            lo = nmin;
            hi = nmax;
        } else if (nmin < lo || nmax > hi) {
            long[] old = counts.clone();
            double ow = (hi - lo) / BINS;
            double olo = lo;
            lo = nmin;
            hi = nmax;
            java.util.Arrays.fill(counts, 0);
            double w = (hi - lo) / BINS;
            for (int b = 0; b < BINS; b++) {
                if (old[b] != 0) {
                    counts[bin(olo + (b + 0.5) * ow, w)] += old[b];
                }
            }
        }
        min = nmin;
        max = nmax;
    }

    /** Folds {@code other} into this. */
    public void merge(RangeHistogram other) {
        if (other.total == 0) {
            return;
        }
        widen(other.min, other.max);
        double w = (hi - lo) / BINS;
        double ow = (other.hi - other.lo) / BINS;
        for (int b = 0; b < BINS; b++) {
            if (other.counts[b] != 0) {
                counts[bin(other.lo + (b + 0.5) * ow, w)] += other.counts[b];
            }
        }
        total += other.total;
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    public long total() {
        return total;
    }

    /** Bin counts over [{@link #lo()}, {@link #hi()}] (copy). */
    public long[] counts() {
        return counts.clone();
    }

    public double lo() {
        return lo;
    }

    public double hi() {
        return hi;
    }

    /** The value below which a fraction {@code q} (0..1) of the values lie (bin-interpolated). */
    public double quantile(double q) {
        if (total == 0) {
            return 0;
        }
        double target = q * total;
        double w = (hi - lo) / BINS;
        long acc = 0;
        for (int b = 0; b < BINS; b++) {
            if (acc + counts[b] >= target) {
                double frac = counts[b] == 0 ? 0 : (target - acc) / counts[b];
                return lo + (b + frac) * w;
            }
            acc += counts[b];
        }
        return hi;
    }

    /**
     * The clipping range [a, b] (with a ≤ 0 ≤ b, as TFLite ranges must contain zero) that minimises
     * the expected squared error of {@code bits}-bit asymmetric quantization over this histogram:
     * clipping error for values outside plus uniform rounding error Δ²/12 inside.
     */
    public double[] mseOptimalRange(int bits) {
        if (total == 0) {
            return new double[] {0, 0};
        }
        double levels = Math.pow(2, bits) - 1;
        double aMax = Math.min(0, lo);
        double bMax = Math.max(0, hi);
        int steps = 48;
        // coarse grid over the whole range, then a finer grid around the best cell
        double[] best = search(aMax, 0, bMax, 0, steps, levels, new double[] {aMax, bMax});
        double da = -aMax / steps;
        double db = bMax / steps;
        return search(Math.max(aMax, best[0] - da), Math.min(0, best[0] + da),
                Math.min(bMax, best[1] + db), Math.max(0, best[1] - db), steps, levels, best);
    }

    /** Grid search of a in [aLo, aHi] (aLo ≤ aHi ≤ 0) and b in [bLo, bHi] (bHi ≤ bLo), from far to near 0. */
    private double[] search(double aLo, double aHi, double bLo, double bHi, int steps, double levels,
                            double[] start) {
        double[] best = start.clone();
        double bestErr = error(best[0], best[1], levels);
        for (int i = 0; i < steps; i++) {
            double a = aLo + (aHi - aLo) * i / steps;
            for (int j = 0; j < steps; j++) {
                double b = bLo + (bHi - bLo) * j / steps;
                if (b - a <= 0) {
                    continue;
                }
                double err = error(a, b, levels);
                if (err < bestErr) {
                    bestErr = err;
                    best = new double[] {a, b};
                }
            }
            if (aLo == aHi) {
                break;
            }
        }
        return best;
    }

    private double error(double a, double b, double levels) {
        double w = (hi - lo) / BINS;
        double delta = (b - a) / levels;
        double inside = delta * delta / 12;
        double err = 0;
        for (int k = 0; k < BINS; k++) {
            if (counts[k] != 0) {
                double c = lo + (k + 0.5) * w;
                double e = c < a ? (a - c) * (a - c) : c > b ? (c - b) * (c - b) : inside;
                err += e * counts[k];
            }
        }
        return err;
    }
}
