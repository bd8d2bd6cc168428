package dev.slimfit.runtime.kernels.shape;

import dev.slimfit.model.TensorType;
import dev.slimfit.runtime.Kernel;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.PreparedOp;
import dev.slimfit.runtime.RuntimeTensor;

/**
 * GATHER_ND as TFLite 2.6.2's gather_nd.cc: the last index dimension addresses the leading
 * {@code k} dimensions of params; each index row copies one contiguous slice of
 * {@code prod(params[k:])} elements. Out-of-range indices are an error (2.6.2 bounds-checks).
 */
public final class GatherNd implements Kernel {
    @Override
    public PreparedOp prepare(OpContext ctx) throws KernelException {
        RuntimeTensor params = ctx.requireInput(0);
        RuntimeTensor idx = ctx.requireInput(1);
        RuntimeTensor out = ctx.output(0);
        ctx.expectType(params, TensorType.FLOAT32, TensorType.INT8, TensorType.UINT8, TensorType.INT16,
                TensorType.INT32, TensorType.INT64);
        ctx.expectType(idx, TensorType.INT32, TensorType.INT64);
        ShapeSupport.sameType("GATHER_ND", params, out);
        int ir = idx.rank();
        int k = ir == 0 ? 0 : idx.dim(ir - 1);
        if (ir == 0 || k > params.rank()) {
            throw new KernelException("GATHER_ND: index depth " + k + " exceeds params rank " + params.rank());
        }
        int[] shape = new int[ir - 1 + params.rank() - k];
        int s = 0;
        for (int i = 0; i < ir - 1; i++) {
            shape[s++] = idx.dim(i);
        }
        for (int i = k; i < params.rank(); i++) {
            shape[s++] = params.dim(i);
        }
        out.resize(shape);
        int slice = ShapeSupport.product(params.shape(), k, params.rank());
        int[] ps = StridedCopy.strides(params.shape());
        int rows = ShapeSupport.product(idx.shape(), 0, ir - 1);
        int[] dims = params.shape();
        long[] wide = new long[idx.flatSize()];
        return () -> {
            ShapeSupport.widen(idx, wide, wide.length);
            Object src = params.data();
            Object dst = out.data();
            for (int r = 0; r < rows; r++) {
                int from = 0;
                for (int j = 0; j < k; j++) {
                    long v = wide[r * k + j];
                    if (v < 0 || v >= dims[j]) {
                        throw new KernelException("GATHER_ND: index " + v + " out of range for dimension " + dims[j]);
                    }
                    from += (int) v * ps[j];
                }
                System.arraycopy(src, from, dst, r * slice, slice);
            }
        };
    }
}
