package dev.slimfit.runtime.kernels.conv;

/**
 * The inner product engine of the conv family: patch rows (output pixels, or FC batch rows) times
 * a weight matrix stored k-major ({@code w[k * n + j]}), for outputs j in [j0, j1).
 *
 * <p>Each output keeps TFLite's reference summation order, k ascending: the loop handles four k
 * per pass as {@code a + x0*w0 + x1*w1 + x2*w2 + x3*w3}, which Java evaluates left to right, so
 * float results equal the sequential loop's bit for bit while the accumulator is loaded and stored
 * a quarter as often. The parallelism is across outputs j (the JIT vectorizes that loop) and two
 * rows share every weight load; two rows times four k keep the broadcast inputs in registers.
 *
 * <p>8-bit integer convolutions also run on the float routines, k-chunked by
 * {@link #EXACT_FLOAT_K}: with both factors offset-corrected into [-255, 255] every product is at
 * most 65025 and every partial sum of up to 256 of them stays below 2^24, so float arithmetic is
 * exact there, and it vectorizes better than 32-bit integer multiplies.
 */
final class TileGemm {
    /** Products of two values in [-255, 255], summed 256 at a time, are exact in float. */
    static final int EXACT_FLOAT_K = 256;

    private TileGemm() {
    }

    /** {@code a_r[j] = sum_k p[o_r + k] * w[k*n + j]} for rows r = 0, 1 and j in [j0, j1). */
    static void float2(float[] p, int o0, int o1, int kLen, float[] w, int n, int j0, int j1, float[] a0,
                       float[] a1) {
        float2(p, o0, o1, kLen, w, 0, n, j0, j1, a0, a1);
    }

    /** {@link #float2} with the weight rows starting at {@code w[wBase]} (for k-chunked callers). */
    static void float2(float[] p, int o0, int o1, int kLen, float[] w, int wBase, int n, int j0, int j1,
                       float[] a0, float[] a1) {
        java.util.Arrays.fill(a0, j0, j1, 0f);
        java.util.Arrays.fill(a1, j0, j1, 0f);
        int k = 0;
        for (; k + 3 < kLen; k += 4) {
            float x0 = p[o0 + k];
            float x1 = p[o0 + k + 1];
            float x2 = p[o0 + k + 2];
            float x3 = p[o0 + k + 3];
            float y0 = p[o1 + k];
            float y1 = p[o1 + k + 1];
            float y2 = p[o1 + k + 2];
            float y3 = p[o1 + k + 3];
            int b0 = wBase + k * n;
            int b1 = b0 + n;
            int b2 = b1 + n;
            int b3 = b2 + n;
            for (int j = j0; j < j1; j++) {
                float w0 = w[b0 + j];
                float w1 = w[b1 + j];
                float w2 = w[b2 + j];
                float w3 = w[b3 + j];
                a0[j] = a0[j] + x0 * w0 + x1 * w1 + x2 * w2 + x3 * w3;
                a1[j] = a1[j] + y0 * w0 + y1 * w1 + y2 * w2 + y3 * w3;
            }
        }
        for (; k < kLen; k++) {
            float x0 = p[o0 + k];
            float y0 = p[o1 + k];
            int b0 = wBase + k * n;
            for (int j = j0; j < j1; j++) {
                float w0 = w[b0 + j];
                a0[j] += x0 * w0;
                a1[j] += y0 * w0;
            }
        }
    }

    /** One-row form of {@link #float2}. */
    static void float1(float[] p, int o0, int kLen, float[] w, int n, int j0, int j1, float[] a0) {
        float1(p, o0, kLen, w, 0, n, j0, j1, a0);
    }

    /** {@link #float1} with the weight rows starting at {@code w[wBase]}. */
    static void float1(float[] p, int o0, int kLen, float[] w, int wBase, int n, int j0, int j1, float[] a0) {
        java.util.Arrays.fill(a0, j0, j1, 0f);
        int k = 0;
        for (; k + 3 < kLen; k += 4) {
            float x0 = p[o0 + k];
            float x1 = p[o0 + k + 1];
            float x2 = p[o0 + k + 2];
            float x3 = p[o0 + k + 3];
            int b0 = wBase + k * n;
            int b1 = b0 + n;
            int b2 = b1 + n;
            int b3 = b2 + n;
            for (int j = j0; j < j1; j++) {
                a0[j] = a0[j] + x0 * w[b0 + j] + x1 * w[b1 + j] + x2 * w[b2 + j] + x3 * w[b3 + j];
            }
        }
        for (; k < kLen; k++) {
            float x0 = p[o0 + k];
            int b0 = wBase + k * n;
            for (int j = j0; j < j1; j++) {
                a0[j] += x0 * w[b0 + j];
            }
        }
    }

    /** Integer {@link #float2}: int32 accumulation that wraps exactly like TFLite's. */
    static void int2(int[] p, int o0, int o1, int kLen, int[] w, int n, int j0, int j1, int[] a0, int[] a1) {
        java.util.Arrays.fill(a0, j0, j1, 0);
        java.util.Arrays.fill(a1, j0, j1, 0);
        int k = 0;
        for (; k + 3 < kLen; k += 4) {
            int x0 = p[o0 + k];
            int x1 = p[o0 + k + 1];
            int x2 = p[o0 + k + 2];
            int x3 = p[o0 + k + 3];
            int y0 = p[o1 + k];
            int y1 = p[o1 + k + 1];
            int y2 = p[o1 + k + 2];
            int y3 = p[o1 + k + 3];
            int b0 = k * n;
            int b1 = b0 + n;
            int b2 = b1 + n;
            int b3 = b2 + n;
            for (int j = j0; j < j1; j++) {
                int w0 = w[b0 + j];
                int w1 = w[b1 + j];
                int w2 = w[b2 + j];
                int w3 = w[b3 + j];
                a0[j] += x0 * w0 + x1 * w1 + x2 * w2 + x3 * w3;
                a1[j] += y0 * w0 + y1 * w1 + y2 * w2 + y3 * w3;
            }
        }
        for (; k < kLen; k++) {
            int x0 = p[o0 + k];
            int y0 = p[o1 + k];
            int b0 = k * n;
            for (int j = j0; j < j1; j++) {
                int w0 = w[b0 + j];
                a0[j] += x0 * w0;
                a1[j] += y0 * w0;
            }
        }
    }

    /** One-row form of {@link #int2}. */
    static void int1(int[] p, int o0, int kLen, int[] w, int n, int j0, int j1, int[] a0) {
        java.util.Arrays.fill(a0, j0, j1, 0);
        int k = 0;
        for (; k + 3 < kLen; k += 4) {
            int x0 = p[o0 + k];
            int x1 = p[o0 + k + 1];
            int x2 = p[o0 + k + 2];
            int x3 = p[o0 + k + 3];
            int b0 = k * n;
            int b1 = b0 + n;
            int b2 = b1 + n;
            int b3 = b2 + n;
            for (int j = j0; j < j1; j++) {
                a0[j] += x0 * w[b0 + j] + x1 * w[b1 + j] + x2 * w[b2 + j] + x3 * w[b3 + j];
            }
        }
        for (; k < kLen; k++) {
            int x0 = p[o0 + k];
            int b0 = k * n;
            for (int j = j0; j < j1; j++) {
                a0[j] += x0 * w[b0 + j];
            }
        }
    }
}
