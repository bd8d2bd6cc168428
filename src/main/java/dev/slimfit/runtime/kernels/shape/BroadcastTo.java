package dev.slimfit.runtime.kernels.shape;

import dev.slimfit.runtime.Kernel;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.PreparedOp;
import dev.slimfit.runtime.RuntimeTensor;

/**
 * BROADCAST_TO as TFLite 2.6.2's broadcast_to.cc: the input is right-aligned against the target
 * shape and every size-1 (or missing) dimension is repeated — a strided copy with source stride 0.
 * A constant shape sizes the output in prepare, a computed one in eval.
 */
public final class BroadcastTo implements Kernel {
    @Override
    public PreparedOp prepare(OpContext ctx) throws KernelException {
        RuntimeTensor in = ctx.requireInput(0);
        RuntimeTensor shapeT = ctx.requireInput(1);
        RuntimeTensor out = ctx.output(0);
        ctx.expectType(in, ShapeSupport.MOVABLE);
        ShapeSupport.sameType("BROADCAST_TO", in, out);
        if (shapeT.isConstant()) {
            StridedCopy copy = plan(in, out, ShapeSupport.readInts(shapeT));
            return () -> copy.run(in.data(), out.data());
        }
        return () -> plan(in, out, ShapeSupport.readInts(shapeT)).run(in.data(), out.data());
    }

    private static StridedCopy plan(RuntimeTensor in, RuntimeTensor out, int[] shape) throws KernelException {
        int rank = shape.length;
        if (in.rank() > rank || rank > 8) {
            throw new KernelException("BROADCAST_TO: cannot broadcast " + in + " to " + ShapeSupport.shape(shape));
        }
        int[] is = StridedCopy.strides(in.shape());
        int[] src = new int[rank];
        int lead = rank - in.rank();
        for (int d = 0; d < rank; d++) {
            if (d < lead) {
                continue;
            }
            int id = in.dim(d - lead);
            if (id == shape[d]) {
                src[d] = is[d - lead];
            } else if (id != 1) {
                throw new KernelException("BROADCAST_TO: cannot broadcast " + in + " to " + ShapeSupport.shape(shape));
            }
        }
        out.resize(shape);
        return StridedCopy.toDense(shape, 0, src);
    }
}
