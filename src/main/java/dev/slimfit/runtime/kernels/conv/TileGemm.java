package dev.slimfit.runtime.kernels.conv;

/**
 * The inner product engine of the conv family: four patch rows (output pixels, or FC batch rows)
 * times a weight matrix stored k-major ({@code w[k * n + j]}), accumulating into four rows.
 *
 * <p>Each output keeps TFLite's reference summation order (k ascending), so float results equal
 * the reference loop's; the parallelism is across outputs {@code j}, which the JIT vectorizes, and
 * the four rows share every weight load (register tiling without a packed copy).
 */
final class TileGemm {
    private TileGemm() {
    }

    /** {@code a_r[j] = sum_k p[o_r + k] * w[k*n + j]} for four rows r and j in [j0, j1) (overwrites a_r there). */
    static void float4(float[] p, int o0, int o1, int o2, int o3, int kLen, float[] w, int n, int j0,
                       int j1, float[] a0, float[] a1, float[] a2, float[] a3) {
        java.util.Arrays.fill(a0, j0, j1, 0f);
        java.util.Arrays.fill(a1, j0, j1, 0f);
        java.util.Arrays.fill(a2, j0, j1, 0f);
        java.util.Arrays.fill(a3, j0, j1, 0f);
        for (int k = 0; k < kLen; k++) {
            float x0 = p[o0 + k];
            float x1 = p[o1 + k];
            float x2 = p[o2 + k];
            float x3 = p[o3 + k];
            int wb = k * n;
            for (int j = j0; j < j1; j++) {
                float wv = w[wb + j];
                a0[j] += x0 * wv;
                a1[j] += x1 * wv;
                a2[j] += x2 * wv;
                a3[j] += x3 * wv;
            }
        }
    }

    /** One-row form of {@link #float4}. */
    static void float1(float[] p, int o0, int kLen, float[] w, int n, int j0, int j1, float[] a0) {
        java.util.Arrays.fill(a0, j0, j1, 0f);
        for (int k = 0; k < kLen; k++) {
            float x0 = p[o0 + k];
            int wb = k * n;
            for (int j = j0; j < j1; j++) {
                a0[j] += x0 * w[wb + j];
            }
        }
    }

    /** Integer {@link #float4}: int32 accumulation that wraps exactly like TFLite's. */
    static void int4(int[] p, int o0, int o1, int o2, int o3, int kLen, int[] w, int n, int j0, int j1,
                     int[] a0, int[] a1, int[] a2, int[] a3) {
        java.util.Arrays.fill(a0, j0, j1, 0);
        java.util.Arrays.fill(a1, j0, j1, 0);
        java.util.Arrays.fill(a2, j0, j1, 0);
        java.util.Arrays.fill(a3, j0, j1, 0);
        for (int k = 0; k < kLen; k++) {
            int x0 = p[o0 + k];
            int x1 = p[o1 + k];
            int x2 = p[o2 + k];
            int x3 = p[o3 + k];
            int wb = k * n;
            for (int j = j0; j < j1; j++) {
                int wv = w[wb + j];
                a0[j] += x0 * wv;
                a1[j] += x1 * wv;
                a2[j] += x2 * wv;
                a3[j] += x3 * wv;
            }
        }
    }

    /** One-row form of {@link #int4}. */
    static void int1(int[] p, int o0, int kLen, int[] w, int n, int j0, int j1, int[] a0) {
        java.util.Arrays.fill(a0, j0, j1, 0);
        for (int k = 0; k < kLen; k++) {
            int x0 = p[o0 + k];
            if (x0 == 0) {
                continue;
            }
            int wb = k * n;
            for (int j = j0; j < j1; j++) {
                a0[j] += x0 * w[wb + j];
            }
        }
    }
}
