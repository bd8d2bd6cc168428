package dev.slimfit.runtime.kernels.conv;

import dev.slimfit.model.TensorType;
import dev.slimfit.quant.HybridQuantization;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.PreparedOp;
import dev.slimfit.runtime.RuntimeTensor;

/**
 * Hybrid (dynamic-range) CONV_2D of TFLite 2.6.2 (conv.cc {@code EvalHybrid} /
 * {@code EvalHybridPerChannel}): float input, int8 filter. Each batch image is quantized to int8
 * on the fly — symmetrically when the filter has one scale (the scaling factor then absorbs the
 * filter scale), asymmetrically when its channel scales differ (TFLite's per-channel test) — the
 * integer dot products over in-bounds taps are exact, and the output is
 * {@code acc * scale + bias} (per channel {@code acc * (channelScale * rowScale) + bias}), clamped.
 */
final class HybridConv {
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
        float[] patch = new float[k];
        float[] part = new float[outC];
        int[] acc = new int[outC];
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
            for (int pix = 0; pix < w.outPixels(); pix++) {
                Conv2DKernel.gatherFloat(xf, w, pix, inC, patch, 0);
                for (int k0 = 0; k0 < k; k0 += TileGemm.EXACT_FLOAT_K) {
                    TileGemm.float1(patch, k0, Math.min(TileGemm.EXACT_FLOAT_K, k - k0), wf, k0 * outC, outC, 0,
                            outC, part);
                    for (int c = 0; c < outC; c++) {
                        acc[c] = k0 == 0 ? (int) part[c] : acc[c] + (int) part[c];
                    }
                }
                float s = rowScale[pix / pixelsPerBatch];
                int yo = pix * outC;
                for (int c = 0; c < outC; c++) {
                    // optimized_ops::HybridConvPerChannel multiplies by (channelScale * inputScale), a float
                    // product formed first; (acc * channelScale) * inputScale rounds differently.
                    float v = perChannelFinal ? acc[c] * (scales[c] * s) : acc[c] * s;
                    y[yo + c] = Math.min(Math.max(v + b[c], clamp[0]), clamp[1]);
                }
            }
        };
    }
}
