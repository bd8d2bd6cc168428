package dev.slimfit.quant;

/**
 * The 8-bit table paths that TFLite 2.6.2's <em>default</em> (generic optimized) kernels use on x86.
 *
 * <ul>
 *   <li><b>LOGISTIC / TANH, int8 and uint8</b>: not fixed point. Prepare fills a 256-entry table by
 *   dequantizing every input in float, applying {@code 1.0f / (1.0f + expf(-x))} or {@code tanhf(x)},
 *   and requantizing with {@code roundf} ({@link #logisticTable}, {@link #tanhTable}). The gemmlowp Q4
 *   path ({@link FixedPoint}) is only the reference kernel.</li>
 *   <li><b>SOFTMAX, int8/uint8 in</b> (without the aarch64-only uint16 LUT): a float table
 *   {@code expf(-inputScale*beta*i)} ({@link #softmaxExpTable}); per row the kernel sums table
 *   entries in float, multiplies by {@code 1/(sum*outputScale)} and quantizes with
 *   {@link #quantizeSoftmaxOutput}. Note uint8 outputs on x86 use {@code (int)(p + 0.5f)}, not
 *   {@code round}.</li>
 *   <li><b>LOG_SOFTMAX, int8/uint8</b>: the same table with beta = 1, {@code logf} of the sum, and
 *   {@code rint} (ties to even) for the output.</li>
 * </ul>
 *
 * <p>libm functions are emulated by rounding the double {@link StrictMath} result to float. glibc's
 * expf/tanhf are not guaranteed correctly rounded, so a table entry can in rare cases differ in the
 * last float bit, which matters only when it sits exactly on a rounding boundary.
 */
public final class Lut8 {
    private Lut8() {
    }

    /** {@code expf} emulation: correctly rounded float of exp. */
    public static float expf(float x) {
        return (float) StrictMath.exp(x);
    }

    /** {@code tanhf} emulation: correctly rounded float of tanh. */
    public static float tanhf(float x) {
        return (float) StrictMath.tanh(x);
    }

    /** {@code logf} emulation. */
    public static float logf(float x) {
        return (float) StrictMath.log(x);
    }

    /** float function applied while building a table. */
    @FunctionalInterface
    public interface FloatFunction {
        /** Applies the function. */
        float apply(float x);
    }

    /**
     * TFLite {@code PopulateLookupTable<T>}: {@code table[q & 0xFF]} is the output code for input code
     * q. Everything is float: dequantize {@code scale * (q - zp)}, transform, multiply by
     * {@code 1/outputScale} (a float reciprocal, not a division), {@code roundf}, add the zero point,
     * clamp.
     *
     * @param signed true for int8 codes (-128..127), false for uint8 (0..255)
     * @return 256 output codes as ints, indexed by the input code's low 8 bits
     */
    public static int[] populate(boolean signed, float inputScale, int inputZeroPoint, float outputScale,
                                 int outputZeroPoint, FloatFunction transform) {
        int minVal = signed ? -128 : 0;
        int maxVal = signed ? 127 : 255;
        float inverseScale = 1 / outputScale;
        int[] table = new int[256];
        for (int val = minVal; val <= maxVal; ++val) {
            float dequantized = inputScale * (float) (val - inputZeroPoint);
            float transformed = transform.apply(dequantized);
            float rescaled = Rounding.round(transformed * inverseScale);
            int quantized = (int) (rescaled + (float) outputZeroPoint);
            table[val & 0xFF] = Math.max(Math.min(maxVal, quantized), minVal);
        }
        return table;
    }

    /** LOGISTIC table: {@code 1.0f / (1.0f + expf(-x))}. */
    public static int[] logisticTable(boolean signed, float inputScale, int inputZeroPoint,
                                      float outputScale, int outputZeroPoint) {
        return populate(signed, inputScale, inputZeroPoint, outputScale, outputZeroPoint,
                v -> 1.0f / (1.0f + expf(-v)));
    }

    /** TANH table: {@code tanhf(x)}. */
    public static int[] tanhTable(boolean signed, float inputScale, int inputZeroPoint,
                                  float outputScale, int outputZeroPoint) {
        return populate(signed, inputScale, inputZeroPoint, outputScale, outputZeroPoint, Lut8::tanhf);
    }

    /**
     * TFLite {@code PopulateSoftmaxLookupTable}: {@code table[255 - i] = expf(-inputScale*beta * i)}
     * (the product in float). Kernels index it at {@code 255 - max + q}, i.e. exp of the scaled
     * difference to the row maximum.
     */
    public static float[] softmaxExpTable(float inputScale, float beta) {
        float scale = -inputScale * beta;
        float[] table = new float[256];
        for (int val = 0; val <= 255; ++val) {
            table[255 - val] = expf(scale * (float) val);
        }
        return table;
    }

    /**
     * TFLite {@code QuantizeSoftmaxOutput<Out>} as built for x86-64: {@code (int)(p + 0.5f)} for a
     * uint8 output (a cheaper round for non-negative p), {@code (int) roundf(p)} otherwise, plus
     * the zero point. The caller clamps.
     */
    public static int quantizeSoftmaxOutput(float probRescaled, int zeroPoint, boolean uint8Output) {
        if (uint8Output) {
            return (int) (probRescaled + 0.5f) + zeroPoint;
        }
        return (int) Rounding.round(probRescaled) + zeroPoint;
    }
}
