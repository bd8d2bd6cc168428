package dev.slimfit.runtime.kernels.elementwise;

import dev.slimfit.model.TensorType;
import dev.slimfit.quant.FixedPoint;
import dev.slimfit.quant.QuantizedMultiplier;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.Parallel;
import dev.slimfit.runtime.RuntimeTensor;

/**
 * HARD_SWISH as TFLite 2.6.2 (reference/hard_swish.h): float {@code x * min(6, max(0, x + 3)) / 6};
 * int8/uint8 in int16 fixed point: the input offset is moved to a "hires" scale (x 2^7), a
 * "reluish" factor {@code relu6(x + 3) / 6} is built with the int16 multiplier of
 * {@code hires / (3/32768)} and mapped to [0, 1] in Q0.15, multiplied by the input at the output
 * scale (truncating doubling high multiply) and rounding-shifted to the output.
 */
public final class HardSwish extends UnaryOp {
    @Override
    Parallel.RangeBody body(OpContext ctx, RuntimeTensor in, RuntimeTensor out) throws KernelException {
        Elementwise.sameTypes("HARD_SWISH", in, out);
        if (in.type() == TensorType.FLOAT32) {
            return floats(in, out, x -> x * Math.min(6.0f, Math.max(0.0f, x + 3.0f)) / 6.0f);
        }
        ctx.expectType(in, TensorType.INT8, TensorType.UINT8);
        Elementwise.requireQuantized("HARD_SWISH", in);
        Elementwise.requireQuantized("HARD_SWISH", out);
        float hiresInputScale = (1.0f / 128.0f) * in.scale();
        float reluishScale = 3.0f / 32768.0f;
        QuantizedMultiplier om = QuantizedMultiplier.of(hiresInputScale / out.scale());
        if (om.shift() > 0) {
            throw new KernelException("HARD_SWISH: output multiplier exponent must be <= 0 (input scale too large "
                    + "for the output scale)");
        }
        QuantizedMultiplier rm = QuantizedMultiplier.of(hiresInputScale / reluishScale);
        int outMul16 = om.int16Multiplier();
        int outExp = om.shift();
        int reluMul16 = rm.int16Multiplier();
        int reluExp = rm.shift();
        int zpIn = in.zeroPoint();
        int zpOut = out.zeroPoint();
        int qmin = Elementwise.range(out.type()).qmin();
        int qmax = Elementwise.range(out.type()).qmax();
        FixedPoint f16 = FixedPoint.INT16;
        IntFn f = q -> {
            int inputValue = (short) (q - zpIn);
            int hires = (short) (inputValue * (1 << 7));
            int preshiftOut = f16.mul(hires, outMul16);
            int reluish = hires;
            if (reluExp > 0) {
                reluish = saturatingLeftShift16(reluish, reluExp - 1);
            }
            reluish = f16.mul(reluish, reluMul16);
            if (reluExp > 0) {
                reluish = saturatingLeftShift16(reluish, 1);
            }
            if (reluExp < 0) {
                reluish = f16.roundingDivideByPOT(reluish, -reluExp);
            }
            reluish = (reluish + (1 << 15)) >> 1;
            int preshift = saturatingDoublingHighMul16(reluish, preshiftOut);
            int v = (short) (f16.roundingDivideByPOT(preshift, -outExp) + zpOut);
            return Math.max(qmin, Math.min(qmax, v));
        };
        return codes8(in, out, f);
    }

    /** hard_swish.h {@code SaturatingLeftShift} on int16. */
    private static int saturatingLeftShift16(int value, int amount) {
        int r = value * (1 << amount);
        return Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, r));
    }

    /** hard_swish.h {@code SaturatingDoublingHighMul}: {@code (a*b) / 2^15} truncated, MIN*MIN saturates. */
    private static int saturatingDoublingHighMul16(int a, int b) {
        if (a == b && a == Short.MIN_VALUE) {
            return Short.MAX_VALUE;
        }
        return (short) ((a * b) / (1 << 15));
    }
}
