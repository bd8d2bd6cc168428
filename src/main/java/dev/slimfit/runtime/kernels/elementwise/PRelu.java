package dev.slimfit.runtime.kernels.elementwise;

import dev.slimfit.model.TensorType;
import dev.slimfit.quant.QuantizedMath;
import dev.slimfit.quant.QuantizedMultiplier;
import dev.slimfit.quant.TensorTypeRange;
import dev.slimfit.runtime.Kernel;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.Parallel;
import dev.slimfit.runtime.PreparedOp;
import dev.slimfit.runtime.RuntimeTensor;
import dev.slimfit.runtime.kernels.Broadcast;

/**
 * PRELU as TFLite 2.6.2 (activations.cc, reference {@code BroadcastPrelu4DSlow}): the input and
 * alpha broadcast against each other; float {@code x >= 0 ? x : x * alpha}; int8/uint8
 * {@code zp_out + M1 (x - zp_x)} for non-negative offsets and {@code zp_out + M2 ((x - zp_x)(a - zp_a))}
 * otherwise, with {@code M1 = s_x / s_out} and {@code M2 = s_x s_a / s_out} computed in float.
 */
public final class PRelu implements Kernel {
    @Override
    public PreparedOp prepare(OpContext ctx) throws KernelException {
        RuntimeTensor in = ctx.requireInput(0);
        RuntimeTensor alpha = ctx.requireInput(1);
        RuntimeTensor out = ctx.output(0);
        Elementwise.sameTypes("PRELU", in, alpha, out);
        Broadcast bc = Broadcast.of(in.shape(), alpha.shape());
        out.resize(bc.outputShape());
        int len = bc.runLength();
        int sx = bc.step(0);
        int sa = bc.step(1);
        Parallel.RangeBody body;
        if (in.type() == TensorType.FLOAT32) {
            body = (from, to) -> {
                float[] x = in.floats();
                float[] a = alpha.floats();
                float[] y = out.floats();
                for (int r = from; r < to; r++) {
                    int o = r * len;
                    int ix = bc.offset(0, r);
                    int ia = bc.offset(1, r);
                    for (int i = 0; i < len; i++) {
                        float v = x[ix + i * sx];
                        y[o + i] = v >= 0f ? v : v * a[ia + i * sa];
                    }
                }
            };
        } else {
            ctx.expectType(in, TensorType.INT8, TensorType.UINT8);
            Elementwise.requireQuantized("PRELU", in);
            Elementwise.requireQuantized("PRELU", alpha);
            Elementwise.requireQuantized("PRELU", out);
            QuantizedMultiplier m1 = QuantizedMultiplier.of(in.scale() / out.scale());
            QuantizedMultiplier m2 = QuantizedMultiplier.of(in.scale() * alpha.scale() / out.scale());
            int zx = in.zeroPoint();
            int za = alpha.zeroPoint();
            int zo = out.zeroPoint();
            TensorTypeRange range = Elementwise.range(out.type());
            int mask = in.type() == TensorType.UINT8 ? 0xFF : -1;
            body = (from, to) -> {
                byte[] x = in.bytes();
                byte[] a = alpha.bytes();
                byte[] y = out.bytes();
                for (int r = from; r < to; r++) {
                    int o = r * len;
                    int ix = bc.offset(0, r);
                    int ia = bc.offset(1, r);
                    for (int i = 0; i < len; i++) {
                        int v = (x[ix + i * sx] & mask) - zx;
                        int res = v >= 0
                                ? QuantizedMath.multiplyByQuantizedMultiplier(v, m1.multiplier(), m1.shift())
                                : QuantizedMath.multiplyByQuantizedMultiplier(v * ((a[ia + i * sa] & mask) - za),
                                        m2.multiplier(), m2.shift());
                        y[o + i] = (byte) range.clamp(res + zo);
                    }
                }
            };
        }
        Parallel par = ctx.parallel();
        int minRuns = Elementwise.minRuns(len);
        return () -> par.forRange(bc.runs(), minRuns, body);
    }
}
