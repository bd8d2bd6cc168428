package dev.slimfit.runtime.kernels.shape;

import dev.slimfit.model.TensorType;
import dev.slimfit.runtime.Kernel;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.PreparedOp;
import dev.slimfit.runtime.RuntimeTensor;

/**
 * RANGE as TFLite 2.6.2's range.cc: int32 or float32 scalars start/limit/delta; the length is
 * {@code (|limit − start| + |delta| − 1) / |delta|} for ints and {@code ceil(|(limit − start) / delta|)}
 * for floats, and values accumulate ({@code v += delta}) rather than multiply. All-constant inputs
 * size the output in prepare; otherwise it is sized in eval.
 */
public final class Range implements Kernel {
    @Override
    public PreparedOp prepare(OpContext ctx) throws KernelException {
        RuntimeTensor start = ctx.requireInput(0);
        RuntimeTensor limit = ctx.requireInput(1);
        RuntimeTensor delta = ctx.requireInput(2);
        RuntimeTensor out = ctx.output(0);
        TensorType t = ctx.expectType(start, TensorType.INT32, TensorType.FLOAT32);
        if (limit.type() != t || delta.type() != t || out.type() != t) {
            throw new KernelException("RANGE: start, limit, delta and output must share a type");
        }
        if (start.isConstant() && limit.isConstant() && delta.isConstant()) {
            out.resize(new int[] {size(t, start, limit, delta)});
            return () -> fill(t, start, delta, out);
        }
        return () -> {
            out.resize(new int[] {size(t, start, limit, delta)});
            fill(t, start, delta, out);
        };
    }

    private static int size(TensorType t, RuntimeTensor s, RuntimeTensor l, RuntimeTensor d) throws KernelException {
        if (t == TensorType.INT32) {
            int a = s.ints()[0];
            int b = l.ints()[0];
            int dd = d.ints()[0];
            if (dd == 0 || !((a > b && dd < 0) || (a < b && dd > 0) || a == b)) {
                throw new KernelException("RANGE: invalid start/limit/delta " + a + ", " + b + ", " + dd);
            }
            return (Math.abs(b - a) + Math.abs(dd) - 1) / Math.abs(dd);
        }
        float a = s.floats()[0];
        float b = l.floats()[0];
        float dd = d.floats()[0];
        if (dd == 0 || !((a > b && dd < 0) || (a < b && dd > 0) || a == b)) {
            throw new KernelException("RANGE: invalid start/limit/delta " + a + ", " + b + ", " + dd);
        }
        return (int) Math.ceil(Math.abs((b - a) / dd));
    }

    private static void fill(TensorType t, RuntimeTensor s, RuntimeTensor d, RuntimeTensor out) {
        int n = out.flatSize();
        if (t == TensorType.INT32) {
            int[] y = out.ints();
            int v = s.ints()[0];
            int dd = d.ints()[0];
            for (int i = 0; i < n; i++, v += dd) {
                y[i] = v;
            }
        } else {
            float[] y = out.floats();
            float v = s.floats()[0];
            float dd = d.floats()[0];
            for (int i = 0; i < n; i++, v += dd) {
                y[i] = v;
            }
        }
    }
}
