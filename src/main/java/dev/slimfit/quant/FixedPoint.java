package dev.slimfit.quant;

/**
 * gemmlowp's scalar {@code FixedPoint<tRawType, tIntegerBits>} math (fixedpoint/fixedpoint.h, the
 * version TFLite 2.6.2 builds with), for raw types int32 ({@link #INT32}) and int16 ({@link #INT16}).
 *
 * <p>A value is its raw integer, held in a Java {@code int} (sign-extended for int16); the number
 * of integer bits, a C++ template parameter in gemmlowp, is passed explicitly. A Q{@code k} value
 * has {@code bits-1-k} fractional bits and range [-2^k, 2^k). Plain {@code +}/{@code -} wrap (gemmlowp
 * does not saturate them); products are {@code SaturatingRoundingDoublingHighMul}, whose result has
 * the sum of the operands' integer bits. Constants are written, as in gemmlowp, as 32-bit raw values
 * and rounded to 16 bits for int16 ({@code RescaleConstantInitializer}), so the int16 functions use
 * slightly different constants than a naive conversion would.
 *
 * <p>Used by: int8/uint8 reference LOGISTIC/TANH (Q4 in, int32), the int16 LOGISTIC/TANH optimized
 * kernels when the input scale is a power of two (Q3 in, int16 raw), the reference SOFTMAX
 * (exp_on_negative_values, reciprocal), and L2 normalisation.
 */
public final class FixedPoint {
    /** gemmlowp FixedPoint over int32 raw values. */
    public static final FixedPoint INT32 = new FixedPoint(32);
    /** gemmlowp FixedPoint over int16 raw values. */
    public static final FixedPoint INT16 = new FixedPoint(16);

    private final int bits;
    private final int min;
    private final int max;

    private FixedPoint(int bits) {
        this.bits = bits;
        this.min = (int) -(1L << (bits - 1));
        this.max = (int) ((1L << (bits - 1)) - 1);
    }

    /** Width of the raw type, 16 or 32. */
    public int bits() {
        return bits;
    }

    private int wrap(long v) {
        return bits == 32 ? (int) v : (short) v;
    }

    /** Wrapping addition (gemmlowp {@code operator+}). */
    public int add(int a, int b) {
        return wrap((long) a + b);
    }

    /** Wrapping subtraction. */
    public int sub(int a, int b) {
        return wrap((long) a - b);
    }

    /** Wrapping negation: -MIN is MIN. */
    public int neg(int a) {
        return wrap(-(long) a);
    }

    /** Fixed-point product: {@code SaturatingRoundingDoublingHighMul} at this width. */
    public int mul(int a, int b) {
        if (bits == 32) {
            return QuantizedMath.saturatingRoundingDoublingHighMul(a, b);
        }
        if (a == b && a == min) {
            return max;
        }
        int ab = a * b;
        int nudge = ab >= 0 ? (1 << 14) : (1 - (1 << 14));
        return (short) ((ab + nudge) / (1 << 15));
    }

    /** gemmlowp {@code RoundingDivideByPOT} at this width (ties away from zero). */
    public int roundingDivideByPOT(int x, int exponent) {
        return QuantizedMath.roundingDivideByPOT(x, exponent); // width-independent on sign-extended raws
    }

    /** Saturating left shift for exponent &gt; 0, rounding right shift for exponent &lt; 0. */
    public int saturatingRoundingMultiplyByPOT(int x, int exponent) {
        if (exponent == 0) {
            return x;
        }
        if (exponent < 0) {
            return roundingDivideByPOT(x, -exponent);
        }
        int threshold = (1 << (bits - 1 - exponent)) - 1;
        if (x > threshold) {
            return max;
        }
        if (x < -threshold) {
            return min;
        }
        return wrap((long) x << exponent);
    }

    /** gemmlowp {@code Rescale}: Q{@code srcIntegerBits} to Q{@code dstIntegerBits}, saturating/rounding. */
    public int rescale(int x, int srcIntegerBits, int dstIntegerBits) {
        return saturatingRoundingMultiplyByPOT(x, srcIntegerBits - dstIntegerBits);
    }

    /** gemmlowp {@code RoundingHalfSum}: (a+b)/2 rounded half away from zero. */
    public int roundingHalfSum(int a, int b) {
        long sum = (long) a + b;
        return wrap((sum + (sum >= 0 ? 1 : -1)) / 2);
    }

    /** gemmlowp {@code AddSaturatingIf16Bit}: saturating for int16, wrapping for int32. */
    public int addSaturatingIf16Bit(int a, int b) {
        if (bits == 32) {
            return a + b;
        }
        return Math.min(max, Math.max(min, a + b));
    }

    /** {@code One()} in Q{@code integerBits}: MAX for Q0 (1.0 is not representable), else 2^frac. */
    public int one(int integerBits) {
        return integerBits == 0 ? max : 1 << (bits - 1 - integerBits);
    }

    /** {@code ConstantPOT<exponent>()} in Q{@code integerBits}: exactly 2^exponent. */
    public int constantPot(int integerBits, int exponent) {
        return 1 << (bits - 1 - integerBits + exponent);
    }

    /** gemmlowp {@code RescaleConstantInitializer}: a 32-bit raw constant rounded to this width. */
    public int constant(int raw32) {
        return bits == 32 ? raw32 : (short) QuantizedMath.roundingDivideByPOT(raw32, 32 - bits);
    }

    /** All ones if {@code cond}; the gemmlowp mask convention. */
    public static int mask(boolean cond) {
        return cond ? -1 : 0;
    }

    /** gemmlowp {@code SelectUsingMask}: bitwise then/else selection. */
    public static int selectUsingMask(int mask, int thenVal, int elseVal) {
        return (mask & thenVal) ^ (~mask & elseVal);
    }

    /** exp(a) for a in [-1/4, 0), a in Q0: 4th-order Taylor expansion around -1/8. */
    public int expOnIntervalBetweenNegativeOneQuarterAnd0Excl(int a) {
        final int constantTerm = constant(1895147668); // exp(-1/8)
        final int oneThird = constant(715827883);
        int x = add(a, constantPot(0, -3));
        int x2 = mul(x, x);
        int x3 = mul(x2, x);
        int x4 = mul(x2, x2);
        int x4Over4 = saturatingRoundingMultiplyByPOT(x4, -2);
        int poly = saturatingRoundingMultiplyByPOT(add(mul(add(x4Over4, x3), oneThird), x2), -1);
        return addSaturatingIf16Bit(constantTerm, mul(constantTerm, add(x, poly)));
    }

    private static final int[] BARREL_EXPONENTS = {-2, -1, 0, 1, 2, 3, 4};
    private static final int[] BARREL_MULTIPLIERS = {
        1672461947, 1302514674, 790015084, 290630308, 39332535, 720401, 242}; // exp(-2^e) in Q0.31

    /**
     * exp(a) for a &lt;= 0 in Q{@code integerBits}, result in Q0. The input is split into its value
     * modulo 1/4 (handled by the polynomial) and the rest, whose set bits multiply the result by
     * exp(-1/4), exp(-1/2), ..., exp(-16) (a barrel shifter). Below -32 the result is flushed to 0
     * (only when the format can hold -32), and exp(0) is One().
     */
    public int expOnNegativeValues(int a, int integerBits) {
        final int fractionalBits = bits - 1 - integerBits;
        final int oneQuarter = constantPot(integerBits, -2);
        int aModQuarterMinusOneQuarter = sub(a & (oneQuarter - 1), oneQuarter);
        int result = expOnIntervalBetweenNegativeOneQuarterAnd0Excl(rescale(aModQuarterMinusOneQuarter, integerBits, 0));
        int remainder = sub(aModQuarterMinusOneQuarter, a);
        for (int i = 0; i < BARREL_EXPONENTS.length; i++) {
            int exponent = BARREL_EXPONENTS[i];
            if (integerBits > exponent) {
                int bit = 1 << (fractionalBits + exponent);
                result = selectUsingMask(mask((remainder & bit) != 0), mul(result, constant(BARREL_MULTIPLIERS[i])), result);
            }
        }
        if (integerBits > 5) {
            int clamp = constant(-(1 << (36 - integerBits))); // -32.0
            result = selectUsingMask(mask(a < clamp), 0, result);
        }
        return selectUsingMask(mask(a == 0), one(0), result);
    }

    /** (1 - a) / (1 + a) for a in (0, 1) in Q0: Newton-Raphson division, 3 iterations in Q2. */
    public int oneMinusXOverOnePlusXForXIn01(int a) {
        int x = newtonReciprocalOfHalfDenominator(roundingHalfSum(a, one(0)));
        return rescale(sub(x, one(2)), 2, 0);
    }

    /** 1 / (1 + a) for a in (0, 1) in Q0: same Newton-Raphson, result halved exactly then rescaled. */
    public int oneOverOnePlusXForXIn01(int a) {
        int x = newtonReciprocalOfHalfDenominator(roundingHalfSum(a, one(0)));
        return rescale(x, 1, 0); // ExactMulByPot<-1>: same raw read as Q1
    }

    /** Returns x ≈ 1/halfDenominator in Q2, starting from 48/17 - 32/17 * d. */
    private int newtonReciprocalOfHalfDenominator(int halfDenominator) {
        final int c48Over17 = constant(1515870810);
        final int cNeg32Over17 = constant(-1010580540);
        int x = add(c48Over17, mul(halfDenominator, cNeg32Over17));
        for (int i = 0; i < 3; i++) {
            int halfDenominatorTimesX = mul(halfDenominator, x);
            int oneMinus = sub(one(2), halfDenominatorTimesX);
            x = add(x, rescale(mul(x, oneMinus), 4, 2));
        }
        return x;
    }

    /** tanh(a) for a in Q{@code integerBits}, result in Q0; via (1 - exp(-2|a|)) / (1 + exp(-2|a|)). */
    public int tanh(int a, int integerBits) {
        int maskIfNegative = mask(a < 0);
        int maskIfZero = mask(a == 0);
        int n = selectUsingMask(maskIfNegative, a, neg(a));
        // ExactMulByPot<1>: 2n is the same raw value read with one more integer bit.
        int t = oneMinusXOverOnePlusXForXIn01(expOnNegativeValues(n, integerBits + 1));
        return selectUsingMask(maskIfZero, 0, selectUsingMask(maskIfNegative, neg(t), t));
    }

    /** logistic(a) = 1/(1+exp(-a)) for a in Q{@code integerBits}, result in Q0; exactly 1/2 at 0. */
    public int logistic(int a, int integerBits) {
        int maskIfPositive = mask(a > 0);
        int maskIfZero = mask(a == 0);
        int absInput = selectUsingMask(maskIfPositive, a, neg(a));
        int resultIfPositive = oneOverOnePlusXForXIn01(expOnNegativeValues(neg(absInput), integerBits));
        int resultIfNegative = sub(one(0), resultIfPositive);
        int oneHalf = constant(1 << 30);
        return selectUsingMask(maskIfZero, oneHalf, selectUsingMask(maskIfPositive, resultIfPositive, resultIfNegative));
    }

    /**
     * TFLite {@code GetReciprocal} (int32): 1/x for x in Q{@code xIntegerDigits}, as a Q0 value
     * in (1/2, 1] scaled by 2^-{@link #reciprocalBitsOverUnit}. Normalising x to [1, 2) first keeps
     * the Newton-Raphson in its accurate range.
     */
    public static int getReciprocal(int x, int xIntegerDigits) {
        int headroomPlusOne = Integer.numberOfLeadingZeros(x);
        int shiftedSumMinusOne = (int) (((x & 0xFFFFFFFFL) << headroomPlusOne) - (1L << 31));
        return INT32.oneOverOnePlusXForXIn01(shiftedSumMinusOne);
    }

    /** The {@code num_bits_over_unit} that {@link #getReciprocal} reports through its out-parameter. */
    public static int reciprocalBitsOverUnit(int x, int xIntegerDigits) {
        return xIntegerDigits - Integer.numberOfLeadingZeros(x);
    }
}
