package dev.slimfit.model;

/**
 * A tensor's quantization reduced to what a summary shows: per-tensor scale and zero point,
 * per-channel count and dimension, or only a recorded float range.
 *
 * @param kind       which of the three
 * @param scale      the scale (per-tensor only, else NaN)
 * @param zeroPoint  the zero point (per-tensor only, else 0)
 * @param channels   number of scales (per-channel only, else 1 or 0 for a range)
 * @param dimension  the quantized dimension (per-channel only, else 0)
 * @param min        the recorded minimum (range only, else NaN)
 * @param max        the recorded maximum (range only, else NaN)
 */
public record QuantInfo(Kind kind, float scale, long zeroPoint, int channels, int dimension, float min, float max) {

    /** The three forms of quantization a summary distinguishes. */
    public enum Kind {
        /** One scale and zero point for the whole tensor. */
        PER_TENSOR,
        /** One scale (and zero point) per slice along {@code dimension}. */
        PER_CHANNEL,
        /** No scale, only the min/max float range recorded by the converter. */
        RANGE
    }

    /** The summary of {@code q}, or null when the tensor carries no quantization information. */
    public static QuantInfo of(QuantizationParams q) {
        if (q == null) {
            return null;
        }
        if (q.isPerChannel()) {
            return new QuantInfo(Kind.PER_CHANNEL, Float.NaN, 0, q.channelCount(), q.quantizedDimension(),
                    Float.NaN, Float.NaN);
        }
        if (q.isAffine()) {
            return new QuantInfo(Kind.PER_TENSOR, q.scale(0), q.zeroPoint(0), 1, 0, Float.NaN, Float.NaN);
        }
        float[] min = q.min();
        float[] max = q.max();
        if (min != null && max != null && min.length > 0 && max.length > 0) {
            return new QuantInfo(Kind.RANGE, Float.NaN, 0, 0, 0, min[0], max[0]);
        }
        return null;
    }

    /** "scale=0.0078125 zp=128", "per-channel(32) dim 3" or "range[-6.0, 6.0]". */
    public String describe() {
        return switch (kind) {
            case PER_TENSOR -> "scale=" + shortFloat(scale) + " zp=" + zeroPoint;
            case PER_CHANNEL -> "per-channel(" + channels + ") dim " + dimension;
            case RANGE -> "range[" + shortFloat(min) + ", " + shortFloat(max) + "]";
        };
    }

    /** Java's shortest round-trip form of the float32 ("0.0078125", "1.5E-7"), as in the JSON output. */
    private static String shortFloat(float f) {
        return Float.toString(f);
    }
}
