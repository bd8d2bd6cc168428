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
 * in cache while every pixel of the tile uses it. Tiles are split over the threads; when there are
 * fewer tiles than threads (the 4x4 and 1x1 tails of a MobileNet, measured as the serial ~13% of
 * mobilenet_v1_0.25_128 at 2 threads) each tile's output channels are split too, so a second core
 * still gets half the work. Either way each output element is summed whole, in the same order, by one
 * thread: the bytes do not depend on the thread count.
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
        int parts = channelParts(tiles, slots, outC);
        int minUnits = minUnits(pixels, k, outC, parts);
        float lo = clamp[0];
        float hi = clamp[1];
        return () -> {
            float[] x = in.floats();
            float[] y = out.floats();
            next.set(0);
            par.forRange(tiles * parts, minUnits, (from, to) -> {
                int s = next.getAndIncrement() % slots;
                float[] src = direct ? x : patch[s];
                float[][] a = acc[s];
                int[] o = offs[s];
                for (int u = from; u < to; u++) {
                    int p0 = u / parts * TILE;
                    int np = Math.min(TILE, pixels - p0);
                    int c0 = outC * (u % parts) / parts;
                    int c1 = outC * (u % parts + 1) / parts;
                    gatherTile(x, w, p0, np, inC, k, direct, src, o);
                    for (int r = 0; r < np; r++) {
                        Arrays.fill(a[r], c0, c1, 0f);
                    }
                    if (kc >= k) {
                        accumulate(src, o, np, 0, k, wr, c0, c1, a);
                    } else {
                        // Eigen's depth passes: each summed from zero, then added to the result.
                        float[][] f = passAcc[s];
                        for (int k0 = 0; k0 < k; k0 += kc) {
                            for (int r = 0; r < np; r++) {
                                Arrays.fill(f[r], c0, c1, 0f);
                            }
                            accumulate(src, o, np, k0, Math.min(k, k0 + kc), wr, c0, c1, f);
                            for (int r = 0; r < np; r++) {
                                float[] ar = a[r];
                                float[] fr = f[r];
                                for (int c = c0; c < c1; c++) {
                                    ar[c] += fr[c];
                                }
                            }
                        }
                    }
                    for (int r = 0; r < np; r++) {
                        float[] ar = a[r];
                        int yo = (p0 + r) * outC;
                        for (int c = c0; c < c1; c++) {
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
        int parts = channelParts(tiles, slots, outC);
        int minUnits = minUnits(pixels, k, outC, parts);
        int[] mult = m[0];
        int[] shift = m[1];
        int lo = clamp[0];
        int hi = clamp[1];
        int chunk = TileGemm.EXACT_FLOAT_K;
        return () -> {
            ConvSupport.widenToFloat(par, in, inOffset, xf);
            byte[] y = out.bytes();
            next.set(0);
            par.forRange(tiles * parts, minUnits, (from, to) -> {
                int s = next.getAndIncrement() % slots;
                float[] src = direct ? xf : patch[s];
                float[][] f = part[s];
                int[][] a = acc[s];
                int[] o = offs[s];
                for (int u = from; u < to; u++) {
                    int p0 = u / parts * TILE;
                    int np = Math.min(TILE, pixels - p0);
                    int c0 = outC * (u % parts) / parts;
                    int c1 = outC * (u % parts + 1) / parts;
                    gatherTile(xf, w, p0, np, inC, k, direct, src, o);
                    for (int r = 0; r < np; r++) {
                        Arrays.fill(a[r], c0, c1, 0);
                    }
                    for (int k0 = 0; k0 < k; k0 += chunk) {
                        for (int r = 0; r < np; r++) {
                            Arrays.fill(f[r], c0, c1, 0f);
                        }
                        accumulate(src, o, np, k0, Math.min(k, k0 + chunk), wr, c0, c1, f);
                        for (int r = 0; r < np; r++) {
                            int[] ar = a[r];
                            float[] fr = f[r];
                            for (int c = c0; c < c1; c++) {
                                ar[c] += (int) fr[c];
                            }
                        }
                    }
                    for (int r = 0; r < np; r++) {
                        int[] ar = a[r];
                        int yo = (p0 + r) * outC;
                        for (int c = c0; c < c1; c++) {
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

    /** {@code a[r][c0..c1) += rows(r)[k0..k1) x wr} for the tile's rows, k-blocked. */
    private static void accumulate(float[] src, int[] o, int np, int k0, int k1, float[][] wr, int c0, int c1,
                                   float[][] a) {
        for (int kb = k0; kb < k1; kb += K_BLOCK) {
            int ke = Math.min(k1, kb + K_BLOCK);
            for (int r = 0; r < np; r++) {
                RowGemm.acc1(src, o[r], kb, ke, wr, c0, c1, a[r]);
            }
        }
    }

    /**
     * Into how many channel ranges each tile is cut: 1 when there are at least as many tiles as
     * threads, else enough to give every thread a share, keeping ranges of at least 16 channels so
     * the vectorized j loop stays long.
     */
    private static int channelParts(int tiles, int threads, int outC) {
        if (tiles >= threads) {
            return 1;
        }
        return Math.max(1, Math.min((threads + tiles - 1) / tiles, outC / 16));
    }

    /** Work units per thread so each thread gets at least {@link #MIN_MACS_PER_THREAD}. */
    private static int minUnits(int pixels, int k, int outC, int parts) {
        long macsPerUnit = (long) Math.min(TILE, pixels) * k * outC / parts;
        return (int) Math.max(1, MIN_MACS_PER_THREAD / Math.max(1, macsPerUnit));
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
