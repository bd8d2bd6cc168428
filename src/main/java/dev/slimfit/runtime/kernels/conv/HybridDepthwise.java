package dev.slimfit.runtime.kernels.conv;

import dev.slimfit.model.TensorType;
import dev.slimfit.quant.HybridQuantization;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.Parallel;
import dev.slimfit.runtime.PreparedOp;
import dev.slimfit.runtime.RuntimeTensor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hybrid (dynamic-range) DEPTHWISE_CONV_2D of TFLite 2.6.2 (depthwise_conv.cc
 * {@code EvalHybridPerChannel}, optimized/integer_ops/depthwise_conv_hybrid.h): float input,
 * int8 filter with one scale per output channel. Each batch image is quantized asymmetrically to
 * int8 on the fly (scale {@code s_b}, zero point {@code z_b}); every in-bounds tap adds
 * {@code filter * (code - z_b)} to an exact integer accumulator; padding taps are skipped; the
 * output is {@code (acc * s_b) * channelScale + bias}, clamped, in float.
 */
final class HybridDepthwise {
    private static final int MIN_MACS_PER_THREAD = 1 << 15;

    private HybridDepthwise() {
    }

    static PreparedOp prepare(OpContext ctx, RuntimeTensor in, RuntimeTensor filter, RuntimeTensor bias,
                              RuntimeTensor out, Window w, int mult, int act) throws KernelException {
        ConvSupport.checkType(out, "output", TensorType.FLOAT32);
        ConvSupport.requireQuantized(filter, "filter");
        int inC = in.dim(3);
        int outC = filter.dim(3);
        var q = filter.quantization();
        int qdim = q.quantizedDimension();
        if (q.channelCount() != filter.dim(qdim)) {
            // 2.6.2's Prepare: the filter needs one scale per slice of its quantized dimension.
            throw new KernelException("DEPTHWISE_CONV_2D: hybrid filter has " + q.channelCount()
                    + " scales for dimension " + qdim + " of size " + filter.dim(qdim));
        }
        float[] scales = ConvSupport.filterScales(filter, outC);
        float[] b = ConvSupport.floatBias(bias, outC);
        float[] clamp = ConvSupport.floatActivation(act);
        int[] f = new int[filter.flatSize()];
        ConvSupport.widen(filter, 0, f, f.length);
        int perBatch = in.flatSize() / Math.max(1, w.batches());
        byte[] codes = new byte[in.flatSize()];
        int[] xi = new int[in.flatSize()];
        float[] rowScale = new float[w.batches()];
        int[] rowOffset = new int[w.batches()];
        Parallel par = ctx.parallel();
        int rows = w.batches() * w.outH();
        int minRows = Math.max(1, MIN_MACS_PER_THREAD / Math.max(1, w.outW() * outC * w.filterH() * w.filterW()));
        int[][] acc = new int[par.threads()][outC];
        AtomicInteger next = new AtomicInteger();
        return () -> {
            float[] x = in.floats();
            for (int bb = 0; bb < w.batches(); bb++) {
                int o = bb * perBatch;
                HybridQuantization.asymmetric(x, o, perBatch, codes, o, rowScale, rowOffset, bb);
                int z = rowOffset[bb];
                for (int i = 0; i < perBatch; i++) {
                    xi[o + i] = codes[o + i] - z;
                }
            }
            float[] y = out.floats();
            next.set(0);
            par.forRange(rows, minRows, (from, to) -> {
                int[] a = acc[next.getAndIncrement() % acc.length];
                for (int row = from; row < to; row++) {
                    row(xi, f, a, w, row, inC, mult, y, rowScale[row / w.outH()], scales, b, clamp[0], clamp[1]);
                }
            });
        };
    }

    private static void row(int[] x, int[] f, int[] a, Window w, int row, int inC, int mult, float[] y,
                            float inScale, float[] scales, float[] bias, float lo, float hi) {
        int outC = inC * mult;
        int oy = row % w.outH();
        int b = row / w.outH();
        for (int ox = 0; ox < w.outW(); ox++) {
            java.util.Arrays.fill(a, 0);
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
                    int fo = (fy * w.filterW() + fx) * outC;
                    for (int ic = 0; ic < inC; ic++) {
                        int xv = x[xo + ic];
                        int oc0 = ic * mult;
                        for (int m = 0; m < mult; m++) {
                            a[oc0 + m] += xv * f[fo + oc0 + m];
                        }
                    }
                }
            }
            int yo = (row * w.outW() + ox) * outC;
            for (int c = 0; c < outC; c++) {
                // TFLite's scalar store loop: (acc * inputScale) * channelScale + bias, in float.
                float v = (float) a[c] * inScale * scales[c] + bias[c];
                y[yo + c] = Math.min(Math.max(v, lo), hi);
            }
        }
    }
}
