package dev.slimfit.ui.charts;

/**
 * Counts values into equal-width bins. The histogram view-model depends on this interface only,
 * so the simple implementation here can give way to eval's Histogram when it lands.
 */
public interface Binning {

    /** Counts of {@code values} in {@code bins} equal bins over [lo, hi]; values outside are clamped. */
    long[] count(double[] values, double lo, double hi, int bins);

    /** The plain implementation. */
    static Binning simple() {
        return (values, lo, hi, bins) -> {
            long[] out = new long[bins];
            double width = (hi - lo) / bins;
            for (double v : values) {
                int b = width <= 0 ? 0 : (int) Math.floor((v - lo) / width);
                out[Math.max(0, Math.min(bins - 1, b))]++;
            }
            return out;
        };
    }
}
