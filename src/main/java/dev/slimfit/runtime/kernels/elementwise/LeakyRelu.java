package dev.slimfit.runtime.kernels.elementwise;

import dev.slimfit.model.TensorType;
import dev.slimfit.quant.QuantizedMath;
import dev.slimfit.quant.QuantizedMultiplier;
import dev.slimfit.quant.TensorTypeRange;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.Parallel;
import dev.slimfit.runtime.RuntimeTensor;

/**
 * LEAKY_RELU as TFLite 2.6.2: float {@code x > 0 ? x : alpha * x}; int8/uint8/int16 requantize
 * non-negative offsets by {@code s_in / s_out} and negative ones by {@code s_in * alpha / s_out}
 * (both products in float, as {@code LeakyReluPrepare}), then clamp to the type.
 */
public final class LeakyRelu extends UnaryOp {
    @Override
    Parallel.RangeBody body(OpContext ctx, RuntimeTensor in, RuntimeTensor out) throws KernelException {
        Elementwise.sameTypes("LEAKY_RELU", in, out);
        float alpha = ctx.options() == null ? 0.2f : ctx.options().getFloat("alpha", 0.2f);
        if (in.type() == TensorType.FLOAT32) {
            return floats(in, out, x -> x > 0 ? x : x * alpha);
        }
        ctx.expectType(in, TensorType.INT8, TensorType.UINT8, TensorType.INT16);
        Elementwise.requireQuantized("LEAKY_RELU", in);
        Elementwise.requireQuantized("LEAKY_RELU", out);
        QuantizedMultiplier ma = QuantizedMultiplier.of(in.scale() * alpha / out.scale());
        QuantizedMultiplier mi = QuantizedMultiplier.of(in.scale() / out.scale());
        TensorTypeRange range = Elementwise.range(out.type());
        int zpIn = in.zeroPoint();
        int zpOut = out.zeroPoint();
        IntFn f = q -> {
            int v = q - zpIn;
            int r = v >= 0
                    ? zpOut + QuantizedMath.multiplyByQuantizedMultiplier(v, mi.multiplier(), mi.shift())
                    : zpOut + QuantizedMath.multiplyByQuantizedMultiplier(v, ma.multiplier(), ma.shift());
            return range.clamp(r);
        };
        return in.type() == TensorType.INT16 ? codes(in, out, f) : codes8(in, out, f);
    }
}
