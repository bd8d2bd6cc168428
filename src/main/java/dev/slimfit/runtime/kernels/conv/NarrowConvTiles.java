package dev.slimfit.runtime.kernels.conv;

import dev.slimfit.quant.QuantizedMath;
import dev.slimfit.quant.RuyMath;
import dev.slimfit.runtime.Parallel;
import dev.slimfit.runtime.PreparedOp;
import dev.slimfit.runtime.RuntimeTensor;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * CONV_2D with few output channels (stems, projections to 8-32 channels): {@link ConvTiles} with
 * the roles swapped. A vector loop over 8-32 output channels is mostly loop overhead, so here the
 * vectorized loop runs over the {@link #TILE} pixels of a tile: the tile's receptive fields are
 * gathered transposed (one array per tap and input channel), and each output channel accumulates
 * {@code acc[c][r] += w[c][k] * patch[k][r]} with the filter read in its own OHWI order.
 *
 * <p>Every output still sums k ascending in the same float expression shape as {@link RowGemm},
 * so floats equal the reference loop's bit for bit, and the 8-bit path stays exact (k chunks of
 * {@link TileGemm#EXACT_FLOAT_K} summed in int32).
 */
final class NarrowConvTiles {
    static final int TILE = 64;
    /** Below this many output channels the pixel-vectorized form is faster. */
    static final int MAX_CHANNELS = 32;
    private static final int MIN_MACS_PER_THREAD = 1 << 16;

    private NarrowConvTiles() {
    }

    static boolean suits(int outC, int pixels) {
        return outC <= MAX_CHANNELS && pixels >= TILE / 2;
    }

    static PreparedOp floatConv(Parallel par, RuntimeTensor in, float[] wc, float[] bias, RuntimeTensor out,
                                Window w, int inC, int outC, float[] clamp) {
        int k = w.filterH() * w.filterW() * inC;
        Scratch sc = new Scratch(par, w, k, outC);
        int kc = EigenGemm.kc(k, outC, sc.pixels);
        float[][][] passAcc = new float[kc < k ? sc.patch.length : 0][outC][TILE];
        float lo = clamp[0];
        float hi = clamp[1];
        return () -> {
            float[] x = in.floats();
            float[] y = out.floats();
            sc.next.set(0);
            par.forRange(sc.tiles, sc.minTiles, (from, to) -> {
                int s = sc.next.getAndIncrement() % sc.patch.length;
                float[][] p = sc.patch[s];
                float[][] a = sc.acc[s];
                for (int t = from; t < to; t++) {
                    int p0 = t * TILE;
                    int np = Math.min(TILE, sc.pixels - p0);
                    gather(x, w, p0, np, inC, p);
                    if (kc >= k) {
                        accumulate(wc, k, p, np, 0, k, outC, a);
                    } else {
                        // Eigen's depth passes: each summed from zero, then added to the result.
                        float[][] f = passAcc[s];
                        for (int k0 = 0; k0 < k; k0 += kc) {
                            accumulate(wc, k, p, np, k0, Math.min(k, k0 + kc), outC, k0 == 0 ? a : f);
                            if (k0 > 0) {
                                for (int c = 0; c < outC; c++) {
                                    float[] ac = a[c];
                                    float[] fc = f[c];
                                    for (int r = 0; r < np; r++) {
                                        ac[r] += fc[r];
                                    }
                                }
                            }
                        }
                    }
                    for (int c = 0; c < outC; c++) {
                        float[] ac = a[c];
                        float b = bias[c];
                        for (int r = 0; r < np; r++) {
                            y[(p0 + r) * outC + c] = Math.min(Math.max(ac[r] + b, lo), hi);
                        }
                    }
                }
            });
        };
    }

    static PreparedOp intConv(Parallel par, RuntimeTensor in, float[] wc, int[] bias, int[][] m, boolean ruy,
                              RuntimeTensor out, Window w, int inC, int outC, int inOffset, int outOffset,
                              int[] clamp) {
        int k = w.filterH() * w.filterW() * inC;
        Scratch sc = new Scratch(par, w, k, outC);
        int[][][] iacc = new int[sc.patch.length][outC][TILE];
        float[] xf = new float[in.flatSize()];
        int[] mult = m[0];
        int[] shift = m[1];
        int lo = clamp[0];
        int hi = clamp[1];
        int chunk = TileGemm.EXACT_FLOAT_K;
        return () -> {
            ConvSupport.widenToFloat(par, in, inOffset, xf);
            byte[] y = out.bytes();
            sc.next.set(0);
            par.forRange(sc.tiles, sc.minTiles, (from, to) -> {
                int s = sc.next.getAndIncrement() % sc.patch.length;
                float[][] p = sc.patch[s];
                float[][] f = sc.acc[s];
                int[][] a = iacc[s];
                for (int t = from; t < to; t++) {
                    int p0 = t * TILE;
                    int np = Math.min(TILE, sc.pixels - p0);
                    gather(xf, w, p0, np, inC, p);
                    for (int k0 = 0; k0 < k; k0 += chunk) {
                        accumulate(wc, k, p, np, k0, Math.min(k, k0 + chunk), outC, f);
                        for (int c = 0; c < outC; c++) {
                            int[] ac = a[c];
                            float[] fc = f[c];
                            if (k0 == 0) {
                                for (int r = 0; r < np; r++) {
                                    ac[r] = (int) fc[r];
                                }
                            } else {
                                for (int r = 0; r < np; r++) {
                                    ac[r] += (int) fc[r];
                                }
                            }
                        }
                    }
                    for (int c = 0; c < outC; c++) {
                        int[] ac = a[c];
                        int b = bias[c];
                        for (int r = 0; r < np; r++) {
                            int v = ruy ? RuyMath.multiplyByQuantizedMultiplier(ac[r] + b, mult[c], shift[c])
                                    : QuantizedMath.multiplyByQuantizedMultiplier(ac[r] + b, mult[c], shift[c]);
                            y[(p0 + r) * outC + c] = (byte) Math.min(Math.max(v + outOffset, lo), hi);
                        }
                    }
                }
            });
        };
    }

    /** Per-thread buffers and the tile split, shared by both paths. */
    private static final class Scratch {
        final float[][][] patch;
        final float[][][] acc;
        final AtomicInteger next = new AtomicInteger();
        final int pixels;
        final int tiles;
        final int minTiles;

        Scratch(Parallel par, Window w, int k, int outC) {
            int slots = par.threads();
            patch = new float[slots][k][TILE];
            acc = new float[slots][outC][TILE];
            pixels = w.outPixels();
            tiles = (pixels + TILE - 1) / TILE;
            minTiles = Math.max(1, MIN_MACS_PER_THREAD / Math.max(1, TILE * k * outC));
        }
    }

    /** {@code a[c][0..np) = sum_{k in [k0, k1)} wc[c*kLen + k] * p[k][0..np)}, k-ascending. */
    private static void accumulate(float[] wc, int kLen, float[][] p, int np, int k0, int k1, int outC,
                                   float[][] a) {
        for (int c = 0; c < outC; c++) {
            Arrays.fill(a[c], 0, np, 0f);
            RowGemm.acc1(wc, c * kLen, k0, k1, p, 0, np, a[c]);
        }
    }

    /** Transposed receptive fields of pixels [p0, p0+np): {@code p[tap*inC + ic][r]}; padding is 0. */
    private static void gather(float[] x, Window w, int p0, int np, int inC, float[][] p) {
        for (int r = 0; r < np; r++) {
            int pixel = p0 + r;
            int ox = pixel % w.outW();
            int rest = pixel / w.outW();
            int oy = rest % w.outH();
            int b = rest / w.outH();
            int q = 0;
            for (int fy = 0; fy < w.filterH(); fy++) {
                int iy = oy * w.strideH() - w.padH() + fy * w.dilationH();
                for (int fx = 0; fx < w.filterW(); fx++) {
                    int ix = ox * w.strideW() - w.padW() + fx * w.dilationW();
                    if (iy >= 0 && iy < w.inH() && ix >= 0 && ix < w.inW()) {
                        int xo = ((b * w.inH() + iy) * w.inW() + ix) * inC;
                        for (int ic = 0; ic < inC; ic++) {
                            p[q + ic][r] = x[xo + ic];
                        }
                    } else {
                        for (int ic = 0; ic < inC; ic++) {
                            p[q + ic][r] = 0f;
                        }
                    }
                    q += inC;
                }
            }
        }
    }
}
