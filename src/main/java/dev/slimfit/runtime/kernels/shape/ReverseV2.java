package dev.slimfit.runtime.kernels.shape;

import dev.slimfit.runtime.Kernel;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.PreparedOp;
import dev.slimfit.runtime.RuntimeTensor;

/**
 * REVERSE_V2 as TFLite 2.6.2's reverse.cc: reverses the listed axes (2.6.2 accepts exactly one;
 * negative counts from the end). A strided copy with a negative stride on each reversed axis, so
 * reversing an outer axis still copies whole inner runs.
 */
public final class ReverseV2 implements Kernel {
    @Override
    public PreparedOp prepare(OpContext ctx) throws KernelException {
        RuntimeTensor in = ctx.requireInput(0);
        RuntimeTensor axisT = ctx.requireInput(1);
        RuntimeTensor out = ctx.output(0);
        ctx.expectType(in, ShapeSupport.MOVABLE);
        ShapeSupport.sameType("REVERSE_V2", in, out);
        if (!axisT.isConstant() || axisT.flatSize() != 1) {
            throw new KernelException("REVERSE_V2: axis must be one constant value (TFLite 2.6.2 supports one axis)");
        }
        int rank = in.rank();
        int axis = ShapeSupport.axis(ShapeSupport.readInts(axisT)[0], rank, "REVERSE_V2");
        int[] shape = in.shape();
        out.resize(shape);
        int[] s = StridedCopy.strides(shape);
        int offset = (shape[axis] - 1) * s[axis];
        s[axis] = -s[axis];
        StridedCopy copy = StridedCopy.toDense(shape, Math.max(offset, 0), s);
        return () -> copy.run(in.data(), out.data());
    }
}
