package dev.slimfit.runtime.kernels.shape;

import dev.slimfit.model.TensorType;
import dev.slimfit.runtime.Kernel;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.PreparedOp;
import dev.slimfit.runtime.RuntimeTensor;

/**
 * SHAPE as TFLite 2.6.2's shape.cc: a 1-D int32 or int64 tensor of the input's dimensions. The
 * values are written in eval, so they follow an input that was resized at run time.
 */
public final class Shape implements Kernel {
    @Override
    public PreparedOp prepare(OpContext ctx) throws KernelException {
        RuntimeTensor in = ctx.requireInput(0);
        RuntimeTensor out = ctx.output(0);
        TensorType t = ctx.expectType(out, TensorType.INT32, TensorType.INT64);
        out.resize(new int[] {in.rank()});
        return () -> {
            if (out.dim(0) != in.rank()) {
                out.resize(new int[] {in.rank()});
            }
            for (int i = 0; i < in.rank(); i++) {
                if (t == TensorType.INT32) {
                    out.ints()[i] = in.dim(i);
                } else {
                    out.longs()[i] = in.dim(i);
                }
            }
        };
    }
}
