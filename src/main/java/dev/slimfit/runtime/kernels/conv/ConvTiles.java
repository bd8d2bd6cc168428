package dev.slimfit.runtime.kernels.conv;

import dev.slimfit.quant.QuantizedMath;
import dev.slimfit.quant.RuyMath;
import dev.slimfit.runtime.Parallel;
import dev.slimfit.runtime.PreparedOp;
import dev.slimfit.runtime.RuntimeTensor;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The float and 8-bit CONV_2D loops: output pixels in tiles of {@link #TILE}; each tile's receptive
 * fields are gathered once (1x1 filters read the input in place), then multiplied against the
 * filter rows with {@link RowGemm} in k blocks of {@link #K_BLOCK}, so a block of filter rows stays
 * in cache while every pixel of the tile uses it. Tiles are split over the threads.
 *
 * <p>Float results keep the reference summation order (see {@link RowGemm}) within each of the
 * depth passes of TFLite 2.6.2's Eigen GEMM ({@link EigenGemm#kc}). The 8-bit path sums
 * offset-corrected codes in float, k-chunked by {@link TileGemm#EXACT_FLOAT_K} so every partial sum
 * is exact, and adds the chunks in int32, so the accumulators equal TFLite's.
 */
final class ConvTiles {
    static final int TILE = 16;
    static final int K_BLOCK = 32;
    private static final int MIN_MACS_PER_THREAD = 1 << 16;

    private ConvTiles() {
    }

    static PreparedOp floatConv(Parallel par, RuntimeTensor in, float[][] wr, float[] bias, RuntimeTensor out,
                                Window w, int inC, int outC, float[] clamp) {
        int k = w.filterH() * w.filterW() * inC;
        boolean direct = w.filterH() == 1 && w.filterW() == 1;
        int slots = par.threads();
        float[][] patch = new float[slots][direct ? 0 : TILE * k];
        float[][][] acc = new float[slots][TILE][outC];
        int[][] offs = new int[slots][TILE];
        AtomicInteger next = new AtomicInteger();
        int pixels = w.outPixels();
        int kc = EigenGemm.kc(k, outC, pixels);
        float[][][] passAcc = new float[kc < k ? slots : 0][TILE][outC];
        int tiles = (pixels + TILE - 1) / TILE;
        int minTiles = Math.max(1, MIN_MACS_PER_THREAD / Math.max(1, TILE * k * outC));
        float lo = clamp[0];
        float hi = clamp[1];
        return () -> {
            float[] x = in.floats();
            float[] y = out.floats();
            next.set(0);
            par.forRange(tiles, minTiles, (from, to) -> {
                int s = next.getAndIncrement() % slots;
                float[] src = direct ? x : patch[s];
                float[][] a = acc[s];
                int[] o = offs[s];
                for (int t = from; t < to; t++) {
                    int p0 = t * TILE;
                    int np = Math.min(TILE, pixels - p0);
                    gatherTile(x, w, p0, np, inC, k, direct, src, o);
                    for (int r = 0; r < np; r++) {
                        Arrays.fill(a[r], 0f);
                    }
                    if (kc >= k) {
                        accumulate(src, o, np, 0, k, wr, outC, a);
                    } else {
                        // Eigen's depth passes: each summed from zero, then added to the result.
                        float[][] f = passAcc[s];
                        for (int k0 = 0; k0 < k; k0 += kc) {
                            for (int r = 0; r < np; r++) {
                                Arrays.fill(f[r], 0f);
                            }
                            accumulate(src, o, np, k0, Math.min(k, k0 + kc), wr, outC, f);
                            for (int r = 0; r < np; r++) {
                                float[] ar = a[r];
                                float[] fr = f[r];
                                for (int c = 0; c < outC; c++) {
                                    ar[c] += fr[c];
                                }
                            }
                        }
                    }
                    for (int r = 0; r < np; r++) {
                        float[] ar = a[r];
                        int yo = (p0 + r) * outC;
                        for (int c = 0; c < outC; c++) {
                            y[yo + c] = Math.min(Math.max(ar[c] + bias[c], lo), hi);
                        }
                    }
                }
            });
        };
    }

    static PreparedOp intConv(Parallel par, RuntimeTensor in, float[][] wr, int[] bias, int[][] m, boolean ruy,
                              RuntimeTensor out, Window w, int inC, int outC, int inOffset, int outOffset,
                              int[] clamp) {
        int k = w.filterH() * w.filterW() * inC;
        boolean direct = w.filterH() == 1 && w.filterW() == 1;
        int slots = par.threads();
        float[] xf = new float[in.flatSize()];
        float[][] patch = new float[slots][direct ? 0 : TILE * k];
        float[][][] part = new float[slots][TILE][outC];
        int[][][] acc = new int[slots][TILE][outC];
        int[][] offs = new int[slots][TILE];
        AtomicInteger next = new AtomicInteger();
        int pixels = w.outPixels();
        int tiles = (pixels + TILE - 1) / TILE;
        int minTiles = Math.max(1, MIN_MACS_PER_THREAD / Math.max(1, TILE * k * outC));
        int[] mult = m[0];
        int[] shift = m[1];
        int lo = clamp[0];
        int hi = clamp[1];
        int chunk = TileGemm.EXACT_FLOAT_K;
        return () -> {
            ConvSupport.widenToFloat(in, inOffset, xf, xf.length);
            byte[] y = out.bytes();
            next.set(0);
            par.forRange(tiles, minTiles, (from, to) -> {
                int s = next.getAndIncrement() % slots;
                float[] src = direct ? xf : patch[s];
                float[][] f = part[s];
                int[][] a = acc[s];
                int[] o = offs[s];
                for (int t = from; t < to; t++) {
                    int p0 = t * TILE;
                    int np = Math.min(TILE, pixels - p0);
                    gatherTile(xf, w, p0, np, inC, k, direct, src, o);
                    for (int r = 0; r < np; r++) {
                        Arrays.fill(a[r], 0);
                    }
                    for (int k0 = 0; k0 < k; k0 += chunk) {
                        for (int r = 0; r < np; r++) {
                            Arrays.fill(f[r], 0f);
                        }
                        accumulate(src, o, np, k0, Math.min(k, k0 + chunk), wr, outC, f);
                        for (int r = 0; r < np; r++) {
                            int[] ar = a[r];
                            float[] fr = f[r];
                            for (int c = 0; c < outC; c++) {
                                ar[c] += (int) fr[c];
                            }
                        }
                    }
                    for (int r = 0; r < np; r++) {
                        int[] ar = a[r];
                        int yo = (p0 + r) * outC;
                        for (int c = 0; c < outC; c++) {
                            int v = ruy ? RuyMath.multiplyByQuantizedMultiplier(ar[c] + bias[c], mult[c], shift[c])
                                    : QuantizedMath.multiplyByQuantizedMultiplier(ar[c] + bias[c], mult[c], shift[c]);
                            y[yo + c] = (byte) Math.min(Math.max(v + outOffset, lo), hi);
                        }
                    }
                }
            });
        };
    }

    /** Row offsets of a tile's pixels: in place for 1x1 filters, else gathered into {@code patch}. */
    private static void gatherTile(float[] x, Window w, int p0, int np, int inC, int k, boolean direct,
                                   float[] patch, int[] o) {
        for (int r = 0; r < np; r++) {
            o[r] = direct ? directOffset(w, p0 + r, inC) : Conv2DKernel.gatherFloat(x, w, p0 + r, inC, patch, r * k);
        }
    }

    /** {@code a[r] += rows(r)[k0..k1) x wr} for the tile's rows, k-blocked. */
    private static void accumulate(float[] src, int[] o, int np, int k0, int k1, float[][] wr, int n, float[][] a) {
        for (int kb = k0; kb < k1; kb += K_BLOCK) {
            int ke = Math.min(k1, kb + K_BLOCK);
            for (int r = 0; r < np; r++) {
                RowGemm.acc1(src, o[r], kb, ke, wr, 0, n, a[r]);
            }
        }
    }

    /** Input offset of a 1x1 filter's only tap (a 1x1 filter never needs padding). */
    private static int directOffset(Window w, int pixel, int inC) {
        int ox = pixel % w.outW();
        int rest = pixel / w.outW();
        int oy = rest % w.outH();
        int b = rest / w.outH();
        return ((b * w.inH() + oy * w.strideH()) * w.inW() + ox * w.strideW()) * inC;
    }
}
