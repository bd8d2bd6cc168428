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
 * Hybrid (dynamic-range) CONV_2D of TFLite 2.6.2 (conv.cc {@code EvalHybrid} /
 * {@code EvalHybridPerChannel}): float input, int8 filter. Each batch image is quantized to int8
 * on the fly — symmetrically when the filter has one scale (the scaling factor then absorbs the
 * filter scale), asymmetrically when its channel scales differ (TFLite's per-channel test) — the
 * integer dot products over in-bounds taps are exact, and the output is
 * {@code acc * scale + bias} (per channel {@code acc * (channelScale * rowScale) + bias}), clamped.
 *
 * <p>The input quantization is serial (one pass over the input); the output pixels are split over
 * the threads, each pixel computed whole by one thread, so results do not depend on the thread count.
 */
final class HybridConv {
    private static final int MIN_MACS_PER_THREAD = 1 << 16;

    private HybridConv() {
    }

    static PreparedOp prepare(OpContext ctx, RuntimeTensor in, RuntimeTensor filter, RuntimeTensor bias,
                              RuntimeTensor out, Window w, int act) throws KernelException {
        ConvSupport.checkType(out, "output", TensorType.FLOAT32);
        int inC = in.dim(3);
        int outC = filter.dim(0);
        float[] scales = ConvSupport.filterScales(filter, outC);
        boolean perChannel = false;
        for (float s : scales) {
            perChannel |= s != scales[0];
        }
        float filterScale = filter.scale();
        float[] b = ConvSupport.floatBias(bias, outC);
        float[] clamp = ConvSupport.floatActivation(act);
        int[] wi = Conv2DKernel.transposeInt(filter, 0, outC, w, inC);
        float[] wf = new float[wi.length];
        for (int i = 0; i < wi.length; i++) {
            wf[i] = wi[i];
        }
        int k = w.filterH() * w.filterW() * inC;
        int perBatch = in.flatSize() / Math.max(1, w.batches());
        byte[] codes = new byte[in.flatSize()];
        float[] xf = new float[in.flatSize()];
        float[] rowScale = new float[w.batches()];
        int[] rowOffset = new int[w.batches()];
        Parallel par = ctx.parallel();
        int slots = par.threads();
        float[][] patch = new float[slots][k];
        float[][] part = new float[slots][outC];
        int[][] acc = new int[slots][outC];
        AtomicInteger next = new AtomicInteger();
        int minPixels = Math.max(1, MIN_MACS_PER_THREAD / Math.max(1, k * outC));
        boolean perChannelFinal = perChannel;
        return () -> {
            float[] x = in.floats();
            float[] y = out.floats();
            for (int bb = 0; bb < w.batches(); bb++) {
                int o = bb * perBatch;
                if (perChannelFinal) {
                    HybridQuantization.asymmetric(x, o, perBatch, codes, o, rowScale, rowOffset, bb);
                } else {
                    rowScale[bb] = HybridQuantization.symmetric(x, o, perBatch, codes, o) * filterScale;
                    rowOffset[bb] = 0;
                }
                // Codes minus the zero point: padding taps are then exactly 0, as TFLite's skipped taps.
                for (int i = 0; i < perBatch; i++) {
                    xf[o + i] = codes[o + i] - rowOffset[bb];
                }
            }
            int pixelsPerBatch = w.outH() * w.outW();
            next.set(0);
            par.forRange(w.outPixels(), minPixels, (from, to) -> {
                int slot = next.getAndIncrement() % slots;
                float[] pt = patch[slot];
                float[] pa = part[slot];
                int[] a = acc[slot];
                for (int pix = from; pix < to; pix++) {
                    Conv2DKernel.gatherFloat(xf, w, pix, inC, pt, 0);
                    for (int k0 = 0; k0 < k; k0 += TileGemm.EXACT_FLOAT_K) {
                        TileGemm.float1(pt, k0, Math.min(TileGemm.EXACT_FLOAT_K, k - k0), wf, k0 * outC, outC, 0,
                                outC, pa);
                        for (int c = 0; c < outC; c++) {
                            a[c] = k0 == 0 ? (int) pa[c] : a[c] + (int) pa[c];
                        }
                    }
                    float s = rowScale[pix / pixelsPerBatch];
                    int yo = pix * outC;
                    for (int c = 0; c < outC; c++) {
                        // optimized_ops::HybridConvPerChannel multiplies by (channelScale * inputScale), a
                        // float product formed first; (acc * channelScale) * inputScale rounds differently.
                        float v = perChannelFinal ? a[c] * (scales[c] * s) : a[c] * s;
                        y[yo + c] = Math.min(Math.max(v + b[c], clamp[0]), clamp[1]);
                    }
                }
            });
        };
    }
}
