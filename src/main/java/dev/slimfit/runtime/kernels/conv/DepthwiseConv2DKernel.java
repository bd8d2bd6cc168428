package dev.slimfit.runtime.kernels.conv;

import dev.slimfit.model.TensorType;
import dev.slimfit.quant.QuantizedMath;
import dev.slimfit.runtime.Kernel;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.Parallel;
import dev.slimfit.runtime.PreparedOp;
import dev.slimfit.runtime.RuntimeTensor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * DEPTHWISE_CONV_2D as TFLite 2.6.2 computes it (depthwise_conv.cc): output channel
 * {@code ic * multiplier + m} sees only input channel {@code ic}. float32; uint8 with the legacy
 * multiplier and filter zero point; int8 per-channel; int16 activations with int8 filters (int64
 * accumulation); hybrid float input with int8 per-channel filters ({@link HybridDepthwise}).
 * Unlike CONV_2D, TFLite's depthwise kernels requantize with its own two-rounding
 * {@code MultiplyByQuantizedMultiplier} (no GEMM library involved). The float path starts each
 * accumulator from the bias and adds the taps to it, as TFLite's optimized float kernel does
 * (adding the bias last rounds differently on channels with large biases).
 *
 * <p>Each output pixel accumulates tap by tap, in TFLite's (fy, fx) order, over all channels at
 * once, so the inner loop is a vectorizable channel loop; padding taps are skipped. Work is split
 * over output rows.
 */
public final class DepthwiseConv2DKernel implements Kernel {
    private static final int MIN_MACS_PER_THREAD = 1 << 15;

    @Override
    public PreparedOp prepare(OpContext ctx) throws KernelException {
        RuntimeTensor in = ctx.requireInput(0);
        RuntimeTensor filter = ctx.requireInput(1);
        RuntimeTensor bias = ctx.input(2);
        RuntimeTensor out = ctx.output(0);
        ConvSupport.checkRank(in, "input", 4);
        ConvSupport.checkRank(filter, "filter", 4);
        if (filter.dim(0) != 1) {
            throw new KernelException("DEPTHWISE_CONV_2D: filter " + filter + " must be [1, h, w, channels]");
        }
        int inC = in.dim(3);
        int outC = filter.dim(3);
        if (inC == 0 || outC % inC != 0) {
            throw new KernelException("DEPTHWISE_CONV_2D: " + outC + " output channels for " + inC + " inputs");
        }
        int mult = outC / inC;
        int optMult = ctx.options() == null ? mult : ctx.options().getInt("depthMultiplier", mult);
        if (optMult != mult && optMult != 0) {
            throw new KernelException("DEPTHWISE_CONV_2D: depth_multiplier " + optMult + " does not match "
                    + outC + "/" + inC + " channels");
        }
        if (bias == null) {
            throw new KernelException("DEPTHWISE_CONV_2D: TFLite 2.6.2 requires a bias input");
        }
        int act = ctx.options() == null ? 0 : ctx.options().getInt("fusedActivationFunction", 0);
        Window w = Window.of(ctx.options(), in.dim(0), in.dim(1), in.dim(2), filter.dim(1), filter.dim(2), true);
        out.resize(new int[] {w.batches(), w.outH(), w.outW(), outC});
        TensorType it = in.type();
        TensorType ft = filter.type();
        Parallel par = ctx.parallel();
        int rows = w.batches() * w.outH();
        int minRows = Math.max(1, MIN_MACS_PER_THREAD / Math.max(1, w.outW() * outC * w.filterH() * w.filterW()));
        if (it == TensorType.FLOAT32 && ft == TensorType.FLOAT32) {
            ConvSupport.checkType(out, "output", TensorType.FLOAT32);
            float[] f = filter.floats();
            float[] b = ConvSupport.floatBias(bias, outC);
            float[] clamp = ConvSupport.floatActivation(act);
            float[] fexp = DepthwiseLoops.rowFilter(f, w, outC, mult);
            float[][] acc = new float[par.threads()][fexp != null ? w.outW() * outC : outC];
            AtomicInteger next = new AtomicInteger();
            return () -> {
                float[] x = in.floats();
                float[] y = out.floats();
                next.set(0);
                par.forRange(rows, minRows, (from, to) -> {
                    float[] a = acc[next.getAndIncrement() % acc.length];
                    for (int row = from; row < to; row++) {
                        if (fexp != null) {
                            DepthwiseLoops.accumulateRow(x, fexp, a, w, row, outC, b);
                            int yo = row * w.outW() * outC;
                            for (int i = 0, n = w.outW() * outC; i < n; i += outC) {
                                for (int c = 0; c < outC; c++) {
                                    y[yo + i + c] = Math.min(Math.max(a[i + c], clamp[0]), clamp[1]);
                                }
                            }
                        } else {
                            DepthwiseLoops.floatRow(x, f, b, y, w, row, inC, mult, a, clamp[0], clamp[1]);
                        }
                    }
                });
            };
        }
        if (it == TensorType.FLOAT32 && ft == TensorType.INT8) {
            return HybridDepthwise.prepare(ctx, in, filter, bias, out, w, mult, act);
        }
        if (it == TensorType.UINT8 && ft == TensorType.UINT8 || it == TensorType.INT8 && ft == TensorType.INT8
                || it == TensorType.INT16 && ft == TensorType.INT8) {
            ConvSupport.checkType(out, "output", it);
            boolean legacy = it == TensorType.UINT8;
            boolean wide = it == TensorType.INT16;
            int[][] m = legacy ? ConvSupport.legacyMultipliers(in, filter, bias, out, outC)
                    : ConvSupport.perChannelMultipliers(in, filter, out, outC);
            long[] b = ConvSupport.integerBias(bias, outC, wide ? TensorType.INT64 : TensorType.INT32);
            int[] f = new int[filter.flatSize()];
            ConvSupport.widen(filter, legacy ? -filter.zeroPoint() : 0, f, f.length);
            int[] clamp = ConvSupport.quantizedActivation(act, out);
            int[] xi = new int[in.flatSize()];
            int inOffset = -in.zeroPoint();
            int outOffset = out.zeroPoint();
            if (wide) {
                long[][] acc = new long[par.threads()][outC];
                AtomicInteger next = new AtomicInteger();
                return () -> {
                    ConvSupport.widen(in, inOffset, xi, xi.length);
                    next.set(0);
                    par.forRange(rows, minRows, (from, to) -> {
                        long[] a = acc[next.getAndIncrement() % acc.length];
                        for (int row = from; row < to; row++) {
                            DepthwiseLoops.longRow(xi, f, b, m, out, w, row, inC, mult, a, outOffset, clamp);
                        }
                    });
                };
            }
            int[] bi = new int[outC];
            for (int c = 0; c < outC; c++) {
                bi[c] = (int) b[c];
            }
            if (w.filterH() * w.filterW() <= TileGemm.EXACT_FLOAT_K) {
                // Few enough taps that float accumulation of the 8-bit products is exact (see TileGemm).
                float[] ff = new float[f.length];
                for (int i = 0; i < f.length; i++) {
                    ff[i] = f[i];
                }
                float[] xf = new float[in.flatSize()];
                float[] fexp = DepthwiseLoops.rowFilter(ff, w, outC, mult);
                float[][] facc = new float[par.threads()][fexp != null ? w.outW() * outC : outC];
                AtomicInteger fnext = new AtomicInteger();
                return () -> {
                    ConvSupport.widenToFloat(par, in, inOffset, xf);
                    byte[] y = out.bytes();
                    fnext.set(0);
                    par.forRange(rows, minRows, (from, to) -> {
                        float[] a = facc[fnext.getAndIncrement() % facc.length];
                        for (int row = from; row < to; row++) {
                            if (fexp != null) {
                                DepthwiseLoops.accumulateRow(xf, fexp, a, w, row, outC);
                                int yo = row * w.outW() * outC;
                                for (int i = 0, n = w.outW() * outC; i < n; i += outC) {
                                    for (int c = 0; c < outC; c++) {
                                        int v = QuantizedMath.multiplyByQuantizedMultiplier((int) a[i + c] + bi[c],
                                                m[0][c], m[1][c]) + outOffset;
                                        y[yo + i + c] = (byte) Math.min(Math.max(v, clamp[0]), clamp[1]);
                                    }
                                }
                            } else {
                                DepthwiseLoops.exactFloatRow(xf, ff, bi, m, y, w, row, inC, mult, a, outOffset, clamp);
                            }
                        }
                    });
                };
            }
            int[][] acc = new int[par.threads()][outC];
            AtomicInteger next = new AtomicInteger();
            return () -> {
                ConvSupport.widen(in, inOffset, xi, xi.length);
                byte[] y = out.bytes();
                next.set(0);
                par.forRange(rows, minRows, (from, to) -> {
                    int[] a = acc[next.getAndIncrement() % acc.length];
                    for (int row = from; row < to; row++) {
                        DepthwiseLoops.intRow(xi, f, bi, m, y, w, row, inC, mult, a, outOffset, clamp);
                    }
                });
            };
        }
        throw new KernelException("DEPTHWISE_CONV_2D: unsupported input/filter types " + it + "/" + ft);
    }
}
