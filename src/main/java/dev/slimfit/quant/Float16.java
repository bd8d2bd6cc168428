package dev.slimfit.quant;

/**
 * IEEE 754 binary16 conversions (Java 17 has no {@code Float.floatToFloat16}), for float16 weights.
 *
 * <p>float to half rounds to nearest, ties to even, including into and within the subnormal range
 * (2^-24 is the smallest subnormal; anything at or below 2^-25 becomes a signed zero) and to
 * infinity from 65520 up (the tie between 65504 and 2^16 goes to the even code, infinity). NaN becomes
 * the canonical quiet NaN 0x7E00 with the input's sign, as the fp16 library TFLite uses and Eigen do.
 * half to float is exact; NaN payloads are kept.
 */
public final class Float16 {
    private Float16() {
    }

    /** Positive infinity as half bits. */
    public static final short POSITIVE_INFINITY = 0x7C00;
    /** Canonical quiet NaN as half bits. */
    public static final short NaN = 0x7E00;
    /** Largest finite half, 65504. */
    public static final float MAX_VALUE = 65504.0f;

    /** Converts a float to the nearest half (ties to even), returned as its 16 raw bits. */
    public static short fromFloat(float f) {
        int bits = Float.floatToRawIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int exp = (bits >>> 23) & 0xFF;
        int mant = bits & 0x7FFFFF;
        if (exp == 0xFF) {
            return (short) (sign | (mant == 0 ? 0x7C00 : 0x7E00));
        }
        int e = exp - 127 + 15;
        if (e >= 0x1F) {
            return (short) (sign | 0x7C00);
        }
        if (e <= 0) {
            if (e < -10) {
                return (short) sign; // below half the smallest subnormal (float subnormals included)
            }
            int full = mant | 0x800000;
            return (short) (sign | roundShift(full, 14 - e));
        }
        // Carry out of the mantissa correctly bumps the exponent, up to infinity.
        return (short) (sign | roundShift((e << 23) | mant, 13));
    }

    /** {@code value >> shift} rounded to nearest, ties to even. */
    private static int roundShift(int value, int shift) {
        int kept = value >>> shift;
        int rem = value & ((1 << shift) - 1);
        int halfway = 1 << (shift - 1);
        if (rem > halfway || (rem == halfway && (kept & 1) != 0)) {
            kept++;
        }
        return kept;
    }

    /** Converts half bits (low 16 bits of {@code h}) to the exactly equal float. */
    public static float toFloat(short h) {
        int bits = h & 0xFFFF;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1F;
        int mant = bits & 0x3FF;
        if (exp == 0) {
            float magnitude = mant * 0x1p-24f; // exact: at most 10 significant bits
            return sign != 0 ? -magnitude : magnitude;
        }
        if (exp == 0x1F) {
            return Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13));
        }
        return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
    }

    /** Converts a float array to half bits. */
    public static short[] fromFloats(float[] values) {
        short[] out = new short[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = fromFloat(values[i]);
        }
        return out;
    }

    /** Converts half bits to floats. */
    public static float[] toFloats(short[] halves) {
        float[] out = new float[halves.length];
        for (int i = 0; i < halves.length; i++) {
            out[i] = toFloat(halves[i]);
        }
        return out;
    }
}
