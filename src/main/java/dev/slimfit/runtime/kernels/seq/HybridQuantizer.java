package dev.slimfit.runtime.kernels.seq;

import dev.slimfit.quant.Rounding;

/**
 * Per-row on-the-fly int8 quantization of float activations for TFLite 2.6.2's hybrid kernels
 * (tensor_utils {@code BatchQuantizeFloats}: {@code SymmetricQuantizeFloats} — scale max|x|/127,
 * values {@code round(x * 127/max)} clamped to ±127 — or {@code AsymmetricQuantizeFloats} with a
 * nudged zero point), and the hybrid {@code MatrixBatchVectorMultiplyAccumulate}: exact int32 dot
 * products, minus row sum × zero point, added as {@code dot * (rowScale * weightScale)}.
 */
final class HybridQuantizer {
    private final byte[] q;
    private final float[] scale;
    private final int[] zp;
    private final int cols;

    HybridQuantizer(int rows, int cols) {
        this.cols = cols;
        q = new byte[rows * cols];
        scale = new float[rows];
        zp = new int[rows];
    }

    static int[] rowSums(byte[] w, int rows, int cols) {
        int[] s = new int[rows];
        for (int r = 0; r < rows; r++) {
            int sum = 0;
            for (int c = 0; c < cols; c++) {
                sum += w[r * cols + c];
            }
            s[r] = sum;
        }
        return s;
    }

    static boolean isZero(float[] v, int off, int n) {
        for (int i = 0; i < n; i++) {
            if (v[off + i] != 0f) {
                return false;
            }
        }
        return true;
    }

    /** Quantizes {@code rows} rows of {@code cols} values starting at {@code off}. */
    void quantize(float[] v, int off, int rows, boolean asymmetric) {
        for (int b = 0; b < rows; b++) {
            if (asymmetric) {
                asymmetric(v, off + b * cols, b);
            } else {
                symmetric(v, off + b * cols, b);
            }
        }
    }

    private void symmetric(float[] v, int off, int row) {
        float min = v[off];
        float max = v[off];
        for (int i = 1; i < cols; i++) {
            min = Math.min(min, v[off + i]);
            max = Math.max(max, v[off + i]);
        }
        float range = Math.max(Math.abs(min), Math.abs(max));
        zp[row] = 0;
        int base = row * cols;
        if (range == 0) {
            java.util.Arrays.fill(q, base, base + cols, (byte) 0);
            scale[row] = 1f;
            return;
        }
        scale[row] = range / 127;
        float inv = 127 / range;
        for (int i = 0; i < cols; i++) {
            int x = (int) Rounding.round(v[off + i] * inv);
            q[base + i] = (byte) Math.min(127, Math.max(-127, x));
        }
    }

    private void asymmetric(float[] v, int off, int row) {
        float lo = v[off];
        float hi = v[off];
        for (int i = 1; i < cols; i++) {
            lo = Math.min(lo, v[off + i]);
            hi = Math.max(hi, v[off + i]);
        }
        double rmin = Math.min(0, (double) lo);
        double rmax = Math.max(0, (double) hi);
        int base = row * cols;
        if (rmin == rmax) {
            java.util.Arrays.fill(q, base, base + cols, (byte) 0);
            scale[row] = 1f;
            zp[row] = 0;
            return;
        }
        double s = (rmax - rmin) / (127.0 - -128.0);
        double zpFromMin = -128.0 - rmin / s;
        double zpFromMax = 127.0 - rmax / s;
        double errMin = 128.0 + Math.abs(rmin / s);
        double errMax = 127.0 + Math.abs(rmax / s);
        double zpd = errMin < errMax ? zpFromMin : zpFromMax;
        int nudged;
        if (zpd <= -128.0) {
            nudged = -128;
        } else if (zpd >= 127.0) {
            nudged = 127;
        } else {
            nudged = (int) Rounding.round(zpd);
        }
        scale[row] = (float) s;
        zp[row] = nudged;
        float inv = (float) (1.0 / scale[row]);
        for (int i = 0; i < cols; i++) {
            int x = (int) (Rounding.round(inv * v[off + i]) + nudged);
            q[base + i] = (byte) Math.min(127, Math.max(-128, x));
        }
    }

    /**
     * result[resOff + b*rows + r] += (dot(w row r, q row b) - rowSums[r]*zp[b]) * (scale[b]*wScale)
     * for the {@code nb} quantized rows.
     */
    void accumulate(byte[] w, float wScale, int[] rowSums, int rows, int nb, float[] result, int resOff) {
        for (int b = 0; b < nb; b++) {
            float s = scale[b] * wScale;
            int qb = b * cols;
            int z = zp[b];
            for (int r = 0; r < rows; r++) {
                int dot = 0;
                int wr = r * cols;
                for (int c = 0; c < cols; c++) {
                    dot += w[wr + c] * q[qb + c];
                }
                dot -= rowSums[r] * z;
                result[resOff + b * rows + r] += dot * s;
            }
        }
    }
}
