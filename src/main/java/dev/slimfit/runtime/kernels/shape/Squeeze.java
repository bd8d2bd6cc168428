package dev.slimfit.runtime.kernels.shape;

import dev.slimfit.runtime.Kernel;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.PreparedOp;
import dev.slimfit.runtime.RuntimeTensor;

/**
 * SQUEEZE as TFLite 2.6.2's squeeze.cc: drops the listed size-1 dimensions (negative indices
 * allowed), or every size-1 dimension when {@code squeezeDims} is empty; a plain byte copy.
 */
public final class Squeeze implements Kernel {
    @Override
    public PreparedOp prepare(OpContext ctx) throws KernelException {
        RuntimeTensor in = ctx.requireInput(0);
        RuntimeTensor out = ctx.output(0);
        ShapeSupport.sameType("SQUEEZE", in, out);
        ctx.expectType(in, ShapeSupport.MOVABLE);
        int[] dims = ctx.options() == null ? new int[0] : ctx.options().getInts("squeezeDims");
        int rank = in.rank();
        boolean[] drop = new boolean[rank];
        if (dims.length == 0) {
            for (int i = 0; i < rank; i++) {
                drop[i] = in.dim(i) == 1;
            }
        } else {
            for (int d : dims) {
                int a = ShapeSupport.axis(d, rank, "SQUEEZE");
                if (in.dim(a) != 1) {
                    throw new KernelException("SQUEEZE: dimension " + d + " of " + in + " is not 1");
                }
                drop[a] = true;
            }
        }
        int[] shape = new int[rank];
        int k = 0;
        for (int i = 0; i < rank; i++) {
            if (!drop[i]) {
                shape[k++] = in.dim(i);
            }
        }
        out.resize(java.util.Arrays.copyOf(shape, k));
        return () -> Reshape.copy(in, out);
    }
}
