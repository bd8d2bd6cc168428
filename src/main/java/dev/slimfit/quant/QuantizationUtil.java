package dev.slimfit.quant;

/**
 * Prepare-time helpers of TFLite 2.6.2's quantization_util.cc and common.h that turn float scales
 * into integer parameters (softmax scaling, input radius, inverse square root, log2 checks).
 * All arithmetic is in double unless TFLite does it in float, because the choice changes results.
 */
public final class QuantizationUtil {
    private QuantizationUtil() {
    }

    /** Output of {@link #preprocessLogSoftmaxScalingExp}. */
    public record LogSoftmaxScaling(int inputMultiplier, int inputLeftShift,
                                    int reverseScalingDivisor, int reverseScalingLeftShift) {
    }

    /** Output of {@link #checkedLog2}: the rounded log2 and whether x was (within 1e-3) a power of two. */
    public record Log2(int rounded, boolean isPowerOfTwo) {
    }

    /**
     * TFLite {@code PreprocessSoftmaxScaling}: the multiplier that maps an input difference (in input
     * quanta) to Q{@code inputIntegerBits}.(31-bits) of {@code beta * x}. It is capped at 2^31-1 because
     * beyond that exp() of any non-zero difference rounds to 0 anyway. The power of two is computed
     * as a C {@code int} shift, which we keep (it only matters for inputIntegerBits = 0).
     */
    public static QuantizedMultiplier preprocessSoftmaxScaling(double beta, double inputScale,
                                                               int inputIntegerBits) {
        double real = Math.min(beta * inputScale * (double) (1 << (31 - inputIntegerBits)),
                (double) (1L << 31) - 1.0);
        return QuantizedMultiplier.greaterThanOne(real);
    }

    /**
     * TFLite {@code PreprocessLogSoftmaxScalingExp}: the softmax scaling plus its approximate inverse
     * (used by the reference int8/uint8 LOG_SOFTMAX to map back), encoded as a multiplier &lt; 1.
     */
    public static LogSoftmaxScaling preprocessLogSoftmaxScalingExp(double beta, double inputScale,
                                                                  int inputIntegerBits) {
        QuantizedMultiplier m = preprocessSoftmaxScaling(beta, inputScale, inputIntegerBits);
        double realReverse = (double) (1 << (31 - m.shift())) / (double) m.multiplier();
        QuantizedMultiplier r = QuantizedMultiplier.smallerThanOneExp(realReverse);
        return new LogSoftmaxScaling(m.multiplier(), m.shift(), r.multiplier(), r.shift());
    }

    /** {@link #calculateInputRadius(int, int, int)} with TFLite's default of 31 signed bits. */
    public static int calculateInputRadius(int inputIntegerBits, int inputLeftShift) {
        return calculateInputRadius(inputIntegerBits, inputLeftShift, 31);
    }

    /**
     * TFLite {@code CalculateInputRadius}: the largest input difference whose rescaled value still
     * fits in Q{@code inputIntegerBits}; kernels saturate beyond it. Floored (not rounded) so the
     * rescaled radius is strictly inside the representable range.
     */
    public static int calculateInputRadius(int inputIntegerBits, int inputLeftShift, int totalSignedBits) {
        double maxInputRescaled = 1.0 * ((1 << inputIntegerBits) - 1)
                * (double) (1L << (totalSignedBits - inputIntegerBits))
                / (double) (1L << inputLeftShift);
        return (int) Math.floor(maxInputRescaled);
    }

    /**
     * TFLite {@code GetInvSqrtQuantizedMultiplierExp} (L2_NORMALIZATION, and the int8 MEAN/SUM path):
     * 1/sqrt(input) as a multiplier, computed entirely in fixed point by five Newton-Raphson steps in
     * Q3.28, so it is bit-reproducible without libm. Inputs 0 and 1 return (MAX, 0) as TFLite does
     * (b/143972021). The shift is returned multiplied by {@code reverseShift} (+1 or -1), i.e. callers
     * choose whether "right is positive".
     */
    public static QuantizedMultiplier getInvSqrtQuantizedMultiplierExp(int input, int reverseShift) {
        if (input < 0) {
            throw new IllegalArgumentException("negative input: " + input);
        }
        if (input <= 1) {
            return new QuantizedMultiplier(Integer.MAX_VALUE, 0);
        }
        int shift = 11;
        while (input >= (1 << 29)) {
            input /= 4;
            ++shift;
        }
        int maxLeftShiftBits = Integer.numberOfLeadingZeros(input) - 1;
        int leftShiftBitPairs = maxLeftShiftBits / 2 - 1;
        shift -= leftShiftBitPairs;
        input <<= 2 * leftShiftBitPairs;
        // Q3.28 Newton-Raphson for 1/sqrt(input/2^28 * 2): x <- 1.5 x - (input/2) x^3, from x = 1.
        final int halfInput = QuantizedMath.roundingDivideByPOT(input >> 1, 1);
        final int halfThree = (1 << 28) + (1 << 27);
        int x = 1 << 28;
        for (int i = 0; i < 5; i++) {
            int x3 = QuantizedMath.saturatingRoundingMultiplyByPOT(
                    QuantizedMath.saturatingRoundingDoublingHighMul(
                            QuantizedMath.saturatingRoundingDoublingHighMul(x, x), x), 6); // Q9 -> Q3
            int diff = QuantizedMath.saturatingRoundingDoublingHighMul(halfThree, x)
                    - QuantizedMath.saturatingRoundingDoublingHighMul(halfInput, x3); // Q6, wrapping
            x = QuantizedMath.saturatingRoundingMultiplyByPOT(diff, 3); // Q6 -> Q3
        }
        final int halfSqrt2 = 1518500250; // sqrt(2)/2 in Q0.31
        int invSqrt = QuantizedMath.saturatingRoundingDoublingHighMul(x, halfSqrt2);
        if (shift < 0) {
            invSqrt <<= -shift;
            shift = 0;
        }
        return new QuantizedMultiplier(invSqrt, shift * reverseShift);
    }

    /**
     * TFLite {@code CheckedLog2(float)}: {@code logf(x) * (1/logf(2))} in float, rounded half away
     * from zero; "power of two" when the fractional part is below 1e-3. Used by int16 TANH/LOGISTIC
     * prepare to detect power-of-two scales. {@code logf} is emulated by rounding the double log,
     * which equals glibc's correctly rounded logf except possibly in rare last-ulp cases.
     */
    public static Log2 checkedLog2(float x) {
        float log2 = (float) Math.log(x) * (1.0f / (float) Math.log(2.0f));
        float rounded = Rounding.round(log2);
        float frac = log2 - rounded;
        return new Log2((int) rounded, Math.abs(frac) < 1e-3f);
    }
}
