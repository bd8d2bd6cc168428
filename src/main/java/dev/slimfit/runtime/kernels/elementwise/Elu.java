package dev.slimfit.runtime.kernels.elementwise;

import dev.slimfit.model.TensorType;
import dev.slimfit.quant.Lut8;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.Parallel;
import dev.slimfit.runtime.RuntimeTensor;

/**
 * ELU as TFLite 2.6.2: float {@code x < 0 ? expm1(x) : x}; int8 through the 8-bit table built the
 * way {@code PopulateLookupTable} builds it (float dequantize, transform, float requantize).
 */
public final class Elu extends UnaryOp {
    @Override
    Parallel.RangeBody body(OpContext ctx, RuntimeTensor in, RuntimeTensor out) throws KernelException {
        Elementwise.sameTypes("ELU", in, out);
        if (in.type() == TensorType.FLOAT32) {
            return floats(in, out, x -> x < 0 ? (float) Math.expm1(x) : x);
        }
        ctx.expectType(in, TensorType.INT8);
        Elementwise.requireQuantized("ELU", in);
        Elementwise.requireQuantized("ELU", out);
        int[] table = Lut8.populate(true, in.scale(), in.zeroPoint(), out.scale(), out.zeroPoint(),
                x -> x < 0 ? (float) StrictMath.expm1(x) : x);
        return table8(in, out, table);
    }
}
