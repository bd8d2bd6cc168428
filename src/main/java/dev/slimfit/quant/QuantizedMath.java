package dev.slimfit.quant;

/**
 * Integer primitives of TensorFlow Lite 2.6.2's quantized kernels (tensorflow/lite/kernels/internal/
 * common.h and gemmlowp's fixedpoint/fixedpoint.h), reproduced bit for bit.
 *
 * <p>2.6.2 is built without {@code TFLITE_SINGLE_ROUNDING}: requantization is the two-step
 * "doubling high multiply, then rounding shift" of gemmlowp, which rounds twice. Later TF versions
 * can round once; we deliberately do not, because a result that is off by one in a few percent of
 * elements is enough to break bit-exactness.
 *
 * <p>C++ signed overflow is undefined, but every TFLite build we target (x86-64, arm64) wraps; Java's
 * {@code int} arithmetic wraps the same way, so a plain {@code *} or {@code +} here mirrors the C++.
 */
public final class QuantizedMath {
    private QuantizedMath() {
    }

    /**
     * gemmlowp {@code SaturatingRoundingDoublingHighMul} (ARM {@code VQRDMULH}): {@code a*b/2^31}
     * rounded to nearest with ties toward +infinity ({@code floor(a*b/2^31 + 1/2)}): the nudge is
     * {@code +2^30} for non-negative products and {@code 1-2^30} for negative ones, followed by a
     * division that truncates toward zero (C++ and Java alike), so -0.5 becomes 0 and -1.5 becomes -1.
     * (Contrast {@link #roundingDivideByPOT}, whose ties go away from zero.) The only product that
     * does not fit, {@code MIN*MIN} (= +1.0 in Q0.31), saturates to {@code MAX}.
     */
    public static int saturatingRoundingDoublingHighMul(int a, int b) {
        if (a == b && a == Integer.MIN_VALUE) {
            return Integer.MAX_VALUE;
        }
        long ab = (long) a * (long) b;
        long nudge = ab >= 0 ? (1L << 30) : (1L - (1L << 30));
        return (int) ((ab + nudge) / (1L << 31));
    }

    /**
     * gemmlowp {@code RoundingDivideByPOT}: {@code x / 2^exponent} rounded to nearest, ties away
     * from zero. The arithmetic shift floors; the remainder is compared with a threshold that is one
     * larger for negative {@code x}, so a negative tie stays at the floor (i.e. away from zero).
     *
     * @param exponent 0..31, as gemmlowp asserts
     */
    public static int roundingDivideByPOT(int x, int exponent) {
        if (exponent < 0 || exponent > 31) {
            throw new IllegalArgumentException("exponent out of [0,31]: " + exponent);
        }
        int mask = (int) ((1L << exponent) - 1);
        int remainder = x & mask;
        int threshold = (mask >> 1) + (x < 0 ? 1 : 0);
        return (x >> exponent) + (remainder > threshold ? 1 : 0);
    }

    /**
     * TFLite {@code MultiplyByQuantizedMultiplier(int32, int32, int)} as in 2.6.2: a positive shift is
     * applied as an exact (wrapping) left shift <em>before</em> the high multiply, a negative shift as
     * a rounding right shift <em>after</em> it. Two roundings: this is not {@code round(x*M*2^s)}.
     */
    public static int multiplyByQuantizedMultiplier(int x, int quantizedMultiplier, int shift) {
        int leftShift = shift > 0 ? shift : 0;
        int rightShift = shift > 0 ? 0 : -shift;
        return roundingDivideByPOT(
                saturatingRoundingDoublingHighMul(x * (1 << leftShift), quantizedMultiplier), rightShift);
    }

    /**
     * TFLite 2.6.2 {@code MultiplyByQuantizedMultiplier(int64, int32, int)} used by the 16x8 conv and
     * fully-connected kernels with int64 bias. It does <em>not</em> use the doubling high multiply:
     * the multiplier is first reduced to 16 bits with rounding ({@code (M + 2^15) >> 16}, capped at
     * {@code 0x7FFF} when {@code M >= 0x7FFF0000} so the reduction cannot overflow into bit 15), then
     * one int64 multiply-add-shift rounds half up (toward +infinity, not away from zero). The final
     * narrowing to int32 wraps, as the C++ assignment does.
     *
     * @param x expected in [-2^47, 2^47)
     * @param quantizedMultiplier expected non-negative
     * @param shift expected in [-31, 7]
     */
    public static int multiplyByQuantizedMultiplier(long x, int quantizedMultiplier, int shift) {
        int reduced = quantizedMultiplier < 0x7FFF0000 ? ((quantizedMultiplier + (1 << 15)) >> 16) : 0x7FFF;
        int totalShift = 15 - shift;
        long acc = x * (long) reduced + (1L << (totalShift - 1));
        return (int) (acc >> totalShift);
    }

    /**
     * TFLite {@code MultiplyByQuantizedMultiplierSmallerThanOneExp}: the legacy form where
     * {@code leftShift <= 0} is a right shift applied after the high multiply.
     */
    public static int multiplyByQuantizedMultiplierSmallerThanOneExp(int x, int quantizedMultiplier,
                                                                     int leftShift) {
        return roundingDivideByPOT(saturatingRoundingDoublingHighMul(x, quantizedMultiplier), -leftShift);
    }

    /**
     * TFLite {@code MultiplyByQuantizedMultiplierGreaterThanOne}: exact (wrapping) left shift, then
     * the high multiply; no second rounding.
     */
    public static int multiplyByQuantizedMultiplierGreaterThanOne(int x, int quantizedMultiplier,
                                                                  int leftShift) {
        return saturatingRoundingDoublingHighMul(x * (1 << leftShift), quantizedMultiplier);
    }

    /**
     * gemmlowp {@code SaturatingRoundingMultiplyByPOT} / TFLite {@code SaturatingRoundingMultiplyByPOTParam}
     * on int32: a positive exponent is a left shift that saturates to MIN/MAX (the threshold test is
     * done on the input, as gemmlowp does), a negative one is {@link #roundingDivideByPOT}.
     */
    public static int saturatingRoundingMultiplyByPOT(int x, int exponent) {
        if (exponent == 0) {
            return x;
        }
        if (exponent < 0) {
            return roundingDivideByPOT(x, -exponent);
        }
        return saturatingLeftShift(x, exponent);
    }

    /**
     * Left shift that saturates instead of wrapping (positive half of
     * {@link #saturatingRoundingMultiplyByPOT}). gemmlowp saturates when {@code |x| > 2^(31-s) - 1};
     * note the asymmetric consequence that {@code -2^(31-s)} saturates to MIN although its exact
     * shift would fit too (the result is the same value).
     *
     * @param shift 1..31
     */
    public static int saturatingLeftShift(int x, int shift) {
        if (shift < 1 || shift > 31) {
            throw new IllegalArgumentException("shift out of [1,31]: " + shift);
        }
        int threshold = (1 << (31 - shift)) - 1;
        if (x > threshold) {
            return Integer.MAX_VALUE;
        }
        if (x < -threshold) {
            return Integer.MIN_VALUE;
        }
        return x << shift;
    }

    /** TFLite {@code SaturatingAddNonGemmlowp} for int32 (clamped 64-bit sum). */
    public static int saturatingAdd(int a, int b) {
        return clampToInt((long) a + (long) b);
    }

    /** TFLite {@code SaturatingSub} for int32 (clamped 64-bit difference). */
    public static int saturatingSub(int a, int b) {
        return clampToInt((long) a - (long) b);
    }

    /** gemmlowp {@code RoundingHalfSum} for int32: {@code (a+b)/2} rounded half away from zero. */
    public static int roundingHalfSum(int a, int b) {
        long sum = (long) a + (long) b;
        long sign = sum >= 0 ? 1 : -1;
        return (int) ((sum + sign) / 2);
    }

    /** TFLite {@code CountLeadingZeros} on the value read as uint32; 32 for zero. */
    public static int countLeadingZeros(int unsignedValue) {
        return Integer.numberOfLeadingZeros(unsignedValue);
    }

    /**
     * TFLite {@code CountLeadingSignBits} (GCC's {@code __builtin_clrsb}): redundant sign bits, 31 for
     * 0 and -1, 0 for MIN.
     */
    public static int countLeadingSignBits(int x) {
        return Integer.numberOfLeadingZeros(x ^ (x >> 31)) - 1;
    }

    /** Clamps to [lo, hi]; the order kernels use ({@code min(max(x, lo), hi)}). */
    public static int clamp(int x, int lo, int hi) {
        return Math.min(Math.max(x, lo), hi);
    }

    private static int clampToInt(long v) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(Integer.MIN_VALUE, v));
    }
}
