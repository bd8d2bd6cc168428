package dev.slimfit.quant;

/**
 * Affine quantization {@code real = scale * (q - zeroPoint)} as TFLite 2.6.2 evaluates it, and the
 * fused-activation clamping ranges (kernel_util.cc {@code CalculateActivationRange*}).
 *
 * <p>The QUANTIZE op computes differently in its two kernels, and the choice shows in ties:
 * <ul>
 *   <li>reference ({@link #quantizeReference}): {@code roundf(x / (float) scale)}, all in float;</li>
 *   <li>generic optimized, the default ({@link #quantize}): the scalar loop divides the float by
 *   the scale held as a <em>double</em> and rounds the double. (The NEON loop multiplies by a float
 *   reciprocal instead; the x86-64 build we match does not take that path.)</li>
 * </ul>
 * Both truncate to int32 with x86 semantics (out of range or NaN gives INT32_MIN, so a huge
 * positive input ends at qmin), add the zero point (wrapping) and clamp.
 */
public final class AffineQuantization {
    private AffineQuantization() {
    }

    /** Schema code of fused activation NONE. */
    public static final int ACT_NONE = 0;
    /** Schema code of fused activation RELU. */
    public static final int ACT_RELU = 1;
    /** Schema code of fused activation RELU_N1_TO_1. */
    public static final int ACT_RELU_N1_TO_1 = 2;
    /** Schema code of fused activation RELU6. */
    public static final int ACT_RELU6 = 3;
    /** Schema code of fused activation TANH. */
    public static final int ACT_TANH = 4;
    /** Schema code of fused activation SIGN_BIT. */
    public static final int ACT_SIGN_BIT = 5;

    /** A clamping range {@code [min, max]} for integer outputs. */
    public record IntRange(int min, int max) {
    }

    /** A clamping range {@code [min, max]} for float outputs. */
    public record FloatRange(float min, float max) {
    }

    /** QUANTIZE, default kernel: {@code round((double) x / (double) scale)} + zp, clamped. */
    public static int quantize(float real, float scale, int zeroPoint, int qmin, int qmax) {
        int unclamped = Rounding.truncateToInt32X86(Rounding.round((double) real / (double) scale)) + zeroPoint;
        return Math.min(Math.max(unclamped, qmin), qmax);
    }

    /** QUANTIZE, reference kernel: {@code roundf(x / scale)} in float + zp, clamped. */
    public static int quantizeReference(float real, float scale, int zeroPoint, int qmin, int qmax) {
        int unclamped = Rounding.truncateToInt32X86(Rounding.round(real / scale)) + zeroPoint;
        return Math.min(Math.max(unclamped, qmin), qmax);
    }

    /**
     * DEQUANTIZE: {@code (float) (scale * (q - zp))} with the scale widened to double and the
     * product rounded once to float (both TFLite kernels' scalar loops).
     */
    public static float dequantize(int q, float scale, int zeroPoint) {
        return (float) ((double) scale * (double) (q - zeroPoint));
    }

    /** Dequantization in float ({@code scale * (q - zp)}), as the 8-bit table builders do. */
    public static float dequantizeFloat(int q, float scale, int zeroPoint) {
        return scale * (float) (q - zeroPoint);
    }

    /**
     * TFLite's internal {@code Quantize} used for activation bounds: {@code zp + (int) roundf(f / scale)}
     * in float, rejecting quotients that do not fit int32 (a 2.6 overflow fix).
     */
    static int quantizeBound(float scale, int zeroPoint, float f) {
        float tmp = Rounding.round(f / scale);
        if (!(tmp >= (float) Integer.MIN_VALUE && tmp <= (float) Integer.MAX_VALUE)) {
            throw new ArithmeticException("activation bound " + f + " / " + scale + " overflows int32");
        }
        return zeroPoint + (int) tmp;
    }

    /**
     * TFLite {@code CalculateActivationRangeQuantized}: the output codes a fused RELU, RELU6 or
     * RELU_N1_TO_1 clamps to, intersected with [qmin, qmax]. Every other code (NONE, TANH, SIGN_BIT,
     * unknown) leaves the full range, as TFLite does.
     */
    public static IntRange calculateActivationRangeQuantized(int activation, float scale, int zeroPoint,
                                                             int qmin, int qmax) {
        switch (activation) {
            case ACT_RELU:
                return new IntRange(Math.max(qmin, quantizeBound(scale, zeroPoint, 0.0f)), qmax);
            case ACT_RELU6:
                return new IntRange(Math.max(qmin, quantizeBound(scale, zeroPoint, 0.0f)),
                        Math.min(qmax, quantizeBound(scale, zeroPoint, 6.0f)));
            case ACT_RELU_N1_TO_1:
                return new IntRange(Math.max(qmin, quantizeBound(scale, zeroPoint, -1.0f)),
                        Math.min(qmax, quantizeBound(scale, zeroPoint, 1.0f)));
            default:
                return new IntRange(qmin, qmax);
        }
    }

    /** As above with the range of a tensor type. */
    public static IntRange calculateActivationRangeQuantized(int activation, float scale, int zeroPoint,
                                                             TensorTypeRange type) {
        return calculateActivationRangeQuantized(activation, scale, zeroPoint, type.qmin(), type.qmax());
    }

    /**
     * TFLite {@code CalculateActivationRange(float)}: RELU [0, MAX], RELU6 [0, 6], RELU_N1_TO_1
     * [-1, 1], otherwise [lowest, MAX] (finite bounds, not infinities, as {@code numeric_limits}).
     */
    public static FloatRange calculateActivationRange(int activation) {
        switch (activation) {
            case ACT_RELU:
                return new FloatRange(0.0f, Float.MAX_VALUE);
            case ACT_RELU6:
                return new FloatRange(0.0f, 6.0f);
            case ACT_RELU_N1_TO_1:
                return new FloatRange(-1.0f, 1.0f);
            default:
                return new FloatRange(-Float.MAX_VALUE, Float.MAX_VALUE);
        }
    }
}
