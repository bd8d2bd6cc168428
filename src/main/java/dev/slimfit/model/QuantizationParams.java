package dev.slimfit.model;

import java.util.Arrays;

/**
 * A tensor's quantization: real = scale × (q − zeroPoint), per tensor (one scale) or per channel
 * along {@code quantizedDimension}. {@code min}/{@code max} are the optional recorded float ranges;
 * {@code customDetails} holds the bytes of a {@code CustomQuantization} detail, or null.
 */
public final class QuantizationParams {
    private final float[] min;
    private final float[] max;
    private final float[] scales;
    private final long[] zeroPoints;
    private final int quantizedDimension;
    private final byte[] customDetails;

    /** Arrays may be null where the file has no such vector. */
    public QuantizationParams(float[] min, float[] max, float[] scales, long[] zeroPoints,
                              int quantizedDimension, byte[] customDetails) {
        this.min = min == null ? null : min.clone();
        this.max = max == null ? null : max.clone();
        this.scales = scales == null ? null : scales.clone();
        this.zeroPoints = zeroPoints == null ? null : zeroPoints.clone();
        this.quantizedDimension = quantizedDimension;
        this.customDetails = customDetails == null ? null : customDetails.clone();
    }

    /** Per-tensor affine quantization. */
    public static QuantizationParams perTensor(float scale, long zeroPoint) {
        return new QuantizationParams(null, null, new float[] {scale}, new long[] {zeroPoint}, 0, null);
    }

    /** Per-channel quantization along {@code dimension}. */
    public static QuantizationParams perChannel(float[] scales, long[] zeroPoints, int dimension) {
        return new QuantizationParams(null, null, scales, zeroPoints, dimension, null);
    }

    public float[] min() {
        return min == null ? null : min.clone();
    }

    public float[] max() {
        return max == null ? null : max.clone();
    }

    /** Scales (copy), or null when absent. */
    public float[] scales() {
        return scales == null ? null : scales.clone();
    }

    /** Zero points (copy), or null when absent. */
    public long[] zeroPoints() {
        return zeroPoints == null ? null : zeroPoints.clone();
    }

    public int quantizedDimension() {
        return quantizedDimension;
    }

    public byte[] customDetails() {
        return customDetails == null ? null : customDetails.clone();
    }

    /** Number of scales (0 when the tensor only records min/max). */
    public int channelCount() {
        return scales == null ? 0 : scales.length;
    }

    /** True when the tensor has at least one scale, i.e. holds quantized values. */
    public boolean isAffine() {
        return scales != null && scales.length > 0;
    }

    /**
     * True when the table records nothing (no min/max, scales, zero points or custom details), as
     * the converter writes for every float tensor; TFLite reads such a table as no quantization.
     */
    public boolean isEmpty() {
        return empty(min) && empty(max) && empty(scales) && (zeroPoints == null || zeroPoints.length == 0)
                && customDetails == null;
    }

    private static boolean empty(float[] v) {
        return v == null || v.length == 0;
    }

    /** True with more than one scale. */
    public boolean isPerChannel() {
        return scales != null && scales.length > 1;
    }

    /** The scale of channel {@code c} (0 for per-tensor). */
    public float scale(int c) {
        return scales[c];
    }

    /** The zero point of channel {@code c}, 0 when the file lists none. */
    public long zeroPoint(int c) {
        return zeroPoints == null || zeroPoints.length == 0 ? 0 : zeroPoints[Math.min(c, zeroPoints.length - 1)];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QuantizationParams q && Arrays.equals(min, q.min) && Arrays.equals(max, q.max)
                && Arrays.equals(scales, q.scales) && Arrays.equals(zeroPoints, q.zeroPoints)
                && quantizedDimension == q.quantizedDimension && Arrays.equals(customDetails, q.customDetails);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(scales) + Arrays.hashCode(zeroPoints) + quantizedDimension;
    }

    @Override
    public String toString() {
        if (!isAffine()) {
            return min != null && min.length > 0 ? "range[" + min[0] + ", " + max[0] + "]" : "none";
        }
        if (!isPerChannel()) {
            return "scale=" + scales[0] + " zp=" + zeroPoint(0);
        }
        return "per-channel(" + scales.length + ", dim " + quantizedDimension + ")";
    }
}
