package dev.slimfit.runtime.kernels.elementwise;

import dev.slimfit.model.TensorType;
import dev.slimfit.quant.Lut8;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.Parallel;
import dev.slimfit.runtime.RuntimeTensor;
import org.apache.commons.math3.special.Erf;

/**
 * GELU (newer than TFLite 2.6.2, so there is no oracle): TFLite's documented {@code GeluTransform}.
 * With {@code GeluOptions.approximate}: {@code 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))};
 * otherwise the exact {@code 0.5 x (1 - erf(-x / sqrt(2)))}. int8/uint8 use a 256-entry table built
 * as TFLite's {@code PopulateLookupTable} (float dequantize, transform, float requantize).
 */
public final class Gelu extends UnaryOp {
    private static final float SQRT_2_OVER_PI = (float) Math.sqrt(2.0 / Math.PI);
    private static final float SQRT_HALF = (float) Math.sqrt(0.5);

    /** TFLite {@code GeluTransform} in float, with the libm calls done in double and rounded. */
    public static float transform(float x, boolean approximate) {
        if (approximate) {
            return 0.5f * x * (1.0f + (float) Math.tanh(SQRT_2_OVER_PI * (x + 0.044715f * x * x * x)));
        }
        return 0.5f * x * (1.0f - (float) Erf.erf(-SQRT_HALF * x));
    }

    @Override
    Parallel.RangeBody body(OpContext ctx, RuntimeTensor in, RuntimeTensor out) throws KernelException {
        Elementwise.sameTypes("GELU", in, out);
        boolean approximate = ctx.options() != null && ctx.options().getBool("approximate", false);
        if (in.type() == TensorType.FLOAT32) {
            return floats(in, out, x -> transform(x, approximate));
        }
        ctx.expectType(in, TensorType.INT8, TensorType.UINT8);
        Elementwise.requireQuantized("GELU", in);
        Elementwise.requireQuantized("GELU", out);
        int[] table = Lut8.populate(in.type() == TensorType.INT8, in.scale(), in.zeroPoint(), out.scale(),
                out.zeroPoint(), x -> transform(x, approximate));
        return table8(in, out, table);
    }
}
