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
 * axis. The sparse spec is first made dense as {@code BuildStridedSliceParams} does: new_axis_mask
 * inserts size-1 dimensions, ellipsis_mask (or begin/end shorter than the rank) expands to full
 * ranges, and a new axis at the ellipsis position is ignored. The copy is one strided view copy
 * (negative strides walk backwards). Constant begin/end/strides size the output in prepare,
 * computed ones in eval.
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
        int specLength = beginT.flatSize();
        for (RuntimeTensor t : new RuntimeTensor[] {beginT, endT, stridesT}) {
            if (t.type() != TensorType.INT32 || t.rank() != 1 || t.flatSize() != specLength) {
                throw new KernelException("STRIDED_SLICE: begin/end/strides must be 1-D int32 of equal length");
            }
        }
        if (in.rank() > 5) {
            throw new KernelException("STRIDED_SLICE: rank " + in.rank() + " > 5 (TFLite 2.6.2 supports 1-5)");
        }
        OpOptions o = ctx.options();
        Masks m = new Masks(o == null ? 0 : o.getInt("beginMask", 0), o == null ? 0 : o.getInt("endMask", 0),
                o == null ? 0 : o.getInt("ellipsisMask", 0), o == null ? 0 : o.getInt("newAxisMask", 0),
                o == null ? 0 : o.getInt("shrinkAxisMask", 0));
        if (beginT.isConstant() && endT.isConstant() && stridesT.isConstant()) {
            StridedCopy copy = plan(in, out, beginT.ints(), endT.ints(), stridesT.ints(), specLength, m);
            return () -> copy.run(in.data(), out.data());
        }
        return () -> plan(in, out, beginT.ints(), endT.ints(), stridesT.ints(), specLength, m)
                .run(in.data(), out.data());
    }

    /** The options' five bit masks over the sparse spec. */
    private record Masks(int begin, int end, int ellipsis, int newAxis, int shrink) {
    }

    private static StridedCopy plan(RuntimeTensor in, RuntimeTensor out, int[] beginV, int[] endV, int[] stridesV,
                                    int specLength, Masks m) throws KernelException {
        int rank = in.rank();
        // Sparse → dense spec, as BuildStridedSliceParams.
        int addAxis = 0;
        for (int i = 0; i < specLength; i++) {
            if ((m.ellipsis() & (1 << i)) == 0 && (m.newAxis() & (1 << i)) != 0) {
                addAxis++;
            }
        }
        int dims = rank + addAxis;
        int ellipsisMask = 0;
        int newAxisMask = 0;
        int ellipsisStart = dims;
        int expanded = 0;
        for (int i = 0; i < dims;) {
            if ((m.ellipsis() & (1 << i)) != 0) {
                ellipsisStart = i;
                int endIdx = Math.max(i + 1, Math.min(i + 1 + addAxis + rank - specLength, dims));
                expanded = endIdx - ellipsisStart - 1;
                for (; i < endIdx; i++) {
                    ellipsisMask |= 1 << i;
                }
                continue;
            }
            if ((m.newAxis() & (1 << (i - expanded))) != 0) {
                newAxisMask |= 1 << i;
            }
            i++;
        }
        int[] is = StridedCopy.strides(in.shape());
        int[] effDim = new int[dims];
        int[] effStride = new int[dims];
        int[] begin = new int[dims];
        int[] end = new int[dims];
        int[] strides = new int[dims];
        int beginMask = 0;
        int endMask = 0;
        int shrinkMask = 0;
        int addedEllipsis = 0;
        int addedAxes = 0;
        for (int i = 0; i < dims; i++) {
            strides[i] = 1;
            if ((ellipsisMask & (1 << i)) != 0) {
                addedEllipsis = Math.max(0, i - ellipsisStart);
                beginMask |= 1 << i;
                endMask |= 1 << i;
            } else if ((newAxisMask & (1 << i)) != 0) {
                end[i] = 1;
                effDim[i] = 1;
                addedAxes++;
                continue;
            } else if (i >= specLength + expanded) {
                beginMask |= 1 << i;
                endMask |= 1 << i;
            } else {
                int k = i - addedEllipsis;
                begin[i] = beginV[k];
                end[i] = endV[k];
                strides[i] = stridesV[k];
                beginMask |= (m.begin() >> k & 1) << i;
                endMask |= (m.end() >> k & 1) << i;
                shrinkMask |= (m.shrink() >> k & 1) << i;
            }
            effDim[i] = in.dim(i - addedAxes);
            effStride[i] = is[i - addedAxes];
        }
        int[] counts = new int[dims];
        int[] src = new int[dims];
        int[] outShape = new int[dims];
        int k = 0;
        int offset = 0;
        for (int d = 0; d < dims; d++) {
            int stride = strides[d];
            if (stride == 0) {
                throw new KernelException("STRIDED_SLICE: stride value has to be non-zero");
            }
            int dim = effDim[d];
            int start = start(begin[d], dim, stride, (beginMask & (1 << d)) != 0);
            boolean shrink = (shrinkMask & (1 << d)) != 0;
            int stop = shrink ? start + 1 : stop(end[d], dim, stride, (endMask & (1 << d)) != 0);
            int n = Math.max((int) Math.ceil((stop - start) / (float) stride), 0);
            if (dim == 0) {
                n = 0;
            }
            counts[d] = n;
            src[d] = stride * effStride[d];
            if (n > 0) {
                offset += start * effStride[d];
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
