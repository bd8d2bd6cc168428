package dev.slimfit.runtime.kernels.shape;

import dev.slimfit.runtime.Kernel;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.PreparedOp;
import dev.slimfit.runtime.RuntimeTensor;

/**
 * TRANSPOSE as TFLite 2.6.2's transpose.cc: output dimension {@code i} is input dimension
 * {@code perm[i]}. Implemented as a strided view copy, so dimensions that stay adjacent are merged
 * and a transpose that keeps the last axis copies whole runs.
 */
public final class Transpose implements Kernel {
    @Override
    public PreparedOp prepare(OpContext ctx) throws KernelException {
        RuntimeTensor in = ctx.requireInput(0);
        RuntimeTensor permT = ctx.requireInput(1);
        RuntimeTensor out = ctx.output(0);
        ctx.expectType(in, ShapeSupport.MOVABLE);
        ShapeSupport.sameType("TRANSPOSE", in, out);
        if (permT.rank() != 1 || permT.flatSize() != in.rank()) {
            throw new KernelException("TRANSPOSE: perm " + permT + " must list " + in.rank() + " axes");
        }
        if (permT.isConstant()) {
            StridedCopy copy = plan(in, out, ShapeSupport.readInts(permT));
            return () -> copy.run(in.data(), out.data());
        }
        return () -> plan(in, out, ShapeSupport.readInts(permT)).run(in.data(), out.data());
    }

    private static StridedCopy plan(RuntimeTensor in, RuntimeTensor out, int[] perm) throws KernelException {
        int rank = in.rank();
        int[] is = StridedCopy.strides(in.shape());
        int[] shape = new int[rank];
        int[] src = new int[rank];
        boolean[] seen = new boolean[rank];
        for (int i = 0; i < rank; i++) {
            int p = perm[i] < 0 ? perm[i] + rank : perm[i];
            if (p < 0 || p >= rank || seen[p]) {
                throw new KernelException("TRANSPOSE: invalid perm " + ShapeSupport.shape(perm));
            }
            seen[p] = true;
            shape[i] = in.dim(p);
            src[i] = is[p];
        }
        out.resize(shape);
        return StridedCopy.toDense(shape, 0, src);
    }
}
