package dev.slimfit.runtime.kernels.conv;

import dev.slimfit.model.TensorType;
import dev.slimfit.quant.QuantizedMath;
import dev.slimfit.runtime.Kernel;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.Parallel;
import dev.slimfit.runtime.PreparedOp;
import dev.slimfit.runtime.RuntimeTensor;

/**
 * CONV_2D as TFLite 2.6.2 computes it (conv.cc): float32; uint8 with the legacy per-tensor
 * multiplier and filter zero point; int8 with per-channel multipliers (filter zero point ignored,
 * as reference_integer_ops::ConvPerChannel does); int16 activations with int8 filters and int64
 * accumulation (16x8); hybrid float input with int8 filter ({@link HybridConv}).
 *
 * <p>The 8-bit and float paths ({@link ConvTiles}) gather each output pixel's receptive field
 * (padding taps are zero after the input offset is applied, exactly the contribution TFLite's
 * skipped taps have) and multiply them against the filter transposed to [fh][fw][in][out] rows;
 * 1x1 filters read the input in place. Work is split over output pixel tiles.
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
            return floatGemm(ctx.parallel(), in, filter.floats(), ConvSupport.floatBias(bias, outC), out, w, inC, outC,
                    ConvSupport.floatActivation(act));
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
            if (NarrowConvTiles.suits(outC, w.outPixels())) {
                int[] flat = new int[filter.flatSize()];
                ConvSupport.widen(filter, filterOffset, flat, flat.length);
                float[] wc = new float[flat.length];
                for (int i = 0; i < flat.length; i++) {
                    wc[i] = flat[i];
                }
                return NarrowConvTiles.intConv(ctx.parallel(), in, wc, bi, m, !legacy, out, w, inC, outC,
                        -in.zeroPoint(), out.zeroPoint(), ConvSupport.quantizedActivation(act, out));
            }
            float[][] wr = RowGemm.rows(transposeInt(filter, filterOffset, outC, w, inC),
                    w.filterH() * w.filterW() * inC, outC);
            return ConvTiles.intConv(ctx.parallel(), in, wr, bi, m, !legacy, out, w, inC, outC, -in.zeroPoint(),
                    out.zeroPoint(), ConvSupport.quantizedActivation(act, out));
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

    /**
     * The float GEMM of a conv (or of FULLY_CONNECTED, a 1x1 conv over its rows) in the summation
     * order of 2.6.2's Eigen backend: a matrix-vector product for one pixel or one channel
     * ({@link EigenGemv}), otherwise the tiled GEMM in Eigen's depth passes ({@link ConvTiles},
     * {@link NarrowConvTiles}) with the remainder channels recomputed ({@link EigenGemm}).
     */
    static PreparedOp floatGemm(Parallel par, RuntimeTensor in, float[] filterOhwi, float[] bias, RuntimeTensor out,
                                Window w, int inC, int outC, float[] clamp) {
        int k = w.filterH() * w.filterW() * inC;
        if (EigenGemv.suits(w, outC)) {
            return EigenGemv.floatConv(in, filterOhwi, bias, out, w, inC, outC, clamp);
        }
        PreparedOp tiled = NarrowConvTiles.suits(outC, w.outPixels())
                ? NarrowConvTiles.floatConv(par, in, filterOhwi, bias, out, w, inC, outC, clamp)
                : ConvTiles.floatConv(par, in, RowGemm.rows(transpose(filterOhwi, outC, w, inC), k, outC), bias, out,
                        w, inC, outC, clamp);
        if (!EigenGemm.hasRemainder(k, outC, w.outPixels())) {
            return tiled;
        }
        PreparedOp remainder = EigenGemm.remainder(par, in, filterOhwi, bias, out, w, inC, outC, clamp);
        return () -> {
            tiled.eval();
            remainder.eval();
        };
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
