package dev.slimfit.runtime.kernels.shape;

import dev.slimfit.model.TensorType;
import dev.slimfit.runtime.Kernel;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.PreparedOp;
import dev.slimfit.runtime.RuntimeTensor;

/**
 * GATHER as TFLite 2.6.2's gather.cc: output shape is
 * {@code params[:axis] + indices[batch_dims:] + params[axis+1:]}; each index copies one
 * contiguous run of {@code params[axis+1:]} elements. Negative or out-of-range indices are an error
 * (2.6.2 rejects negative ones and bounds-checks the rest).
 */
public final class Gather implements Kernel {
    @Override
    public PreparedOp prepare(OpContext ctx) throws KernelException {
        RuntimeTensor params = ctx.requireInput(0);
        RuntimeTensor idx = ctx.requireInput(1);
        RuntimeTensor out = ctx.output(0);
        ctx.expectType(params, ShapeSupport.MOVABLE);
        ctx.expectType(idx, TensorType.INT32, TensorType.INT64);
        ShapeSupport.sameType("GATHER", params, out);
        int rank = params.rank();
        int axis = ctx.options() == null ? 0 : ctx.options().getInt("axis", 0);
        int batchDims = ctx.options() == null ? 0 : ctx.options().getInt("batchDims", 0);
        axis = ShapeSupport.axis(axis, rank, "GATHER");
        if (batchDims < 0) {
            batchDims += idx.rank();
        }
        if (batchDims < 0 || batchDims > axis || batchDims > idx.rank()) {
            throw new KernelException("GATHER: batch_dims " + batchDims + " invalid for axis " + axis);
        }
        int[] ps = params.shape();
        int[] is = idx.shape();
        for (int i = 0; i < batchDims; i++) {
            if (ps[i] != is[i]) {
                throw new KernelException("GATHER: batch dimensions of " + params + " and " + idx + " differ");
            }
        }
        int[] shape = new int[axis + (idx.rank() - batchDims) + (rank - axis - 1)];
        int k = 0;
        for (int i = 0; i < axis; i++) {
            shape[k++] = ps[i];
        }
        for (int i = batchDims; i < idx.rank(); i++) {
            shape[k++] = is[i];
        }
        for (int i = axis + 1; i < rank; i++) {
            shape[k++] = ps[i];
        }
        out.resize(shape);
        int batches = ShapeSupport.product(ps, 0, batchDims);
        int outer = ShapeSupport.product(ps, batchDims, axis);
        int axisSize = ps[axis];
        int inner = ShapeSupport.product(ps, axis + 1, rank);
        int coords = ShapeSupport.product(is, batchDims, is.length);
        boolean wide = idx.type() == TensorType.INT64;
        return () -> {
            Object src = params.data();
            Object dst = out.data();
            int[] i32 = wide ? null : idx.ints();
            long[] i64 = wide ? idx.longs() : null;
            for (int b = 0; b < batches; b++) {
                for (int o = 0; o < outer; o++) {
                    int srcBase = (b * outer + o) * axisSize;
                    int dstBase = (b * outer + o) * coords;
                    for (int c = 0; c < coords; c++) {
                        long p = wide ? i64[b * coords + c] : i32[b * coords + c];
                        if (p < 0 || p >= axisSize) {
                            throw new KernelException("GATHER: index " + p + " out of range [0, " + axisSize + ")");
                        }
                        System.arraycopy(src, (srcBase + (int) p) * inner, dst, (dstBase + c) * inner, inner);
                    }
                }
            }
        };
    }
}
