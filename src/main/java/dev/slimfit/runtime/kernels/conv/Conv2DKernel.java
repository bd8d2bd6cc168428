package dev.slimfit.runtime.kernels.conv;

import dev.slimfit.model.TensorType;
import dev.slimfit.quant.QuantizedMath;
import dev.slimfit.quant.RuyMath;
import dev.slimfit.runtime.Kernel;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.Parallel;
import dev.slimfit.runtime.PreparedOp;
import dev.slimfit.runtime.RuntimeTensor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * CONV_2D as TFLite 2.6.2 computes it (conv.cc): float32; uint8 with the legacy per-tensor
 * multiplier and filter zero point; int8 with per-channel multipliers (filter zero point ignored,
 * as reference_integer_ops::ConvPerChannel does); int16 activations with int8 filters and int64
 * accumulation (16x8); hybrid float input with int8 filter ({@link HybridConv}).
 *
 * <p>The 8-bit and float paths gather each output pixel's receptive field (padding taps are zero
 * after the input offset is applied, exactly the contribution TFLite's skipped taps have) and
 * multiply two pixels at a time against the filter transposed to [fh][fw][in][out]; 1x1
 * filters read the input in place. Work is split over output pixels.
 */
public final class Conv2DKernel implements Kernel {
    private static final int MIN_MACS_PER_THREAD = 1 << 16;

    @Override
    public PreparedOp prepare(OpContext ctx) throws KernelException {
        RuntimeTensor in = ctx.requireInput(0);
        RuntimeTensor filter = ctx.requireInput(1);
        RuntimeTensor bias = ctx.input(2);
        RuntimeTensor out = ctx.output(0);
        ConvSupport.checkRank(in, "input", 4);
        ConvSupport.checkRank(filter, "filter", 4);
        int inC = in.dim(3);
        int outC = filter.dim(0);
        if (filter.dim(3) != inC) {
            throw new KernelException("CONV_2D: filter " + filter + " does not match input channels " + inC);
        }
        if (bias == null) {
            // conv.cc 2.6.2 requires the bias (TF_LITE_ENSURE(has_bias)); later versions relax this.
            throw new KernelException("CONV_2D: TFLite 2.6.2 requires a bias input");
        }
        int act = ctx.options() == null ? 0 : ctx.options().getInt("fusedActivationFunction", 0);
        Window w = Window.of(ctx.options(), in.dim(0), in.dim(1), in.dim(2), filter.dim(1), filter.dim(2), true);
        out.resize(new int[] {w.batches(), w.outH(), w.outW(), outC});
        TensorType it = in.type();
        TensorType ft = filter.type();
        if (it == TensorType.FLOAT32 && ft == TensorType.FLOAT32) {
            ConvSupport.checkType(out, "output", TensorType.FLOAT32);
            return floatConv(ctx.parallel(), in, transpose(filter.floats(), outC, w, inC),
                    ConvSupport.floatBias(bias, outC), out, w, inC, outC, ConvSupport.floatActivation(act));
        }
        if (it == TensorType.FLOAT32 && ft == TensorType.INT8) {
            return HybridConv.prepare(ctx, in, filter, bias, out, w, act);
        }
        if (it == TensorType.UINT8 && ft == TensorType.UINT8 || it == TensorType.INT8 && ft == TensorType.INT8) {
            ConvSupport.checkType(out, "output", it);
            boolean legacy = it == TensorType.UINT8;
            int[][] m = legacy ? ConvSupport.legacyMultipliers(in, filter, bias, out, outC)
                    : ConvSupport.perChannelMultipliers(in, filter, out, outC);
            long[] b = ConvSupport.integerBias(bias, outC, TensorType.INT32);
            int[] bi = new int[outC];
            for (int c = 0; c < outC; c++) {
                bi[c] = (int) b[c];
            }
            int filterOffset = legacy ? -filter.zeroPoint() : 0;
            return intConv(ctx.parallel(), in, transposeInt(filter, filterOffset, outC, w, inC), bi, m, !legacy, out,
                    w, inC, outC, -in.zeroPoint(), out.zeroPoint(), ConvSupport.quantizedActivation(act, out));
        }
        if (it == TensorType.INT16 && ft == TensorType.INT8) {
            ConvSupport.checkType(out, "output", TensorType.INT16);
            int[][] m = ConvSupport.perChannelMultipliers(in, filter, out, outC);
            long[] b = ConvSupport.integerBias(bias, outC, TensorType.INT64);
            int[] clamp = ConvSupport.quantizedActivation(act, out);
            byte[] f = filter.bytes();
            return () -> conv16x8(in.shorts(), f, b, m, out.shorts(), w, inC, outC, out.zeroPoint(), clamp);
        }
        throw new KernelException("CONV_2D: unsupported input/filter types " + it + "/" + ft);
    }

    /** OHWI filter to [fh][fw][in][out], so the inner loop runs over output channels. */
    static float[] transpose(float[] f, int outC, Window w, int inC) {
        int taps = w.filterH() * w.filterW() * inC;
        float[] t = new float[taps * outC];
        for (int oc = 0; oc < outC; oc++) {
            for (int k = 0; k < taps; k++) {
                t[k * outC + oc] = f[oc * taps + k];
            }
        }
        return t;
    }

    static int[] transposeInt(RuntimeTensor filter, int offset, int outC, Window w, int inC) {
        int taps = w.filterH() * w.filterW() * inC;
        int[] flat = new int[taps * outC];
        ConvSupport.widen(filter, offset, flat, flat.length);
        int[] t = new int[flat.length];
        for (int oc = 0; oc < outC; oc++) {
            for (int k = 0; k < taps; k++) {
                t[k * outC + oc] = flat[oc * taps + k];
            }
        }
        return t;
    }

    private static PreparedOp floatConv(Parallel par, RuntimeTensor in, float[] wt, float[] bias, RuntimeTensor out,
                                        Window w, int inC, int outC, float[] clamp) {
        int k = w.filterH() * w.filterW() * inC;
        boolean direct = w.filterH() == 1 && w.filterW() == 1;
        int slots = par.threads();
        float[][] patch = new float[slots][direct ? 0 : 2 * k];
        float[][][] acc = new float[slots][2][outC];
        int[] offs = new int[slots * 2];
        AtomicInteger next = new AtomicInteger();
        int pixels = w.outPixels();
        int tiles = (pixels + 1) / 2;
        int minTiles = Math.max(1, MIN_MACS_PER_THREAD / Math.max(1, 2 * k * outC));
        float lo = clamp[0];
        float hi = clamp[1];
        return () -> {
            float[] x = in.floats();
            float[] y = out.floats();
            next.set(0);
            par.forRange(tiles, minTiles, (from, to) -> {
                int s = next.getAndIncrement() % slots;
                float[] p = direct ? x : patch[s];
                float[][] a = acc[s];
                int ob = s * 2;
                for (int t = from; t < to; t++) {
                    int p0 = t * 2;
                    int np = Math.min(2, pixels - p0);
                    for (int r = 0; r < np; r++) {
                        offs[ob + r] = direct ? directOffset(w, p0 + r, inC) : gatherFloat(x, w, p0 + r, inC, p, r * k);
                    }
                    if (np == 2) {
                        TileGemm.float2(p, offs[ob], offs[ob + 1], k, wt, outC, 0, outC, a[0], a[1]);
                    } else {
                        for (int r = 0; r < np; r++) {
                            TileGemm.float1(p, offs[ob + r], k, wt, outC, 0, outC, a[r]);
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

    private static PreparedOp intConv(Parallel par, RuntimeTensor in, int[] wt, int[] bias, int[][] m,
                                      boolean ruy, RuntimeTensor out, Window w, int inC, int outC, int inOffset,
                                      int outOffset, int[] clamp) {
        int k = w.filterH() * w.filterW() * inC;
        boolean direct = w.filterH() == 1 && w.filterW() == 1;
        int slots = par.threads();
        // Offset-corrected codes and weights as floats: exact (see TileGemm) and faster than int multiplies.
        float[] wf = new float[wt.length];
        for (int i = 0; i < wt.length; i++) {
            wf[i] = wt[i];
        }
        float[] xf = new float[in.flatSize()];
        float[][] patch = new float[slots][direct ? 0 : 2 * k];
        float[][][] part = new float[slots][2][outC];
        int[][][] acc = new int[slots][2][outC];
        int[] offs = new int[slots * 2];
        AtomicInteger next = new AtomicInteger();
        int pixels = w.outPixels();
        int tiles = (pixels + 1) / 2;
        int minTiles = Math.max(1, MIN_MACS_PER_THREAD / Math.max(1, 2 * k * outC));
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
                float[] p = direct ? xf : patch[s];
                float[][] f = part[s];
                int[][] a = acc[s];
                int ob = s * 2;
                for (int t = from; t < to; t++) {
                    int p0 = t * 2;
                    int np = Math.min(2, pixels - p0);
                    for (int r = 0; r < np; r++) {
                        offs[ob + r] = direct ? directOffset(w, p0 + r, inC) : gatherFloat(xf, w, p0 + r, inC, p, r * k);
                    }
                    for (int k0 = 0; k0 < k; k0 += chunk) {
                        int len = Math.min(chunk, k - k0);
                        if (np == 2) {
                            TileGemm.float2(p, offs[ob] + k0, offs[ob + 1] + k0, len, wf, k0 * outC, outC, 0, outC,
                                    f[0], f[1]);
                        } else {
                            TileGemm.float1(p, offs[ob] + k0, len, wf, k0 * outC, outC, 0, outC, f[0]);
                        }
                        for (int r = 0; r < np; r++) {
                            int[] ar = a[r];
                            float[] fr = f[r];
                            if (k0 == 0) {
                                for (int c = 0; c < outC; c++) {
                                    ar[c] = (int) fr[c];
                                }
                            } else {
                                for (int c = 0; c < outC; c++) {
                                    ar[c] += (int) fr[c];
                                }
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

    /** Input offset of a 1x1 filter's only tap (a 1x1 filter never needs padding). */
    private static int directOffset(Window w, int pixel, int inC) {
        int ox = pixel % w.outW();
        int rest = pixel / w.outW();
        int oy = rest % w.outH();
        int b = rest / w.outH();
        return ((b * w.inH() + oy * w.strideH()) * w.inW() + ox * w.strideW()) * inC;
    }

    /** Copies one pixel's receptive field into {@code p} at {@code base}; padding taps are 0. */
    static int gatherFloat(float[] x, Window w, int pixel, int inC, float[] p, int base) {
        int ox = pixel % w.outW();
        int rest = pixel / w.outW();
        int oy = rest % w.outH();
        int b = rest / w.outH();
        int o = base;
        for (int fy = 0; fy < w.filterH(); fy++) {
            int iy = oy * w.strideH() - w.padH() + fy * w.dilationH();
            for (int fx = 0; fx < w.filterW(); fx++) {
                int ix = ox * w.strideW() - w.padW() + fx * w.dilationW();
                if (iy >= 0 && iy < w.inH() && ix >= 0 && ix < w.inW()) {
                    System.arraycopy(x, ((b * w.inH() + iy) * w.inW() + ix) * inC, p, o, inC);
                } else {
                    java.util.Arrays.fill(p, o, o + inC, 0f);
                }
                o += inC;
            }
        }
        return base;
    }

    /** 16x8: int64 accumulation and the int64 requantization of TFLite's reference kernel. */
    private static void conv16x8(short[] x, byte[] f, long[] bias, int[][] m, short[] y, Window w, int inC,
                                 int outC, int outOffset, int[] clamp) {
        int taps = w.filterH() * w.filterW() * inC;
        for (int pix = 0; pix < w.outPixels(); pix++) {
            int ox = pix % w.outW();
            int oy = (pix / w.outW()) % w.outH();
            int b = pix / (w.outW() * w.outH());
            for (int oc = 0; oc < outC; oc++) {
                long acc = 0;
                for (int fy = 0; fy < w.filterH(); fy++) {
                    int iy = oy * w.strideH() - w.padH() + fy * w.dilationH();
                    if (iy < 0 || iy >= w.inH()) {
                        continue;
                    }
                    for (int fx = 0; fx < w.filterW(); fx++) {
                        int ix = ox * w.strideW() - w.padW() + fx * w.dilationW();
                        if (ix < 0 || ix >= w.inW()) {
                            continue;
                        }
                        int xo = ((b * w.inH() + iy) * w.inW() + ix) * inC;
                        int fo = oc * taps + (fy * w.filterW() + fx) * inC;
                        for (int ic = 0; ic < inC; ic++) {
                            acc += (long) f[fo + ic] * x[xo + ic];
                        }
                    }
                }
                int v = QuantizedMath.multiplyByQuantizedMultiplier(acc + bias[oc], m[0][oc], m[1][oc]);
                y[pix * outC + oc] = (short) Math.min(Math.max(v + outOffset, clamp[0]), clamp[1]);
            }
        }
    }
}
