package dev.slimfit.runtime.kernels.elementwise;

import dev.slimfit.quant.AffineQuantization;
import dev.slimfit.quant.FixedPoint;
import dev.slimfit.quant.QuantizedMath;
import dev.slimfit.quant.QuantizedMultiplier;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.RuntimeTensor;

/**
 * Per-element integer math of the quantized ADD/SUB/MUL/DIV paths of TFLite 2.6.2 (reference/add.h
 * {@code AddElementwise}, sub.h {@code Sub16}, integer_ops/mul.h {@code MulElementwise}, div.cc
 * {@code DivElementwise}). Operands are the input codes as ints; the result is the clamped output code.
 */
abstract class QuantizedBinary {
    final int min;
    final int max;

    QuantizedBinary(AffineQuantization.IntRange r) {
        this.min = r.min();
        this.max = r.max();
    }

    abstract int apply(int x, int y);

    final int clamp(int v) {
        return Math.min(max, Math.max(min, v));
    }

    /** The general rescaling ADD (SUB: input 2's multiplier negated, as sub.cc does). */
    static QuantizedBinary general(boolean sub, RuntimeTensor a, RuntimeTensor b, RuntimeTensor out,
                                   AffineQuantization.IntRange r) {
        int leftShift = out.type() == dev.slimfit.model.TensorType.INT16 ? 15 : 20;
        double twiceMax = 2 * (double) Math.max(a.scale(), b.scale());
        QuantizedMultiplier m1 = QuantizedMultiplier.smallerThanOneExp(a.scale() / twiceMax);
        QuantizedMultiplier m2 = QuantizedMultiplier.smallerThanOneExp(b.scale() / twiceMax);
        QuantizedMultiplier mo = QuantizedMultiplier.smallerThanOneExp(
                twiceMax / ((1 << leftShift) * (double) out.scale()));
        int off1 = -a.zeroPoint();
        int off2 = -b.zeroPoint();
        int offOut = out.zeroPoint();
        int mul1 = m1.multiplier();
        int sh1 = m1.shift();
        int mul2 = sub ? -m2.multiplier() : m2.multiplier();
        int sh2 = m2.shift();
        int mulOut = mo.multiplier();
        int shOut = mo.shift();
        if (leftShift == 20) {
            // 8-bit: each input's scaled value depends on its code only, so tabulate both once.
            boolean unsigned = out.type() == dev.slimfit.model.TensorType.UINT8;
            int[] t1 = new int[256];
            int[] t2 = new int[256];
            for (int i = 0; i < 256; i++) {
                int q = unsigned ? i : (byte) i;
                t1[i] = QuantizedMath.multiplyByQuantizedMultiplierSmallerThanOneExp((q + off1) * (1 << leftShift),
                        mul1, sh1);
                t2[i] = QuantizedMath.multiplyByQuantizedMultiplierSmallerThanOneExp((q + off2) * (1 << leftShift),
                        mul2, sh2);
            }
            return new QuantizedBinary(r) {
                @Override
                int apply(int x, int y) {
                    int raw = QuantizedMath.multiplyByQuantizedMultiplierSmallerThanOneExp(t1[x & 0xFF] + t2[y & 0xFF],
                            mulOut, shOut) + offOut;
                    return clamp(raw);
                }
            };
        }
        return new QuantizedBinary(r) {
            @Override
            int apply(int x, int y) {
                int s1 = QuantizedMath.multiplyByQuantizedMultiplierSmallerThanOneExp((x + off1) * (1 << leftShift),
                        mul1, sh1);
                int s2 = QuantizedMath.multiplyByQuantizedMultiplierSmallerThanOneExp((y + off2) * (1 << leftShift),
                        mul2, sh2);
                int raw = QuantizedMath.multiplyByQuantizedMultiplierSmallerThanOneExp(s1 + s2, mulOut, shOut) + offOut;
                return clamp(raw);
            }
        };
    }

    /** int16 power-of-two ADD/SUB: rounding shift of the finer input, then int16-saturating add/sub. */
    static QuantizedBinary potInt16(boolean sub, int shift1, int shift2, AffineQuantization.IntRange r) {
        boolean shiftFirst = shift1 != 0;
        int rightShift = shiftFirst ? -shift1 : -shift2;
        return new QuantizedBinary(r) {
            @Override
            int apply(int x, int y) {
                int v;
                if (shiftFirst) {
                    int scaled = QuantizedMath.roundingDivideByPOT(x, rightShift);
                    v = sub ? scaled - y : scaled + y;
                } else {
                    int scaled = QuantizedMath.roundingDivideByPOT(y, rightShift);
                    v = sub ? x - scaled : x + scaled;
                }
                v = Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
                return clamp(v);
            }
        };
    }

    /** MUL: {@code zp + M * ((x - zx)(y - zy))}, M from float scales, TFLite's two-rounding multiply. */
    static QuantizedBinary mul(RuntimeTensor a, RuntimeTensor b, RuntimeTensor out, AffineQuantization.IntRange r) {
        // mul.cc multiplies and divides the float scales in float before widening to double.
        float real = a.scale() * b.scale() / out.scale();
        QuantizedMultiplier m = QuantizedMultiplier.of(real);
        int off1 = -a.zeroPoint();
        int off2 = -b.zeroPoint();
        int offOut = out.zeroPoint();
        int mult = m.multiplier();
        int shift = m.shift();
        return new QuantizedBinary(r) {
            @Override
            int apply(int x, int y) {
                return clamp(offOut + QuantizedMath.multiplyByQuantizedMultiplier((x + off1) * (y + off2), mult, shift));
            }
        };
    }

    /**
     * uint8 DIV (div.cc): 1/y by gemmlowp's reciprocal, a headroom-normalised high multiply by x,
     * and one rescale by {@code s_x / (s_y s_out)} (float arithmetic) with the combined shift.
     */
    static QuantizedBinary div(RuntimeTensor a, RuntimeTensor b, RuntimeTensor out, AffineQuantization.IntRange r)
            throws KernelException {
        float real = a.scale() / (b.scale() * out.scale());
        QuantizedMultiplier m = QuantizedMultiplier.of(real);
        int off1 = -a.zeroPoint();
        int off2 = -b.zeroPoint();
        int offOut = out.zeroPoint();
        int mult = m.multiplier();
        int shift = m.shift();
        return new QuantizedBinary(r) {
            @Override
            int apply(int x, int y) {
                int v1 = x + off1;
                int v2 = y + off2;
                if (v2 == 0) {
                    throw new ArithmeticException("DIV: divisor equals its zero point (division by zero)");
                }
                int abs = v2 > 0 ? v2 : -v2;
                int recip = FixedPoint.getReciprocal(abs, 31);
                int recipShift = FixedPoint.reciprocalBitsOverUnit(abs, 31);
                int inv = v2 > 0 ? recip : -recip;
                int headroom = QuantizedMath.countLeadingSignBits(v1);
                int unscaled = QuantizedMath.multiplyByQuantizedMultiplierGreaterThanOne(v1, inv, headroom);
                int totalShift = shift - recipShift - headroom;
                int res = offOut + QuantizedMath.multiplyByQuantizedMultiplierSmallerThanOneExp(unscaled, mult,
                        totalShift);
                return clamp(res);
            }
        };
    }
}
