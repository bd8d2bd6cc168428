package dev.slimfit.runtime.kernels.conv;

import dev.slimfit.model.TensorType;
import dev.slimfit.quant.AffineQuantization;
import dev.slimfit.quant.HybridQuantization;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.PreparedOp;
import dev.slimfit.runtime.RuntimeTensor;

/**
 * Hybrid (dynamic-range) FULLY_CONNECTED of TFLite 2.6.2 ({@code EvalHybrid}): float input, int8
 * weights with one scale. Each batch row is quantized to int8 on the fly — symmetric, or
 * asymmetric with a zero point when {@code asymmetric_quantize_inputs} is set — the integer dot
 * products are exact, and the float result is {@code bias + (float) dot * (rowScale * weightScale)},
 * with the asymmetric zero point removed through precomputed weight row sums before scaling.
 * Unlike the float kernel, the hybrid one applies a fused TANH (ApplyActivationToVector).
 */
final class HybridFullyConnected {
    private HybridFullyConnected() {
    }

    static PreparedOp prepare(OpContext ctx, RuntimeTensor in, RuntimeTensor filter, RuntimeTensor bias,
                              RuntimeTensor out, int batches, int depth, int units, int act) throws KernelException {
        ConvSupport.checkType(out, "output", TensorType.FLOAT32);
        ConvSupport.requireQuantized(filter, "weights");
        if (filter.quantization().channelCount() != 1) {
            throw new KernelException("FULLY_CONNECTED: hybrid per-channel weights are not supported by TFLite 2.6.2");
        }
        if (act == AffineQuantization.ACT_SIGN_BIT) {
            throw new KernelException("FULLY_CONNECTED: fused SIGN_BIT is not supported");
        }
        boolean asymmetric = ctx.options() != null && ctx.options().getBool("asymmetricQuantizeInputs", false);
        float filterScale = filter.scale();
        float[] b = ConvSupport.floatBias(bias, units);
        byte[] wb = filter.bytes();
        int[] wt = new int[units * depth];
        int[] rowSums = new int[units];
        for (int u = 0; u < units; u++) {
            int s = 0;
            for (int k = 0; k < depth; k++) {
                wt[k * units + u] = wb[u * depth + k];
                s += wb[u * depth + k];
            }
            rowSums[u] = s;
        }
        boolean tanh = act == AffineQuantization.ACT_TANH;
        float[] clamp = ConvSupport.floatActivation(act);
        byte[] codes = new byte[depth];
        int[] xi = new int[depth];
        int[] acc = new int[units];
        float[] scales = new float[1];
        int[] offsets = new int[1];
        return () -> {
            float[] x = in.floats();
            float[] y = out.floats();
            for (int r = 0; r < batches; r++) {
                if (asymmetric) {
                    HybridQuantization.asymmetric(x, r * depth, depth, codes, 0, scales, offsets, 0);
                } else {
                    scales[0] = HybridQuantization.symmetric(x, r * depth, depth, codes, 0);
                    offsets[0] = 0;
                }
                float s = scales[0] * filterScale;
                int off = offsets[0];
                for (int k = 0; k < depth; k++) {
                    xi[k] = codes[k];
                }
                TileGemm.int1(xi, 0, depth, wt, units, 0, units, acc);
                int yo = r * units;
                for (int u = 0; u < units; u++) {
                    int dot = acc[u] - rowSums[u] * off;
                    float v = b[u] + dot * s;
                    y[yo + u] = tanh ? (float) Math.tanh(v) : Math.min(Math.max(v, clamp[0]), clamp[1]);
                }
            }
        };
    }
}
