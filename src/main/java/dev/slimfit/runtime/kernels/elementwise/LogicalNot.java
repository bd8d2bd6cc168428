package dev.slimfit.runtime.kernels.elementwise;

import dev.slimfit.model.TensorType;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.Parallel;
import dev.slimfit.runtime.RuntimeTensor;

/** LOGICAL_NOT on bool tensors. */
public final class LogicalNot extends UnaryOp {
    @Override
    Parallel.RangeBody body(OpContext ctx, RuntimeTensor in, RuntimeTensor out) throws KernelException {
        ctx.expectType(in, TensorType.BOOL);
        ctx.expectType(out, TensorType.BOOL);
        return (from, to) -> {
            byte[] x = in.bytes();
            byte[] y = out.bytes();
            for (int i = from; i < to; i++) {
                y[i] = x[i] == 0 ? (byte) 1 : (byte) 0;
            }
        };
    }
}
