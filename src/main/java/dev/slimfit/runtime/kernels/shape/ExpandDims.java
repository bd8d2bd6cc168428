package dev.slimfit.runtime.kernels.shape;

import dev.slimfit.runtime.Kernel;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.PreparedOp;
import dev.slimfit.runtime.RuntimeTensor;

/**
 * EXPAND_DIMS as TFLite 2.6.2's expand_dims.cc: inserts a size-1 dimension at the axis given by
 * the (int32 or int64, one element) second input, counting negative axes from {@code rank + 1}.
 * A constant axis sizes the output in prepare, a computed one in eval. A plain byte copy.
 */
public final class ExpandDims implements Kernel {
    @Override
    public PreparedOp prepare(OpContext ctx) throws KernelException {
        RuntimeTensor in = ctx.requireInput(0);
        RuntimeTensor axisT = ctx.requireInput(1);
        RuntimeTensor out = ctx.output(0);
        ShapeSupport.sameType("EXPAND_DIMS", in, out);
        ctx.expectType(in, ShapeSupport.MOVABLE);
        if (axisT.flatSize() != 1) {
            throw new KernelException("EXPAND_DIMS: axis must have one element, got " + axisT);
        }
        if (axisT.isConstant()) {
            out.resize(shape(in, ShapeSupport.readInts(axisT)[0]));
            return () -> Reshape.copy(in, out);
        }
        return () -> {
            out.resize(shape(in, ShapeSupport.readInts(axisT)[0]));
            Reshape.copy(in, out);
        };
    }

    private static int[] shape(RuntimeTensor in, int axis) throws KernelException {
        int rank = in.rank();
        int a = axis < 0 ? axis + rank + 1 : axis;
        if (a < 0 || a > rank) {
            throw new KernelException("EXPAND_DIMS: axis " + axis + " out of range for rank " + rank);
        }
        int[] s = new int[rank + 1];
        for (int i = 0, k = 0; i <= rank; i++) {
            s[i] = i == a ? 1 : in.dim(k++);
        }
        return s;
    }
}
