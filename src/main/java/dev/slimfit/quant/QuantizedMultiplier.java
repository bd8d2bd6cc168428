package dev.slimfit.quant;

/**
 * A real multiplier {@code M} encoded as TFLite encodes it: {@code M ≈ multiplier * 2^(shift - 31)},
 * with {@code multiplier} a Q0.31 significand in [2^30, 2^31) (or 0) and {@code shift} positive for a
 * left shift. Produced at prepare time by the factories here (tensorflow/lite/kernels/internal/
 * quantization_util.cc, 2.6.2), consumed at eval time by {@link QuantizedMath}.
 *
 * @param multiplier Q0.31 significand (may be negative only for negative real multipliers)
 * @param shift power-of-two exponent, positive = left
 */
public record QuantizedMultiplier(int multiplier, int shift) {

    /** Zero, as TFLite encodes both 0.0 and multipliers too small to matter. */
    public static final QuantizedMultiplier ZERO = new QuantizedMultiplier(0, 0);

    /**
     * TFLite {@code QuantizeMultiplier(double)}. Splits with {@code frexp} into q in [0.5, 1) and an
     * exponent, then rounds {@code q * 2^31} half away from zero (as {@code std::round} does). Two
     * corner cases are part of the contract:
     * <ul>
     *   <li>q just below 1 rounds to exactly 2^31, which does not fit an int32: the significand is
     *   halved to 2^30 and the shift incremented, so the value is still exact;</li>
     *   <li>a shift below -31 would shift every bit out (and shifts of 32+ are undefined in C++), so
     *   TFLite flushes such tiny multipliers (|M| < ~2^-32) to multiplier 0, shift 0.</li>
     * </ul>
     */
    public static QuantizedMultiplier of(double realMultiplier) {
        if (realMultiplier == 0.0) {
            return ZERO;
        }
        if (Double.isNaN(realMultiplier) || Double.isInfinite(realMultiplier)) {
            throw new IllegalArgumentException("multiplier is not finite: " + realMultiplier);
        }
        int shift = frexpExponent(realMultiplier);
        double q = Math.scalb(realMultiplier, -shift);
        long qFixed = (long) Rounding.round(q * (double) (1L << 31));
        if (qFixed == (1L << 31)) {
            qFixed /= 2;
            ++shift;
        }
        if (shift < -31) {
            return ZERO;
        }
        return new QuantizedMultiplier((int) qFixed, shift);
    }

    /** TFLite {@code QuantizeMultiplierSmallerThanOneExp}: requires 0 &lt; M &lt; 1, so shift &lt;= 0. */
    public static QuantizedMultiplier smallerThanOneExp(double realMultiplier) {
        if (!(realMultiplier < 1.0 && realMultiplier > 0.0)) {
            throw new IllegalArgumentException("expected 0 < multiplier < 1: " + realMultiplier);
        }
        QuantizedMultiplier m = of(realMultiplier);
        if (m.shift > 0) {
            throw new IllegalStateException("shift > 0 for " + realMultiplier);
        }
        return m;
    }

    /** TFLite {@code QuantizeMultiplierGreaterThanOne}: requires M &gt; 1, so shift &gt;= 0. */
    public static QuantizedMultiplier greaterThanOne(double realMultiplier) {
        if (!(realMultiplier > 1.0)) {
            throw new IllegalArgumentException("expected multiplier > 1: " + realMultiplier);
        }
        QuantizedMultiplier m = of(realMultiplier);
        if (m.shift < 0) {
            throw new IllegalStateException("shift < 0 for " + realMultiplier);
        }
        return m;
    }

    /**
     * The exponent {@code std::frexp} returns: e with |x| / 2^e in [0.5, 1). Subnormals are
     * normalised first because {@link Math#getExponent} reports them all as -1023.
     */
    static int frexpExponent(double x) {
        int e = Math.getExponent(x);
        if (e == Double.MIN_EXPONENT - 1) {
            return Math.getExponent(x * 0x1p54) - 54 + 1;
        }
        return e + 1;
    }

    /** The real value this encodes, {@code multiplier * 2^(shift-31)}. */
    public double toDouble() {
        return Math.scalb((double) multiplier, shift - 31);
    }

    /**
     * TFLite {@code DownScaleInt32ToInt16Multiplier} (HARD_SWISH): rounds the Q0.31 significand to
     * Q0.15, saturating to 32767 where adding the rounding offset would overflow int32.
     */
    public int int16Multiplier() {
        if (multiplier < 0) {
            throw new IllegalStateException("negative multiplier");
        }
        final int roundingOffset = 1 << 15;
        if (multiplier >= Integer.MAX_VALUE - roundingOffset) {
            return Short.MAX_VALUE;
        }
        return (multiplier + roundingOffset) >> 16;
    }

    /** Applies this multiplier as the int32 kernels do ({@link QuantizedMath#multiplyByQuantizedMultiplier(int, int, int)}). */
    public int apply(int x) {
        return QuantizedMath.multiplyByQuantizedMultiplier(x, multiplier, shift);
    }

    /** Applies this multiplier as the 16x8 kernels with int64 accumulators do. */
    public int apply(long x) {
        return QuantizedMath.multiplyByQuantizedMultiplier(x, multiplier, shift);
    }
}
