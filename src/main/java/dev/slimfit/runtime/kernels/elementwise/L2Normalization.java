package dev.slimfit.runtime.kernels.elementwise;

import dev.slimfit.model.TensorType;
import dev.slimfit.quant.QuantizationUtil;
import dev.slimfit.quant.QuantizedMath;
import dev.slimfit.quant.QuantizedMultiplier;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.Parallel;
import dev.slimfit.runtime.RuntimeTensor;

/**
 * L2_NORMALIZATION over the last dimension as TFLite 2.6.2: float {@code x / max(sqrt(sum x^2), 1e-6)};
 * int8/uint8 with TFLite's fixed-point inverse square root of the integer sum of squared offsets
 * (outputs have scale 1/128): uint8 applies it to {@code 128 * offset} with the legacy
 * smaller-than-one multiply and adds 128; int8 folds the 128 into the shift of
 * {@code MultiplyByQuantizedMultiplier}, as the two 2.6.2 kernels differ.
 */
public final class L2Normalization extends UnaryOp {
    @Override
    Parallel.RangeBody body(OpContext ctx, RuntimeTensor in, RuntimeTensor out) throws KernelException {
        Elementwise.sameTypes("L2_NORMALIZATION", in, out);
        if (Elementwise.activation(ctx) != 0) {
            throw new KernelException("L2_NORMALIZATION supports no fused activation");
        }
        int depth = in.rank() == 0 ? 1 : in.dim(-1);
        if (in.type() == TensorType.FLOAT32) {
            return (from, to) -> {
                float[] x = in.floats();
                float[] y = out.floats();
                for (int r = from; r < to; r++) {
                    int base = r * depth;
                    float sq = 0f;
                    for (int c = 0; c < depth; c++) {
                        float v = x[base + c];
                        sq += v * v;
                    }
                    float norm = Math.max((float) Math.sqrt(sq), 1e-6f);
                    for (int c = 0; c < depth; c++) {
                        y[base + c] = x[base + c] / norm;
                    }
                }
            };
        }
        ctx.expectType(in, TensorType.INT8, TensorType.UINT8);
        Elementwise.requireQuantized("L2_NORMALIZATION", in);
        boolean unsigned = in.type() == TensorType.UINT8;
        int mask = unsigned ? 0xFF : -1;
        int zp = in.zeroPoint();
        return (from, to) -> {
            byte[] x = in.bytes();
            byte[] y = out.bytes();
            for (int r = from; r < to; r++) {
                int base = r * depth;
                int sq = 0;
                for (int c = 0; c < depth; c++) {
                    int d = (x[base + c] & mask) - zp;
                    sq += d * d;
                }
                QuantizedMultiplier inv = QuantizationUtil.getInvSqrtQuantizedMultiplierExp(sq, -1);
                for (int c = 0; c < depth; c++) {
                    int d = (x[base + c] & mask) - zp;
                    if (unsigned) {
                        int v = QuantizedMath.multiplyByQuantizedMultiplierSmallerThanOneExp(128 * d,
                                inv.multiplier(), inv.shift());
                        y[base + c] = (byte) Math.min(255, Math.max(0, 128 + v));
                    } else {
                        // reference_integer_ops: the x128 is folded into the shift, one rounding fewer.
                        int v = QuantizedMath.multiplyByQuantizedMultiplier(d, inv.multiplier(), inv.shift() + 7);
                        y[base + c] = (byte) Math.min(127, Math.max(-128, v));
                    }
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
