package dev.slimfit.runtime.kernels.shape;

import dev.slimfit.runtime.Kernel;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.PreparedOp;
import dev.slimfit.runtime.RuntimeTensor;

/**
 * SLICE as TFLite 2.6.2's slice.cc: {@code begin} and {@code size} (int32 or int64) select a box,
 * a size of -1 meaning "to the end". Constant begin/size size the output in prepare, computed ones
 * in eval (TFLite makes that output dynamic).
 */
public final class Slice implements Kernel {
    @Override
    public PreparedOp prepare(OpContext ctx) throws KernelException {
        RuntimeTensor in = ctx.requireInput(0);
        RuntimeTensor beginT = ctx.requireInput(1);
        RuntimeTensor sizeT = ctx.requireInput(2);
        RuntimeTensor out = ctx.output(0);
        ctx.expectType(in, ShapeSupport.MOVABLE);
        ShapeSupport.sameType("SLICE", in, out);
        if (beginT.flatSize() != in.rank() || sizeT.flatSize() != in.rank()) {
            throw new KernelException("SLICE: begin/size must have " + in.rank() + " elements");
        }
        if (beginT.isConstant() && sizeT.isConstant()) {
            StridedCopy copy = plan(in, out, ShapeSupport.readInts(beginT), ShapeSupport.readInts(sizeT));
            return () -> copy.run(in.data(), out.data());
        }
        return () -> plan(in, out, ShapeSupport.readInts(beginT), ShapeSupport.readInts(sizeT))
                .run(in.data(), out.data());
    }

    private static StridedCopy plan(RuntimeTensor in, RuntimeTensor out, int[] begin, int[] size)
            throws KernelException {
        int rank = in.rank();
        int[] is = StridedCopy.strides(in.shape());
        int[] shape = new int[rank];
        int offset = 0;
        for (int d = 0; d < rank; d++) {
            int len = size[d] == -1 ? in.dim(d) - begin[d] : size[d];
            if (begin[d] < 0 || len < 0 || begin[d] + len > in.dim(d)) {
                throw new KernelException("SLICE: begin " + ShapeSupport.shape(begin) + " size "
                        + ShapeSupport.shape(size) + " out of range for " + in);
            }
            shape[d] = len;
            offset += begin[d] * is[d];
        }
        out.resize(shape);
        return StridedCopy.toDense(shape, offset, is);
    }
}
