package dev.slimfit.runtime.kernels.conv;

import dev.slimfit.runtime.PreparedOp;
import dev.slimfit.runtime.RuntimeTensor;

/**
 * Float CONV_2D whose GEMM degenerates to a matrix-vector product: one output pixel, or one output
 * channel. TFLite 2.6.2 (x86-64, one thread) runs float convs through {@code cpu_backend_gemm},
 * whose Eigen backend special-cases these shapes ({@code GemmImplUsingEigen}: a column or row of
 * the destination at a time), and Eigen's row-major GEMV does not sum k in order: with SSE packets
 * of 4 floats it keeps 4 partial sums (lane {@code k mod 4}, multiply then add, no FMA), reduces
 * them as {@code (l0 + l2) + (l1 + l3)}, then adds the {@code k mod 4} tail one product at a time.
 * When both dimensions are 1, Eigen's product falls back to a dot product (vectorized reduction
 * with two packet accumulators, k mod 8 below / above 4). The bias is added afterwards
 * ({@code BiasAndClamp}).
 *
 * <p>Why it matters: summed in order the result differs by an ulp or two, and a hybrid conv
 * downstream re-quantizes its float input on the fly, so an ulp can move an int8 code.
 * style_transfer_dynamic_384's style-parameter convs (1x1 on a 1x1x100 bottleneck, 8 and 3
 * channels) were off by up to 2.98e-7, which became 1.13e-3 at the output. The lane order
 * reproduces all 22 of their values bit for bit (and the SingleOpModel conformance tests).
 */
final class EigenGemv {
    /** Packet width of the SSE build of TFLite 2.6.2 (AVX order measured wrong on 20 of 22 values). */
    static final int LANES = 4;

    private EigenGemv() {
    }

    /** True when 2.6.2's float GEMM for this conv is a matrix-vector or dot product. */
    static boolean suits(Window w, int outC) {
        return w.outPixels() == 1 || outC == 1;
    }

    static PreparedOp floatConv(RuntimeTensor in, float[] filterOhwi, float[] bias, RuntimeTensor out, Window w,
                                int inC, int outC, float[] clamp) {
        int k = w.filterH() * w.filterW() * inC;
        float[] patch = new float[k];
        int pixels = w.outPixels();
        boolean dotOnly = pixels == 1 && outC == 1;
        float lo = clamp[0];
        float hi = clamp[1];
        return () -> {
            float[] x = in.floats();
            float[] y = out.floats();
            for (int p = 0; p < pixels; p++) {
                Conv2DKernel.gatherFloat(x, w, p, inC, patch, 0);
                for (int c = 0; c < outC; c++) {
                    float s = dotOnly ? dot(patch, filterOhwi, 0, k)
                            : EigenGemm.byFour(patch, 0, filterOhwi, c * k, k, true);
                    // dst is zeroed, then dst += alpha * s (alpha 1): -0 becomes +0 before the bias.
                    y[p * outC + c] = Math.min(Math.max((0f + s) + bias[c], lo), hi);
                }
            }
        };
    }

    /**
     * Eigen's vectorized sum of the products (redux, no alignment peeling for an expression): two
     * packet accumulators over blocks of 8, seeded with the first products, merged, plus one more
     * packet when a block of 4 is left; reduced as a GEMV row; then the scalar tail.
     */
    static float dot(float[] x, float[] w, int wo, int k) {
        int full2 = k - k % (2 * LANES);
        int full = k - k % LANES;
        if (full == 0) {
            float s = k == 0 ? 0f : w[wo] * x[0];
            for (int j = 1; j < k; j++) {
                s += w[wo + j] * x[j];
            }
            return s;
        }
        float r0 = w[wo] * x[0];
        float r1 = w[wo + 1] * x[1];
        float r2 = w[wo + 2] * x[2];
        float r3 = w[wo + 3] * x[3];
        if (full > LANES) {
            float q0 = w[wo + 4] * x[4];
            float q1 = w[wo + 5] * x[5];
            float q2 = w[wo + 6] * x[6];
            float q3 = w[wo + 7] * x[7];
            for (int j = 2 * LANES; j < full2; j += 2 * LANES) {
                r0 += w[wo + j] * x[j];
                r1 += w[wo + j + 1] * x[j + 1];
                r2 += w[wo + j + 2] * x[j + 2];
                r3 += w[wo + j + 3] * x[j + 3];
                q0 += w[wo + j + 4] * x[j + 4];
                q1 += w[wo + j + 5] * x[j + 5];
                q2 += w[wo + j + 6] * x[j + 6];
                q3 += w[wo + j + 7] * x[j + 7];
            }
            r0 += q0;
            r1 += q1;
            r2 += q2;
            r3 += q3;
            if (full > full2) {
                r0 += w[wo + full2] * x[full2];
                r1 += w[wo + full2 + 1] * x[full2 + 1];
                r2 += w[wo + full2 + 2] * x[full2 + 2];
                r3 += w[wo + full2 + 3] * x[full2 + 3];
            }
        }
        float s = (r0 + r2) + (r1 + r3);
        for (int j = full; j < k; j++) {
            s += w[wo + j] * x[j];
        }
        return s;
    }
}
