package dev.slimfit.quant;

/**
 * On-the-fly input quantization of TFLite 2.6.2's hybrid (dynamic-range) kernels
 * (portable_tensor_utils.cc {@code SymmetricQuantizeFloats} / {@code AsymmetricQuantizeFloats}):
 * each batch row of a float input becomes int8 codes plus a scale (and, asymmetric, a zero point)
 * before the integer dot products with the int8 weights.
 *
 * <p>The arithmetic mixes precisions on purpose, as the C++ does: the symmetric scale and its
 * inverse are float divisions; the asymmetric scale and zero point are computed in double from the
 * row's min/max (clamped to include 0), then the scale is stored as float and its inverse is
 * {@code (float) (1.0 / (double) scale)}; each code is {@code round(zp + x * inv)} in float.
 */
public final class HybridQuantization {
    private HybridQuantization() {
    }

    /**
     * Symmetric: codes in [-127, 127] with scale {@code max|x| / 127}; an all-zero row gives codes 0
     * and scale 1.
     *
     * @return the scaling factor
     */
    public static float symmetric(float[] x, int from, int n, byte[] codes, int codesFrom) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            float v = x[from + i];
            // std::minmax_element keeps the first minimum and the last maximum; values, not positions, matter here.
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        float range = Math.max(Math.abs(min), Math.abs(max));
        if (range == 0f) {
            java.util.Arrays.fill(codes, codesFrom, codesFrom + n, (byte) 0);
            return 1f;
        }
        float inv = 127f / range;
        for (int i = 0; i < n; i++) {
            int q = (int) Rounding.round(x[from + i] * inv);
            codes[codesFrom + i] = (byte) Math.min(127, Math.max(-127, q));
        }
        return range / 127f;
    }

    /**
     * Asymmetric: codes in [-128, 127] with a nudged zero point.
     *
     * @param scales  receives the row's scaling factor at {@code [row]}
     * @param offsets receives the row's zero point at {@code [row]}
     */
    public static void asymmetric(float[] x, int from, int n, byte[] codes, int codesFrom, float[] scales,
                                  int[] offsets, int row) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            float v = x[from + i];
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double rmin = Math.min(0.0, (double) min);
        double rmax = Math.max(0.0, (double) max);
        if (rmin == rmax) {
            java.util.Arrays.fill(codes, codesFrom, codesFrom + n, (byte) 0);
            scales[row] = 1f;
            offsets[row] = 0;
            return;
        }
        final double qmin = -128;
        final double qmax = 127;
        double scale = (rmax - rmin) / (qmax - qmin);
        double zpFromMin = qmin - rmin / scale;
        double zpFromMax = qmax - rmax / scale;
        double errMin = Math.abs(qmin) + Math.abs(rmin / scale);
        double errMax = Math.abs(qmax) + Math.abs(rmax / scale);
        double zp = errMin < errMax ? zpFromMin : zpFromMax;
        int nudged;
        if (zp <= qmin) {
            nudged = -128;
        } else if (zp >= qmax) {
            nudged = 127;
        } else {
            nudged = (int) Rounding.round(zp);
        }
        float fscale = (float) scale;
        scales[row] = fscale;
        offsets[row] = nudged;
        float inv = (float) (1.0 / (double) fscale);
        for (int i = 0; i < n; i++) {
            int q = (int) Rounding.round((float) nudged + x[from + i] * inv);
            codes[codesFrom + i] = (byte) Math.min(127, Math.max(-128, q));
        }
    }
}
