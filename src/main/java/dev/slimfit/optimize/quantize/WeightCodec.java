package dev.slimfit.optimize.quantize;

import dev.slimfit.model.Buffer;
import dev.slimfit.quant.Float16;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Encodes float constants the way TFLite's converter does: int8 symmetric weights (range
 * [-127, 127], zero point 0, per tensor or per channel along one dimension, scale = max|w| / 127,
 * values rounded half away from zero), int32/int64 biases with scale input_scale × weight_scale[c],
 * float16 copies, and asymmetric per-tensor encodings of other constant operands.
 */
final class WeightCodec {
    private WeightCodec() {
    }

    /** An encoded constant: bytes plus one scale per channel (zero points are all 0 unless stated). */
    record Encoded(byte[] bytes, float[] scales, long[] zeroPoints) {
    }

    static float[] floats(Buffer b) {
        ByteBuffer d = b.data();
        float[] out = new float[d.remaining() / 4];
        d.asFloatBuffer().get(out);
        return out;
    }

    /**
     * Symmetric int8 along {@code dim} of {@code shape} (dim -1: one scale for the whole tensor).
     * An all-zero channel gets scale 1, as the converter does, so no scale is ever 0.
     */
    static Encoded symmetricInt8(float[] w, int[] shape, int dim) {
        return symmetricInt8(w, shape, dim, false);
    }

    /**
     * As {@link #symmetricInt8(float[], int[], int)}; with {@code uniform}, every channel gets the
     * tensor's scale (max|w| / 127) although the scales are still written per channel. Weights
     * clustered per tensor need that: one shared grid maps the k shared centroids to at most k int8
     * values over the whole tensor, where per-channel grids would give each channel its own k
     * values and undo most of clustering's compression.
     */
    static Encoded symmetricInt8(float[] w, int[] shape, int dim, boolean uniform) {
        int channels = dim < 0 ? 1 : shape[dim];
        int inner = 1;
        if (dim >= 0) {
            for (int i = dim + 1; i < shape.length; i++) {
                inner *= shape[i];
            }
        }
        float[] maxAbs = new float[channels];
        for (int i = 0; i < w.length; i++) {
            int c = dim < 0 ? 0 : (i / inner) % channels;
            maxAbs[c] = Math.max(maxAbs[c], Math.abs(w[i]));
        }
        if (uniform) {
            float all = 0f;
            for (float m : maxAbs) {
                all = Math.max(all, m);
            }
            java.util.Arrays.fill(maxAbs, all);
        }
        float[] scales = new float[channels];
        for (int c = 0; c < channels; c++) {
            scales[c] = maxAbs[c] == 0f ? 1f : maxAbs[c] / 127f;
        }
        byte[] q = new byte[w.length];
        for (int i = 0; i < w.length; i++) {
            int c = dim < 0 ? 0 : (i / inner) % channels;
            long r = Math.round(Math.abs(w[i]) / scales[c]) * (w[i] < 0 ? -1 : 1);
            q[i] = (byte) Math.max(-127, Math.min(127, r));
        }
        return new Encoded(q, scales, new long[channels]);
    }

    /**
     * Symmetric int8 along {@code dim} with given per-channel scales (scaled clustering's, chosen so
     * the weights are exact multiples of them); values still round half away from zero and clamp
     * to [-127, 127], so a scale that does not fit cannot produce an out-of-range code.
     */
    static Encoded withScales(float[] w, int[] shape, int dim, float[] scales) {
        int inner = 1;
        for (int i = dim + 1; i < shape.length; i++) {
            inner *= shape[i];
        }
        byte[] q = new byte[w.length];
        for (int i = 0; i < w.length; i++) {
            int c = (i / inner) % scales.length;
            long r = Math.round(Math.abs(w[i]) / scales[c]) * (w[i] < 0 ? -1 : 1);
            q[i] = (byte) Math.max(-127, Math.min(127, r));
        }
        return new Encoded(q, scales.clone(), new long[scales.length]);
    }

    /** Bias as int32 (or int64 when {@code wide}) with per-channel scale inputScale × weightScale[c]. */
    static Encoded bias(float[] b, float inputScale, float[] weightScales, boolean wide) {
        int n = b.length;
        float[] scales = new float[weightScales.length];
        for (int c = 0; c < scales.length; c++) {
            scales[c] = inputScale * weightScales[c];
        }
        ByteBuffer out = ByteBuffer.allocate(n * (wide ? 8 : 4)).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            float s = scales[scales.length == 1 ? 0 : i];
            double q = s == 0 ? 0 : roundHalfAway(b[i] / (double) s);
            if (wide) {
                out.putLong((long) Math.max(-Long.MAX_VALUE, Math.min(Long.MAX_VALUE, q)));
            } else {
                out.putInt((int) Math.max(-Integer.MAX_VALUE, Math.min(Integer.MAX_VALUE, q)));
            }
        }
        return new Encoded(out.array(), scales, new long[scales.length]);
    }

    /** Asymmetric per-tensor int8 (or symmetric int16) of a non-weight constant, from its own range. */
    static Encoded perTensorActivationLike(float[] v, boolean int16) {
        float min = 0;
        float max = 0;
        for (float x : v) {
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        float[] sz = int16 ? Ranges.symmetric16(min, max) : Ranges.asymmetric8(min, max);
        float scale = sz[0];
        int zp = (int) sz[1];
        ByteBuffer out = ByteBuffer.allocate(v.length * (int16 ? 2 : 1)).order(ByteOrder.LITTLE_ENDIAN);
        for (float x : v) {
            long q = Ranges.roundAway(x / (double) scale) + zp;
            if (int16) {
                out.putShort((short) Math.max(-32768, Math.min(32767, q)));
            } else {
                out.put((byte) Math.max(-128, Math.min(127, q)));
            }
        }
        return new Encoded(out.array(), new float[] {scale}, new long[] {zp});
    }

    /** float16 copy (round to nearest even, as the converter's Eigen half cast). */
    static byte[] float16(float[] v) {
        ByteBuffer out = ByteBuffer.allocate(v.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float x : v) {
            out.putShort(Float16.fromFloat(x));
        }
        return out.array();
    }

    private static double roundHalfAway(double x) {
        return Math.signum(x) * Math.floor(Math.abs(x) + 0.5);
    }
}
