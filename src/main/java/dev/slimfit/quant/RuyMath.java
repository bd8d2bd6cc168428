package dev.slimfit.quant;

/**
 * Requantization as the ruy GEMM library bundled with TensorFlow Lite 2.6.2 performs it
 * (ruy/apply_multiplier.cc): one int64 multiply, one rounding (half toward +infinity), one shift.
 *
 * <p>TFLite's own {@link QuantizedMath#multiplyByQuantizedMultiplier(int, int, int)} rounds twice,
 * but every kernel that hands a per-channel multiplier to {@code cpu_backend_gemm} (int8 CONV_2D
 * via im2col, for instance) runs through ruy, because gemmlowp cannot take per-channel
 * multipliers. Measured against the 2.6.2 oracle: the int8 conv outputs match this function and
 * differ from the gemmlowp form in about 0.2% of elements; the uint8 (gemmlowp) path matches the
 * two-rounding form.
 */
public final class RuyMath {
    private RuyMath() {
    }

    /**
     * {@code round(x * multiplier * 2^(shift - 31))}, ties toward +infinity, with the 64-bit product
     * computed exactly; the narrowing to int32 wraps as the C++ cast does.
     *
     * @param shift -31..7, positive = left
     */
    public static int multiplyByQuantizedMultiplier(int x, int multiplier, int shift) {
        int total = 31 - shift;
        long v = (long) x * (long) multiplier + (1L << (total - 1));
        return (int) (v >> total);
    }
}
