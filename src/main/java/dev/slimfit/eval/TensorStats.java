package dev.slimfit.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Calibration statistics of subgraph 0's tensors (model inputs and every op output), keyed by
 * tensor index, with the tensor names. Stands in for the optimizer's {@code ActivationRanges}
 * until both meet in main; {@link #ranges} is the bridge.
 */
public final class TensorStats {
    /** How to turn statistics into a quantization range. */
    public enum Method {
        /** Observed min/max, as TFLite's converter calibrates. */
        MINMAX,
        /** Percentile clipping: [q(1-p), q(p)] of the histogram, widened to contain 0. */
        PERCENTILE,
        /** The range minimising 8-bit quantization MSE over the histogram. */
        MSE
    }

    private final Map<Integer, RangeHistogram> stats;
    private final Map<Integer, String> names;
    private final int samples;

    TensorStats(Map<Integer, RangeHistogram> stats, Map<Integer, String> names, int samples) {
        this.stats = Collections.unmodifiableMap(new TreeMap<>(stats));
        this.names = Collections.unmodifiableMap(new TreeMap<>(names));
        this.samples = samples;
    }

    /** Samples calibrated on. */
    public int samples() {
        return samples;
    }

    /** Per-tensor statistics by tensor index. */
    public Map<Integer, RangeHistogram> histograms() {
        return stats;
    }

    /** Tensor names by index. */
    public Map<Integer, String> names() {
        return names;
    }

    /** Observed [min, max] per tensor. */
    public Map<Integer, float[]> minMax() {
        return ranges(Method.MINMAX, 0);
    }

    /**
     * Ranges per tensor index as {@code float[]{min, max}}.
     *
     * @param param for PERCENTILE the kept percentage (e.g. 99.99); ignored otherwise
     */
    public Map<Integer, float[]> ranges(Method method, double param) {
        Map<Integer, float[]> out = new LinkedHashMap<>();
        for (Map.Entry<Integer, RangeHistogram> e : stats.entrySet()) {
            RangeHistogram h = e.getValue();
            if (h.total() == 0) {
                continue;
            }
            double[] r = switch (method) {
                case MINMAX -> new double[] {h.min(), h.max()};
                case PERCENTILE -> {
                    double p = param <= 0 || param > 100 ? 99.99 : param;
                    double tail = (100 - p) / 100;
                    yield new double[] {Math.min(0, h.quantile(tail)), Math.max(0, h.quantile(1 - tail))};
                }
                case MSE -> h.mseOptimalRange(8);
            };
            out.put(e.getKey(), new float[] {(float) r[0], (float) r[1]});
        }
        return out;
    }
}
