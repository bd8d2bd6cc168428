package dev.slimfit.optimize;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Observed float ranges of subgraph 0's activation tensors, by tensor index: what calibration
 * produces and full-integer quantization consumes (LSTM gate and hidden-state intermediates under
 * the indices {@link LstmIntermediates} numbers after the model's last tensor). Lives in {@code optimize} so that the
 * calibrator ({@code eval}) and the quantizer share one type without depending on each other.
 * Also records how the ranges were obtained, for the exported model's provenance.
 */
public final class ActivationRanges {
    private static final ActivationRanges EMPTY = new ActivationRanges(Map.of(), "none", 0);

    private final Map<Integer, float[]> ranges;
    private final String method;
    private final int samples;

    private ActivationRanges(Map<Integer, float[]> ranges, String method, int samples) {
        TreeMap<Integer, float[]> copy = new TreeMap<>();
        ranges.forEach((k, v) -> {
            if (v == null || v.length != 2 || Float.isNaN(v[0]) || Float.isNaN(v[1]) || v[0] > v[1]) {
                throw new IllegalArgumentException("range of tensor " + k + " must be {min, max} with min <= max");
            }
            copy.put(k, v.clone());
        });
        this.ranges = Collections.unmodifiableMap(copy);
        this.method = method == null ? "unknown" : method;
        this.samples = samples;
    }

    /** No ranges (enough for float16 and dynamic-range schemes). */
    public static ActivationRanges empty() {
        return EMPTY;
    }

    /** Ranges from {@code tensor index -> {min, max}}, method "unknown", 0 samples. */
    public static ActivationRanges of(Map<Integer, float[]> ranges) {
        return new ActivationRanges(ranges, "unknown", 0);
    }

    /** Ranges with the calibration method (e.g. "MIN_MAX") and sample count that produced them. */
    public static ActivationRanges of(Map<Integer, float[]> ranges, String method, int samples) {
        return new ActivationRanges(ranges, method, samples);
    }

    /** The {min, max} of a tensor (copy), if observed. */
    public Optional<float[]> range(int tensorIndex) {
        float[] r = ranges.get(tensorIndex);
        return r == null ? Optional.empty() : Optional.of(r.clone());
    }

    public boolean contains(int tensorIndex) {
        return ranges.containsKey(tensorIndex);
    }

    /** All ranges (copies of the arrays). */
    public Map<Integer, float[]> asMap() {
        TreeMap<Integer, float[]> m = new TreeMap<>();
        ranges.forEach((k, v) -> m.put(k, v.clone()));
        return m;
    }

    public int size() {
        return ranges.size();
    }

    public String method() {
        return method;
    }

    public int samples() {
        return samples;
    }
}
