package dev.slimfit.runtime.kernels.elementwise;

import dev.slimfit.quant.QuantizedMath;
import dev.slimfit.quant.QuantizedMultiplier;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.Parallel;
import dev.slimfit.runtime.PreparedOp;
import dev.slimfit.runtime.RuntimeTensor;
import dev.slimfit.runtime.kernels.Broadcast;

/**
 * int8 SQUARED_DIFFERENCE as TFLite 2.6.2 (squared_difference.cc): inputs shifted left by 7 and
 * scaled by {@code s_i / (2 max(s1, s2))}, the difference squared in int32, then scaled by
 * {@code (2 max)^2 / (2^14 s_out)} — where {@code 2^14 * s_out} is a float product, as in TFLite.
 */
final class QuantizedSquaredDifference {
    private QuantizedSquaredDifference() {
    }

    static PreparedOp prepare(OpContext ctx, Broadcast bc, RuntimeTensor a, RuntimeTensor b, RuntimeTensor out)
            throws KernelException {
        Elementwise.requireQuantized("SQUARED_DIFFERENCE", a);
        Elementwise.requireQuantized("SQUARED_DIFFERENCE", b);
        Elementwise.requireQuantized("SQUARED_DIFFERENCE", out);
        int leftShift = 7;
        double twiceMax = 2.0 * (double) Math.max(a.scale(), b.scale());
        QuantizedMultiplier m1 = QuantizedMultiplier.smallerThanOneExp((double) a.scale() / twiceMax);
        QuantizedMultiplier m2 = QuantizedMultiplier.smallerThanOneExp((double) b.scale() / twiceMax);
        float denominator = (1 << (leftShift * 2)) * out.scale();
        QuantizedMultiplier mo = QuantizedMultiplier.smallerThanOneExp(twiceMax * twiceMax / (double) denominator);
        int off1 = -a.zeroPoint();
        int off2 = -b.zeroPoint();
        int offOut = out.zeroPoint();
        int len = bc.runLength();
        int sa = bc.step(0);
        int sb = bc.step(1);
        Parallel.RangeBody body = (from, to) -> {
            byte[] x = a.bytes();
            byte[] y = b.bytes();
            byte[] z = out.bytes();
            for (int r = from; r < to; r++) {
                int o = r * len;
                int ia = bc.offset(0, r);
                int ib = bc.offset(1, r);
                for (int i = 0; i < len; i++) {
                    int s1 = QuantizedMath.multiplyByQuantizedMultiplierSmallerThanOneExp(
                            (x[ia + i * sa] + off1) * (1 << leftShift), m1.multiplier(), m1.shift());
                    int s2 = QuantizedMath.multiplyByQuantizedMultiplierSmallerThanOneExp(
                            (y[ib + i * sb] + off2) * (1 << leftShift), m2.multiplier(), m2.shift());
                    int d = s1 - s2;
                    int v = QuantizedMath.multiplyByQuantizedMultiplierSmallerThanOneExp(d * d, mo.multiplier(),
                            mo.shift()) + offOut;
                    z[o + i] = (byte) Math.max(-128, Math.min(127, v));
                }
            }
        };
        Parallel par = ctx.parallel();
        int minRuns = Elementwise.minRuns(len);
        return () -> par.forRange(bc.runs(), minRuns, body);
    }
}
