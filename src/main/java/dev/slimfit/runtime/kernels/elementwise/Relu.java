package dev.slimfit.runtime.kernels.elementwise;

import dev.slimfit.model.TensorType;
import dev.slimfit.quant.QuantizedMath;
import dev.slimfit.quant.QuantizedMultiplier;
import dev.slimfit.quant.Rounding;
import dev.slimfit.quant.TensorTypeRange;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.Parallel;
import dev.slimfit.runtime.RuntimeTensor;

/**
 * RELU, RELU6, RELU_N1_TO_1 and RELU_0_TO_1 (a clamp to [lo, hi]) as TFLite's activations.cc:
 * float32 clamps; int8/uint8/int16 requantize {@code zp_out + M (q - zp_in)} with
 * {@code M = s_in / s_out} (computed in float, as {@code ReluPrepare} does) and clamp to the codes
 * of lo and hi ({@code zp + roundf(bound / s_out)}), as {@code QuantizedReluX}.
 */
public final class Relu extends UnaryOp {
    private final String name;
    private final float lo;
    private final float hi;

    private Relu(String name, float lo, float hi) {
        this.name = name;
        this.lo = lo;
        this.hi = hi;
    }

    /** RELU: [0, inf). */
    public static Relu relu() {
        return new Relu("RELU", 0f, Float.POSITIVE_INFINITY);
    }

    /** RELU6: [0, 6]. */
    public static Relu relu6() {
        return new Relu("RELU6", 0f, 6f);
    }

    /** RELU_N1_TO_1: [-1, 1]. */
    public static Relu reluN1To1() {
        return new Relu("RELU_N1_TO_1", -1f, 1f);
    }

    /** RELU_0_TO_1 (newer than 2.6.2): [0, 1]. */
    public static Relu relu0To1() {
        return new Relu("RELU_0_TO_1", 0f, 1f);
    }

    @Override
    Parallel.RangeBody body(OpContext ctx, RuntimeTensor in, RuntimeTensor out) throws KernelException {
        Elementwise.sameTypes(name, in, out);
        if (in.type() == TensorType.FLOAT32) {
            float l = lo;
            float h = hi;
            // std::max(0, x) keeps x when equal (so -0.0 stays -0.0), then std::min with hi. Own loop (not
            // floats(...)) so this hot op's call is inlined rather than dispatched per element.
            return (from, to) -> {
                float[] x = in.floats();
                float[] y = out.floats();
                for (int i = from; i < to; i++) {
                    y[i] = Elementwise.clamp(x[i], l, h);
                }
            };
        }
        ctx.expectType(in, TensorType.INT8, TensorType.UINT8, TensorType.INT16);
        Elementwise.requireQuantized(name, in);
        Elementwise.requireQuantized(name, out);
        TensorTypeRange range = Elementwise.range(out.type());
        float outScale = out.scale();
        int zpOut = out.zeroPoint();
        int zpIn = in.zeroPoint();
        int qmin = Math.max(range.qmin(), zpOut + (int) Rounding.round(lo / outScale));
        int qmax = hi == Float.POSITIVE_INFINITY ? range.qmax()
                : Math.min(range.qmax(), zpOut + (int) Rounding.round(hi / outScale));
        QuantizedMultiplier m = QuantizedMultiplier.of(in.scale() / outScale);
        int mult = m.multiplier();
        int shift = m.shift();
        IntFn f = q -> {
            int v = zpOut + QuantizedMath.multiplyByQuantizedMultiplier(q - zpIn, mult, shift);
            return Math.min(qmax, Math.max(qmin, v));
        };
        return in.type() == TensorType.INT16 ? codes(in, out, f) : codes8(in, out, f);
    }
}
