package dev.slimfit.runtime.kernels.elementwise;

import dev.slimfit.model.TensorType;
import dev.slimfit.quant.QuantizationUtil;
import dev.slimfit.quant.QuantizedMath;
import dev.slimfit.quant.QuantizedMultiplier;
import dev.slimfit.quant.TensorTypeRange;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.Parallel;
import dev.slimfit.runtime.RuntimeTensor;

/**
 * The one-input math ops of TFLite 2.6.2's elementwise.cc, floor.cc, ceil.cc, round.cc, exp.cc,
 * neg.cc and square: float32 by the C library function (ROUND is half-to-even, TFLite's
 * {@code RoundToNearest}; RSQRT is {@code 1 / sqrt(x)}); ABS also on int8/int16 (absolute offset,
 * requantized when the scales differ; 2.6.2 has no int32 ABS); NEG on int32/int64; RSQRT on int8 through TFLite's
 * fixed-point inverse square root.
 */
public final class UnaryMath extends UnaryOp {
    /** The math function. */
    public enum Fn { ABS, NEG, SQUARE, SQRT, RSQRT, EXP, LOG, SIN, COS, FLOOR, CEIL, ROUND }

    private final Fn fn;

    public UnaryMath(Fn fn) {
        this.fn = fn;
    }

    @Override
    Parallel.RangeBody body(OpContext ctx, RuntimeTensor in, RuntimeTensor out) throws KernelException {
        Elementwise.sameTypes(fn.name(), in, out);
        TensorType t = in.type();
        if (t == TensorType.FLOAT32) {
            return floats(in, out, floatFn());
        }
        if (fn == Fn.NEG && t == TensorType.INT32) {
            return (from, to) -> {
                int[] x = in.ints();
                int[] y = out.ints();
                for (int i = from; i < to; i++) {
                    y[i] = -x[i];
                }
            };
        }
        if (fn == Fn.NEG && t == TensorType.INT64) {
            return (from, to) -> {
                long[] x = in.longs();
                long[] y = out.longs();
                for (int i = from; i < to; i++) {
                    y[i] = -x[i];
                }
            };
        }
        if (fn == Fn.ABS && (t == TensorType.INT8 || t == TensorType.INT16)) {
            return quantizedAbs(in, out);
        }
        if (fn == Fn.RSQRT && t == TensorType.INT8) {
            return quantizedRsqrt(in, out);
        }
        throw new KernelException(fn + " does not support type " + t);
    }

    private FloatFn floatFn() {
        return switch (fn) {
            case ABS -> Math::abs;
            case NEG -> x -> -x;
            case SQUARE -> x -> x * x;
            case SQRT -> x -> (float) Math.sqrt(x);
            case RSQRT -> x -> 1.0f / (float) Math.sqrt(x);
            case EXP -> x -> (float) Math.exp(x);
            case LOG -> x -> (float) Math.log(x);
            case SIN -> x -> (float) Math.sin(x);
            case COS -> x -> (float) Math.cos(x);
            case FLOOR -> x -> (float) Math.floor(x);
            case CEIL -> x -> (float) Math.ceil(x);
            case ROUND -> x -> (float) Math.rint(x);
        };
    }

    /** elementwise.cc AbsEval (int8/int16): |q - zp_in|, requantized only when the scales differ. */
    private static Parallel.RangeBody quantizedAbs(RuntimeTensor in, RuntimeTensor out) throws KernelException {
        Elementwise.requireQuantized("ABS", in);
        Elementwise.requireQuantized("ABS", out);
        if (in.type() == TensorType.INT16 && (in.zeroPoint() != 0 || out.zeroPoint() != 0)) {
            throw new KernelException("ABS int16 needs zero points 0");
        }
        QuantizedMultiplier m = QuantizedMultiplier.of((double) in.scale() / (double) out.scale());
        boolean rescale = in.scale() != out.scale();
        int zpIn = in.zeroPoint();
        int zpOut = out.zeroPoint();
        TensorTypeRange range = Elementwise.range(out.type());
        IntFn f = q -> {
            int v = Math.abs(q - zpIn);
            if (!rescale) {
                return range.clamp(v + zpOut);
            }
            return range.clamp(QuantizedMath.multiplyByQuantizedMultiplier(v, m.multiplier(), m.shift()) + zpOut);
        };
        return in.type() == TensorType.INT16 ? codes(in, out, f) : codes8(in, out, f);
    }

    /**
     * elementwise.cc RsqrtEvalQuantized (int8): 1/sqrt of the offset by TFLite's fixed-point
     * {@code GetInvSqrtQuantizedMultiplierExp}, carried with 20 extra bits, then rescaled by
     * {@code 1 / (sqrt(s_in) s_out)}; an offset of 0 gives the largest code.
     */
    private static Parallel.RangeBody quantizedRsqrt(RuntimeTensor in, RuntimeTensor out) throws KernelException {
        Elementwise.requireQuantized("RSQRT", in);
        Elementwise.requireQuantized("RSQRT", out);
        QuantizedMultiplier m = QuantizedMultiplier.of(1.0 / (Math.sqrt(in.scale()) * out.scale()));
        int zpIn = in.zeroPoint();
        int zpOut = out.zeroPoint();
        int shift = 20;
        IntFn f = q -> {
            int v = q - zpIn;
            if (v == 0) {
                return 127;
            }
            if (v < 0) {
                return Integer.MIN_VALUE; // marks an invalid input; checked in the loop below
            }
            QuantizedMultiplier inv = QuantizationUtil.getInvSqrtQuantizedMultiplierExp(v, -1);
            int data = QuantizedMath.multiplyByQuantizedMultiplier(1, inv.multiplier(), inv.shift() + shift);
            int r = QuantizedMath.multiplyByQuantizedMultiplier(data, m.multiplier(), m.shift() - shift) + zpOut;
            return Math.max(-128, Math.min(127, r));
        };
        int[] table = new int[256];
        for (int i = 0; i < 256; i++) {
            table[i] = f.apply((byte) i);
        }
        return (from, to) -> {
            byte[] x = in.bytes();
            byte[] y = out.bytes();
            for (int i = from; i < to; i++) {
                int r = table[x[i] & 0xFF];
                if (r == Integer.MIN_VALUE) {
                    throw new ArithmeticException("RSQRT is only defined for positive values (got code " + x[i] + ")");
                }
                y[i] = (byte) r;
            }
        };
    }
}
