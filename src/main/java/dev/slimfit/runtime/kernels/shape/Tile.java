package dev.slimfit.runtime.kernels.shape;

import dev.slimfit.model.TensorType;
import dev.slimfit.runtime.Kernel;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.PreparedOp;
import dev.slimfit.runtime.RuntimeTensor;

/**
 * TILE as TFLite 2.6.2's tile.cc: output dimension {@code d} is {@code in[d]·multiples[d]}. The
 * output is viewed as {@code [m0, d0, m1, d1, …]} reading the input with stride 0 along each
 * multiple, so runs of the innermost dimension copy with {@link System#arraycopy}. Constant
 * multiples size the output in prepare, computed ones in eval.
 */
public final class Tile implements Kernel {
    @Override
    public PreparedOp prepare(OpContext ctx) throws KernelException {
        RuntimeTensor in = ctx.requireInput(0);
        RuntimeTensor mulT = ctx.requireInput(1);
        RuntimeTensor out = ctx.output(0);
        // TFLite 2.6.2's tile.cc has no int8/int16 case.
        ctx.expectType(in, TensorType.FLOAT32, TensorType.UINT8, TensorType.INT32, TensorType.INT64, TensorType.BOOL);
        ShapeSupport.sameType("TILE", in, out);
        if (mulT.flatSize() != in.rank()) {
            throw new KernelException("TILE: multiples must have " + in.rank() + " elements");
        }
        if (mulT.isConstant()) {
            StridedCopy copy = plan(in, out, ShapeSupport.readInts(mulT));
            return () -> copy.run(in.data(), out.data());
        }
        return () -> plan(in, out, ShapeSupport.readInts(mulT)).run(in.data(), out.data());
    }

    private static StridedCopy plan(RuntimeTensor in, RuntimeTensor out, int[] m) throws KernelException {
        int rank = in.rank();
        int[] is = StridedCopy.strides(in.shape());
        int[] shape = new int[rank];
        int[] view = new int[2 * rank];
        int[] src = new int[2 * rank];
        for (int d = 0; d < rank; d++) {
            if (m[d] < 0) {
                throw new KernelException("TILE: negative multiple " + m[d]);
            }
            shape[d] = in.dim(d) * m[d];
            view[2 * d] = m[d];
            view[2 * d + 1] = in.dim(d);
            src[2 * d + 1] = is[d];
        }
        out.resize(shape);
        return StridedCopy.toDense(view, 0, src);
    }
}
