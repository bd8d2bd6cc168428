package dev.slimfit.quant;

/**
 * The C library roundings TFLite's kernels use, which Java's {@link Math#round} does not match.
 *
 * <p>{@code TfLiteRound} is {@code std::round}: half away from zero ({@code round(-2.5) == -3}),
 * while {@code Math.round} rounds half up ({@code Math.round(-2.5) == -2}). The float overload
 * ({@code roundf}) is kept separate because TFLite rounds some quotients in float and others in
 * double, and the two can disagree once the quotient itself was rounded. {@code std::rint} (used by
 * the int8 LOG_SOFTMAX kernel) rounds half to even under the default FP environment, which is
 * {@link Math#rint}.
 *
 * <p>Truncating a float to int32 ({@code static_cast<int32_t>}) is undefined in C++ when the value does
 * not fit; on x86-64 (where our oracle runs) {@code cvttss2si} yields {@code INT32_MIN} for NaN and
 * for every out-of-range value. {@link #truncateToInt32X86} reproduces that; Java's {@code (int)}
 * cast saturates instead (like arm64), so kernels must choose deliberately.
 */
public final class Rounding {
    private Rounding() {
    }

    /** {@code std::round(double)}: nearest integer, ties away from zero; NaN and infinities pass through. */
    public static double round(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return x;
        }
        double a = Math.abs(x);
        double t = Math.floor(a);
        // a - t is exact for doubles, unlike a + 0.5 which can round up 0.49999999999999994.
        if (a - t >= 0.5) {
            t += 1.0;
        }
        return Math.copySign(t, x);
    }

    /** {@code std::round(float)} ({@code roundf}); exact because every float is exactly a double. */
    public static float round(float x) {
        return (float) round((double) x);
    }

    /** {@code std::rint}: nearest integer, ties to even. */
    public static double rint(double x) {
        return Math.rint(x);
    }

    /** x86-64 {@code static_cast<int32_t>(double)}: truncation, {@code INT32_MIN} when out of range or NaN. */
    public static int truncateToInt32X86(double x) {
        if (Double.isNaN(x) || x >= 2147483648.0 || x <= -2147483649.0) {
            return Integer.MIN_VALUE;
        }
        return (int) x;
    }
}
