package dev.slimfit.runtime.kernels.conv;

import dev.slimfit.runtime.Parallel;
import dev.slimfit.runtime.PreparedOp;
import dev.slimfit.runtime.RuntimeTensor;

/**
 * The output channels of a float CONV_2D that TFLite 2.6.2's Eigen GEMM does not sum in k order.
 * 2.6.2 (x86-64 SSE build, one thread) computes {@code dst[channels x pixels] = filter * patches}
 * with Eigen's blocked GEMM, whose micro kernel (gebp, {@code mr = 8} rows, {@code nr = 4}
 * columns) picks a summation order by where a channel falls:
 * <ul>
 * <li>channels in full groups of 8 (two SSE packets): k in order — the tiled paths already do this;
 * <li>the next group of 4 (one packet), for pixels in full groups of 4: two accumulators, even and
 * odd k, over the k rounded down to 8, added, then the rest of k in order;
 * <li>the last {@code channels mod 4}, for pixels in full groups of 4: four accumulators by
 * {@code k mod 4} over k rounded down to 4, combined {@code (a0 + a1) + (a2 + a3)}, then the rest;
 * <li>the last {@code pixels mod 4} pixels: k in order.
 * </ul>
 * Measured on deeplabv3's expanded_conv_1/project (1x1, k = 48, 12 channels, 65x65 pixels): k order
 * matched channels 0-7 on all 4225 pixels and channels 8-11 on 558-1326; the even/odd order matches
 * channels 8-11 on 4224 of 4225 (all but the last, odd pixel). Its ulp differences become int8 code
 * flips in the hybrid convs of a dynamic-range DeepLab. The bias is added after the product.
 *
 * <p>Depth is blocked too: when k exceeds what fits Eigen's L1 budget ({@link #kc}), the product
 * runs in passes over k, each summed as above from zero and added to the result, so even
 * in-order channels are {@code (0 + pass1) + pass2 ...}; the tiled paths follow {@link #kc}.
 *
 * <p>This pass recomputes only the remainder channels, after the tiled pass wrote all of them.
 */
final class EigenGemm {
    /** Rows of the two-packet micro kernel; channels below a multiple of it are summed in order. */
    static final int MR = 8;
    static final int NR = 4;
    private static final int MIN_PIXELS_PER_THREAD = 64;
    /**
     * L1 data cache Eigen sizes its depth blocks for (it asks cpuid): 32 KiB on the machines
     * 2.6.2 is checked on here. A conv with k = 900 confirmed the resulting 456 + 444 passes.
     */
    static final int L1_BYTES = 32 * 1024;

    private EigenGemm() {
    }

    /**
     * True when some channels of this conv are not summed in order by 2.6.2. Below 20 for
     * k + channels + pixels Eigen uses its coefficient-based product instead (not modelled here).
     */
    static boolean hasRemainder(int k, int outC, int pixels) {
        return outC % MR != 0 && pixels >= NR && k + outC + pixels >= 20;
    }

    /**
     * Eigen's depth block ({@code computeProductBlockingSizes}, one thread, float, mr = 8, nr = 4):
     * the whole depth for small products, else the largest multiple of 8 that fits L1, shrunk so
     * the last block is as large as possible with the same number of passes.
     */
    static int kc(int k, int outC, int pixels) {
        if (Math.max(k, Math.max(outC, pixels)) < 48) {
            return k;
        }
        int maxKc = Math.max(((L1_BYTES - MR * NR * 4) / (MR * 4 + NR * 4)) & ~7, 1);
        if (k <= maxKc) {
            return k;
        }
        return k % maxKc == 0 ? maxKc : maxKc - 8 * ((maxKc - 1 - k % maxKc) / (8 * (k / maxKc + 1)));
    }

    /** Recomputes channels {@code [MR * (outC / MR), outC)} of {@code out} in Eigen's order. */
    static PreparedOp remainder(Parallel par, RuntimeTensor in, float[] filterOhwi, float[] bias, RuntimeTensor out,
                                Window w, int inC, int outC, float[] clamp) {
        int k = w.filterH() * w.filterW() * inC;
        int first = MR * (outC / MR);
        int split2End = NR * (outC / NR);
        int pixels = w.outPixels();
        int fullCols = NR * (pixels / NR);
        int kc = kc(k, outC, pixels);
        float[][] patch = new float[par.threads()][k];
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        float lo = clamp[0];
        float hi = clamp[1];
        return () -> {
            float[] x = in.floats();
            float[] y = out.floats();
            next.set(0);
            par.forRange(pixels, MIN_PIXELS_PER_THREAD, (from, to) -> {
                float[] p = patch[next.getAndIncrement() % patch.length];
                for (int pix = from; pix < to; pix++) {
                    Conv2DKernel.gatherFloat(x, w, pix, inC, p, 0);
                    boolean grouped = pix < fullCols;
                    for (int c = first; c < outC; c++) {
                        float s = 0f;
                        for (int k0 = 0; k0 < k; k0 += kc) {
                            s += pass(p, filterOhwi, c * k, k0, Math.min(kc, k - k0), grouped, c < split2End);
                        }
                        y[pix * outC + c] = Math.min(Math.max(s + bias[c], lo), hi);
                    }
                }
            });
        };
    }

    private static float pass(float[] p, float[] w, int wo, int k0, int d, boolean grouped, boolean onePacket) {
        if (!grouped) {
            return inOrder(p, k0, w, wo + k0, d);
        }
        return onePacket ? evenOdd(p, k0, w, wo + k0, d) : byFour(p, k0, w, wo + k0, d, false);
    }

    static float inOrder(float[] x, int xo, float[] w, int wo, int k) {
        float s = 0f;
        for (int j = 0; j < k; j++) {
            s += w[wo + j] * x[xo + j];
        }
        return s;
    }

    /** The one-packet micro kernel: even k in one accumulator, odd k in another, over k rounded to 8. */
    static float evenOdd(float[] x, int xo, float[] w, int wo, int k) {
        int peeled = k - k % 8;
        float c = 0f;
        float d = 0f;
        for (int j = 0; j < peeled; j += 2) {
            c += w[wo + j] * x[xo + j];
            d += w[wo + j + 1] * x[xo + j + 1];
        }
        c = c + d;
        for (int j = peeled; j < k; j++) {
            c += w[wo + j] * x[xo + j];
        }
        return c;
    }

    /**
     * Four accumulators by {@code k mod 4} over k rounded down to 4, then the rest of k in order.
     * The accumulators are combined {@code (a0 + a2) + (a1 + a3)} by Eigen's SSE horizontal sum
     * ({@code predux}, the GEMV) and {@code (a0 + a1) + (a2 + a3)} by the GEMM's row-at-a-time
     * (swapped) micro kernel, which keeps one packet per k mod 4.
     */
    static float byFour(float[] x, int xo, float[] w, int wo, int k, boolean predux) {
        int end4 = k - k % 4;
        float a0 = 0f;
        float a1 = 0f;
        float a2 = 0f;
        float a3 = 0f;
        for (int j = 0; j < end4; j += 4) {
            a0 += w[wo + j] * x[xo + j];
            a1 += w[wo + j + 1] * x[xo + j + 1];
            a2 += w[wo + j + 2] * x[xo + j + 2];
            a3 += w[wo + j + 3] * x[xo + j + 3];
        }
        float s = predux ? (a0 + a2) + (a1 + a3) : (a0 + a1) + (a2 + a3);
        for (int j = end4; j < k; j++) {
            s += w[wo + j] * x[xo + j];
        }
        return s;
    }
}
