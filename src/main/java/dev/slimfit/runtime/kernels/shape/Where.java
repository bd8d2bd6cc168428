package dev.slimfit.runtime.kernels.shape;

import dev.slimfit.model.TensorType;
import dev.slimfit.runtime.Kernel;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.PreparedOp;
import dev.slimfit.runtime.RuntimeTensor;

/**
 * WHERE (one input) as TFLite 2.6.2's where.cc: the int64 coordinates of every true element of a
 * bool tensor, in row-major order, shaped {@code [count, rank]}. The count depends on the values,
 * so the output is sized in eval (TFLite makes it dynamic).
 */
public final class Where implements Kernel {
    @Override
    public PreparedOp prepare(OpContext ctx) throws KernelException {
        RuntimeTensor cond = ctx.requireInput(0);
        RuntimeTensor out = ctx.output(0);
        ctx.expectType(cond, TensorType.BOOL);
        ctx.expectType(out, TensorType.INT64);
        int rank = cond.rank();
        return () -> {
            byte[] c = cond.bytes();
            int n = cond.flatSize();
            int count = 0;
            for (int i = 0; i < n; i++) {
                if (c[i] != 0) {
                    count++;
                }
            }
            out.resize(new int[] {count, rank});
            long[] y = out.longs();
            int[] shape = cond.shape();
            int o = 0;
            for (int i = 0; i < n; i++) {
                if (c[i] == 0) {
                    continue;
                }
                int rest = i;
                for (int d = rank - 1; d >= 0; d--) {
                    y[o + d] = rest % shape[d];
                    rest /= shape[d];
                }
                o += rank;
            }
        };
    }
}
