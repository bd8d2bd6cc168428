package dev.slimfit.runtime.kernels.elementwise;

import dev.slimfit.model.TensorType;
import dev.slimfit.quant.Lut8;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.Parallel;
import dev.slimfit.runtime.RuntimeTensor;

/**
 * LOG_SOFTMAX over the last dimension as TFLite 2.6.2's default kernel: float32
 * {@code x - max - log(sum exp(x - max))}; int8/uint8 with the softmax exp table (beta 1) summed in
 * float, {@code logf} of the sum, {@code (s_in q - (s_in max + log_sum)) / s_out} in float and
 * {@code rint} (ties to even), as {@code optimized_ops::LogSoftmax}.
 */
public final class LogSoftmax extends UnaryOp {
    @Override
    Parallel.RangeBody body(OpContext ctx, RuntimeTensor in, RuntimeTensor out) throws KernelException {
        Elementwise.sameTypes("LOG_SOFTMAX", in, out);
        if (in.rank() < 1) {
            throw new KernelException("LOG_SOFTMAX needs rank >= 1");
        }
        int depth = in.dim(-1);
        if (in.type() == TensorType.FLOAT32) {
            return (from, to) -> {
                float[] x = in.floats();
                float[] y = out.floats();
                for (int r = from; r < to; r++) {
                    int base = r * depth;
                    float max = Float.NEGATIVE_INFINITY;
                    for (int j = 0; j < depth; j++) {
                        max = Math.max(max, x[base + j]);
                    }
                    float sum = 0f;
                    for (int j = 0; j < depth; j++) {
                        sum += (float) Math.exp(x[base + j] - max);
                    }
                    float logSum = (float) Math.log(sum);
                    for (int j = 0; j < depth; j++) {
                        y[base + j] = x[base + j] - max - logSum;
                    }
                }
            };
        }
        ctx.expectType(in, TensorType.INT8, TensorType.UINT8);
        Elementwise.requireQuantized("LOG_SOFTMAX", in);
        Elementwise.requireQuantized("LOG_SOFTMAX", out);
        float inScale = in.scale();
        float outScale = out.scale();
        int zp = out.zeroPoint();
        float[] table = Lut8.softmaxExpTable(inScale, 1.0f);
        boolean unsigned = in.type() == TensorType.UINT8;
        int mask = unsigned ? 0xFF : -1;
        int clampMin = unsigned ? 0 : -128;
        int clampMax = unsigned ? 255 : 127;
        float scale = inScale / outScale;
        return (from, to) -> {
            byte[] x = in.bytes();
            byte[] y = out.bytes();
            for (int r = from; r < to; r++) {
                int base = r * depth;
                int max = clampMin;
                for (int j = 0; j < depth; j++) {
                    max = Math.max(max, x[base + j] & mask);
                }
                int offset = 255 - max;
                float sum = 0f;
                for (int j = 0; j < depth; j++) {
                    sum += table[offset + (x[base + j] & mask)];
                }
                float logSum = Lut8.logf(sum);
                float precomputed = (inScale * max + logSum) / outScale;
                for (int j = 0; j < depth; j++) {
                    float logProb = scale * (x[base + j] & mask) - precomputed;
                    int q = (int) (Math.rint(logProb) + zp);
                    y[base + j] = (byte) Math.max(Math.min(clampMax, q), clampMin);
                }
            }
        };
    }

    @Override
    int units(RuntimeTensor in) {
        int depth = in.rank() == 0 ? 1 : in.dim(-1);
        return depth == 0 ? 0 : in.flatSize() / depth;
    }

    @Override
    int minChunk(RuntimeTensor in) {
        return Elementwise.minRuns(in.rank() == 0 ? 1 : in.dim(-1));
    }
}
