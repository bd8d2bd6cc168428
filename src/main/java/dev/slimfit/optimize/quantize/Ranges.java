package dev.slimfit.optimize.quantize;

/**
 * Scale and zero point from an observed float range, following the converter's rules: the range
 * is widened to contain 0; int8 is asymmetric over [-128, 127] with the zero point rounded and
 * clamped (so real 0 is exactly representable); int16 is symmetric with zero point 0 over
 * [-32767, 32767]. A range that is exactly {0, 0} gets scale 1 (zero point -128 for int8), since a
 * zero scale cannot run.
 */
final class Ranges {
    private Ranges() {
    }

    /** {scale, zeroPoint} for int8 asymmetric. */
    static float[] asymmetric8(float min, float max) {
        float lo = Math.min(min, 0f);
        float hi = Math.max(max, 0f);
        float scale = (hi - lo) / 255f;
        if (scale == 0f || !Float.isFinite(scale)) {
            return new float[] {1f, -128};
        }
        float zpFromMin = -128f - lo / scale;
        long zp;
        if (zpFromMin < -128f) {
            zp = -128;
        } else if (zpFromMin > 127f) {
            zp = 127;
        } else {
            zp = roundAway(zpFromMin);
        }
        return new float[] {scale, zp};
    }

    /** {scale, 0} for int16 symmetric. */
    static float[] symmetric16(float min, float max) {
        float m = Math.max(Math.abs(min), Math.abs(max));
        float scale = m / 32767f;
        return new float[] {scale == 0f || !Float.isFinite(scale) ? 1f : scale, 0};
    }

    /** Round half away from zero, as {@code std::round}. */
    static long roundAway(double x) {
        return (long) (Math.signum(x) * Math.floor(Math.abs(x) + 0.5));
    }
}
