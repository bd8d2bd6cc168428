package dev.slimfit.runtime.kernels.shape;

import dev.slimfit.model.OpOptions;
import dev.slimfit.model.TensorType;
import dev.slimfit.runtime.Kernel;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.PreparedOp;
import dev.slimfit.runtime.RuntimeTensor;
import java.util.Arrays;

/**
 * STRIDED_SLICE as TFLite 2.6.2's strided_slice.cc and strided_slice_logic.h: per axis, begin/end
 * are masked (begin_mask/end_mask pick the full range in the stride's direction), negative
 * indices count from the end and are clamped to {@code [0, dim]} (positive stride) or
 * {@code [-1, dim-1]} (negative stride); shrink_axis_mask takes one element at begin and drops the
 * axis. 2.6.2 has no ellipsis/new-axis support ("not implemented yet"), so neither do we. The copy
 * is one strided view copy (negative strides walk backwards). Constant begin/end/strides size the
 * output in prepare, computed ones in eval.
 */
public final class StridedSlice implements Kernel {
    @Override
    public PreparedOp prepare(OpContext ctx) throws KernelException {
        RuntimeTensor in = ctx.requireInput(0);
        RuntimeTensor beginT = ctx.requireInput(1);
        RuntimeTensor endT = ctx.requireInput(2);
        RuntimeTensor stridesT = ctx.requireInput(3);
        RuntimeTensor out = ctx.output(0);
        ctx.expectType(in, ShapeSupport.MOVABLE);
        ShapeSupport.sameType("STRIDED_SLICE", in, out);
        for (RuntimeTensor t : new RuntimeTensor[] {beginT, endT, stridesT}) {
            if (t.type() != TensorType.INT32 || t.flatSize() != in.rank()) {
                throw new KernelException("STRIDED_SLICE: " + t + " must be int32 with " + in.rank() + " elements");
            }
        }
        if (in.rank() > 5) {
            throw new KernelException("STRIDED_SLICE: rank " + in.rank() + " > 5 (TFLite 2.6.2 supports 1-5)");
        }
        OpOptions o = ctx.options();
        int beginMask = o == null ? 0 : o.getInt("beginMask", 0);
        int endMask = o == null ? 0 : o.getInt("endMask", 0);
        int shrinkMask = o == null ? 0 : o.getInt("shrinkAxisMask", 0);
        if (o != null && (o.getInt("ellipsisMask", 0) != 0 || o.getInt("newAxisMask", 0) != 0)) {
            throw new KernelException("STRIDED_SLICE: ellipsis_mask/new_axis_mask are not supported "
                    + "(TFLite 2.6.2: not implemented yet)");
        }
        if (beginT.isConstant() && endT.isConstant() && stridesT.isConstant()) {
            StridedCopy copy = plan(in, out, beginT.ints(), endT.ints(), stridesT.ints(), beginMask, endMask,
                    shrinkMask);
            return () -> copy.run(in.data(), out.data());
        }
        return () -> plan(in, out, beginT.ints(), endT.ints(), stridesT.ints(), beginMask, endMask, shrinkMask)
                .run(in.data(), out.data());
    }

    private static StridedCopy plan(RuntimeTensor in, RuntimeTensor out, int[] begin, int[] end, int[] strides,
                                    int beginMask, int endMask, int shrinkMask) throws KernelException {
        int rank = in.rank();
        int[] is = StridedCopy.strides(in.shape());
        int[] counts = new int[rank];
        int[] src = new int[rank];
        int[] outShape = new int[rank];
        int k = 0;
        int offset = 0;
        for (int d = 0; d < rank; d++) {
            int stride = strides[d];
            if (stride == 0) {
                throw new KernelException("STRIDED_SLICE: stride value has to be non-zero");
            }
            int dim = in.dim(d);
            int start = start(begin[d], dim, stride, (beginMask & (1 << d)) != 0);
            boolean shrink = (shrinkMask & (1 << d)) != 0;
            int stop = shrink ? start + 1 : stop(end[d], dim, stride, (endMask & (1 << d)) != 0);
            int n = (int) Math.ceil((stop - start) / (float) stride);
            n = Math.max(n, 0);
            if (dim == 0) {
                n = 0;
            }
            counts[d] = n;
            src[d] = stride * is[d];
            if (n > 0) {
                offset += start * is[d];
            }
            if (!shrink) {
                outShape[k++] = n;
            }
        }
        out.resize(Arrays.copyOf(outShape, k));
        return StridedCopy.toDense(counts, offset, src);
    }

    private static int start(int begin, int dim, int stride, boolean masked) {
        if (dim == 0) {
            return 0;
        }
        int s = masked ? (stride > 0 ? Integer.MIN_VALUE : Integer.MAX_VALUE) : begin;
        if (s < 0) {
            s += dim;
        }
        return stride > 0 ? clamp(s, 0, dim) : clamp(s, -1, dim - 1);
    }

    private static int stop(int end, int dim, int stride, boolean masked) {
        int s = masked ? (stride > 0 ? Integer.MAX_VALUE : Integer.MIN_VALUE) : end;
        if (s < 0) {
            s += dim;
        }
        return stride > 0 ? clamp(s, 0, dim) : clamp(s, -1, dim - 1);
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
