package dev.slimfit.oracle;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Interpreter settings for one oracle call. Immutable; use the {@code with*} methods.
 *
 * @param threads     TFLite intra-op threads (default 1; -1 lets TFLite decide)
 * @param xnnpack     apply the XNNPACK delegate (default false: TFLite 2.6.2's builtin kernels,
 *                    the reference we compare against; XNNPACK moves float results by ~1e-5)
 * @param inputShapes input index to the shape it is resized to before allocation (for dynamic
 *                    dims such as a batch of -1); empty = the model's shapes
 */
public record OracleOptions(int threads, boolean xnnpack, Map<Integer, int[]> inputShapes) {
    /** One thread, no XNNPACK, no resizing. */
    public static final OracleOptions DEFAULT = new OracleOptions(1, false, Map.of());

    /** Validates and copies the shape map. */
    public OracleOptions {
        if (threads < -1 || threads == 0) {
            throw new IllegalArgumentException("threads must be >= 1 or -1, got " + threads);
        }
        TreeMap<Integer, int[]> copy = new TreeMap<>();
        inputShapes.forEach((k, v) -> copy.put(k, v.clone()));
        inputShapes = Collections.unmodifiableMap(copy);
    }

    /** A copy with another thread count. */
    public OracleOptions withThreads(int n) {
        return new OracleOptions(n, xnnpack, inputShapes);
    }

    /** A copy with XNNPACK on or off. */
    public OracleOptions withXnnpack(boolean on) {
        return new OracleOptions(threads, on, inputShapes);
    }

    /** A copy that resizes input {@code index} to {@code shape} before running. */
    public OracleOptions withInputShape(int index, int... shape) {
        TreeMap<Integer, int[]> m = new TreeMap<>(inputShapes);
        m.put(index, shape.clone());
        return new OracleOptions(threads, xnnpack, m);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("threads=" + threads + " xnnpack=" + xnnpack);
        inputShapes.forEach((k, v) -> sb.append(" shape[").append(k).append("]=").append(Arrays.toString(v)));
        return sb.toString();
    }
}
