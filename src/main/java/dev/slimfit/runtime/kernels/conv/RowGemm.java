package dev.slimfit.runtime.kernels.conv;

/**
 * The vectorizable inner product engine of the convolutions: {@code a[j] += sum_k x[o + k] *
 * w[k][j]} for one patch row, j in [j0, j1), k in [k0, k1).
 *
 * <p>Why this shape: HotSpot C2 (JDK 17) auto-vectorizes the j loop only when every array access
 * in it uses the same index expression. With the weights in one k-major array ({@code w[k*n + j]})
 * or the accumulators at an offset into the output, it silently falls back to scalar code (measured
 * ~4x slower). So the weights are kept as one array per k ({@code float[k][n]}), the accumulators
 * as one array per row, and all of them are indexed by plain {@code j}. The loop stores into one
 * row only: with two accumulator rows (which C2 cannot prove distinct) or a k unroll deeper than
 * four it is scalar again when compiled on its own (also measured). Callers block k so a block of
 * weight rows stays in L1 while every row of a pixel tile uses it.
 *
 * <p>Each output still sums in TFLite's reference order, k ascending: four k per pass as
 * {@code a + x0*w0 + x1*w1 + x2*w2 + x3*w3}, which Java evaluates left to right, so the float
 * results equal the sequential loop's bit for bit. k blocking by callers keeps that order.
 */
final class RowGemm {
    private RowGemm() {
    }

    /** {@code [k][n]} rows of a k-major matrix {@code w[k * n + j]}. */
    static float[][] rows(float[] kMajor, int k, int n) {
        float[][] r = new float[k][n];
        for (int i = 0; i < k; i++) {
            System.arraycopy(kMajor, i * n, r[i], 0, n);
        }
        return r;
    }

    /** {@code [k][n]} rows of an int k-major matrix, as floats (exact for 8-bit codes). */
    static float[][] rows(int[] kMajor, int k, int n) {
        float[][] r = new float[k][n];
        for (int i = 0; i < k; i++) {
            float[] ri = r[i];
            int b = i * n;
            for (int j = 0; j < n; j++) {
                ri[j] = kMajor[b + j];
            }
        }
        return r;
    }

    /** {@code a0[j] += sum_{k in [k0, k1)} x[o0 + k] * w[k][j]} for j in [j0, j1). */
    static void acc1(float[] x, int o0, int k0, int k1, float[][] w, int j0, int j1, float[] a0) {
        int k = k0;
        for (; k + 3 < k1; k += 4) {
            float x0 = x[o0 + k];
            float x1 = x[o0 + k + 1];
            float x2 = x[o0 + k + 2];
            float x3 = x[o0 + k + 3];
            float[] w0 = w[k];
            float[] w1 = w[k + 1];
            float[] w2 = w[k + 2];
            float[] w3 = w[k + 3];
            for (int j = j0; j < j1; j++) {
                a0[j] = a0[j] + x0 * w0[j] + x1 * w1[j] + x2 * w2[j] + x3 * w3[j];
            }
        }
        for (; k < k1; k++) {
            float x0 = x[o0 + k];
            float[] w0 = w[k];
            for (int j = j0; j < j1; j++) {
                a0[j] += x0 * w0[j];
            }
        }
    }
}
