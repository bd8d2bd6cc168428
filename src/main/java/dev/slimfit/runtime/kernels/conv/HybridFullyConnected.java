package dev.slimfit.runtime.kernels.conv;

import dev.slimfit.model.TensorType;
import dev.slimfit.quant.AffineQuantization;
import dev.slimfit.quant.HybridQuantization;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.Parallel;
import dev.slimfit.runtime.PreparedOp;
import dev.slimfit.runtime.RuntimeTensor;

/**
 * Hybrid (dynamic-range) FULLY_CONNECTED of TFLite 2.6.2 ({@code EvalHybrid}): float input, int8
 * weights with one scale. Each batch row is quantized to int8 on the fly — symmetric, or
 * asymmetric with a zero point when {@code asymmetric_quantize_inputs} is set — the integer dot
 * products are exact, and the float result is {@code bias + (float) dot * (rowScale * weightScale)},
 * with the asymmetric zero point removed through precomputed weight row sums before scaling.
 * Unlike the float kernel, the hybrid one applies a fused TANH (ApplyActivationToVector).
 *
 * <p><b>Per-channel weights reproduce a TFLite 2.6.2 defect:</b> the row scaling factor is
 * multiplied by the weights' legacy per-tensor scale, which 2.6.2 leaves at 0 when there are
 * several scales, so every output is the bias (or 0) through the activation. A node warning says so.
 * (2.6.2's values were observed up to about one ulp away from the bias, as if the factor were tiny
 * rather than exactly 0; within the float bar, not investigated further.)
 *
 * <p>The rows are quantized serially; the units are split over the threads, each unit's dot product
 * computed whole by one thread, so results do not depend on the thread count.
 */
final class HybridFullyConnected {
    private static final int MIN_MACS_PER_THREAD = 1 << 16;

    private HybridFullyConnected() {
    }

    static PreparedOp prepare(OpContext ctx, RuntimeTensor in, RuntimeTensor filter, RuntimeTensor bias,
                              RuntimeTensor out, int batches, int depth, int units, int act) throws KernelException {
        ConvSupport.checkType(out, "output", TensorType.FLOAT32);
        ConvSupport.requireQuantized(filter, "weights");
        if (act == AffineQuantization.ACT_SIGN_BIT) {
            throw new KernelException("FULLY_CONNECTED: fused SIGN_BIT is not supported");
        }
        boolean tanh = act == AffineQuantization.ACT_TANH;
        float[] clamp = ConvSupport.floatActivation(act);
        if (filter.quantization().channelCount() != 1) {
            // 2.6.2 scales the products by the weights' legacy params.scale, which is 0 for a tensor
            // with several scales: the output is the bias (or 0) through the activation.
            ctx.warn("per-channel int8 weights on a float input: TFLite 2.6.2 ignores their scales (scale 0), so"
                    + " the output is just the bias; Slimfit reproduces that. Use per-tensor weights.");
            float[] bb = ConvSupport.floatBias(bias, units);
            int n = batches * units;
            return () -> {
                float[] y = out.floats();
                for (int i = 0; i < n; i++) {
                    float v = bb[i % units];
                    y[i] = tanh ? (float) Math.tanh(v) : Math.min(Math.max(v, clamp[0]), clamp[1]);
                }
            };
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
        byte[] codes = new byte[depth];
        int[] xi = new int[batches * depth];
        int[] acc = new int[units];
        float[] scales = new float[batches];
        int[] offsets = new int[batches];
        Parallel par = ctx.parallel();
        int minUnits = Math.max(1, MIN_MACS_PER_THREAD / Math.max(1, batches * depth));
        Parallel.RangeBody body = (u0, u1) -> {
            float[] y = out.floats();
            for (int r = 0; r < batches; r++) {
                // acc is shared, but each thread fills and reads only its own units [u0, u1).
                TileGemm.int1(xi, r * depth, depth, wt, units, u0, u1, acc);
                float s = scales[r] * filterScale;
                int off = offsets[r];
                int yo = r * units;
                for (int u = u0; u < u1; u++) {
                    int dot = acc[u] - rowSums[u] * off;
                    float v = b[u] + dot * s;
                    y[yo + u] = tanh ? (float) Math.tanh(v) : Math.min(Math.max(v, clamp[0]), clamp[1]);
                }
            }
        };
        return () -> {
            float[] x = in.floats();
            for (int r = 0; r < batches; r++) {
                if (asymmetric) {
                    HybridQuantization.asymmetric(x, r * depth, depth, codes, 0, scales, offsets, r);
                } else {
                    scales[r] = HybridQuantization.symmetric(x, r * depth, depth, codes, 0);
                    offsets[r] = 0;
                }
                for (int k = 0; k < depth; k++) {
                    xi[r * depth + k] = codes[k];
                }
            }
            par.forRange(units, minUnits, body);
        };
    }
}
