package dev.slimfit.runtime.kernels.shape;

import dev.slimfit.runtime.Kernel;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.PreparedOp;
import dev.slimfit.runtime.RuntimeTensor;

/**
 * MIRROR_PAD as TFLite 2.6.2's mirror_pad.cc: each output coordinate maps back into the input by
 * reflection, excluding the edge (REFLECT, mode 0) or including it (SYMMETRIC, mode 1). The
 * per-dimension maps are precomputed; the innermost dimension copies its interior as one run and
 * only the mirrored edges element by element.
 */
public final class MirrorPad implements Kernel {
    @Override
    public PreparedOp prepare(OpContext ctx) throws KernelException {
        RuntimeTensor in = ctx.requireInput(0);
        RuntimeTensor pads = ctx.requireInput(1);
        RuntimeTensor out = ctx.output(0);
        ctx.expectType(in, ShapeSupport.NUMERIC);
        ShapeSupport.sameType("MIRROR_PAD", in, out);
        int offset = ctx.options() != null && ctx.options().getInt("mode", 0) == 1 ? 0 : 1;
        if (pads.isConstant() && in.rank() > 0) {
            check(in, pads);
            Layout l = layout(in, ShapeSupport.readInts(pads), offset);
            out.resize(l.shape);
            int[] c = new int[in.rank() - 1];
            return () -> copy(l, in.data(), out.data(), c);
        }
        // Paddings computed by earlier ops (e.g. from SHAPE in style-transfer models): the output
        // is dynamic, as in TFLite; the layout is rebuilt when the paddings change.
        // The input's shape may itself be known only when it runs, so checks happen then too.
        Layout[] current = new Layout[1];
        int[][] last = new int[1][];
        return () -> {
            check(in, pads);
            int[] c = new int[in.rank() - 1];
            int[] p = ShapeSupport.readInts(pads);
            if (current[0] == null || !java.util.Arrays.equals(p, last[0])) {
                current[0] = layout(in, p, offset);
                last[0] = p;
            }
            out.resize(current[0].shape);
            copy(current[0], in.data(), out.data(), c);
        };
    }

    private static void check(RuntimeTensor in, RuntimeTensor pads) throws KernelException {
        if (in.rank() == 0) {
            throw new KernelException("MIRROR_PAD: scalar input");
        }
        if (pads.flatSize() != 2 * in.rank()) {
            throw new KernelException("MIRROR_PAD: paddings must be a [" + in.rank() + ", 2] tensor");
        }
    }

    /** Output shape and, per dimension, the input index each output index reads. */
    private record Layout(int[] shape, int[][] maps, int[] inStrides, int rows, int width, int left, int inWidth) {
    }

    private static Layout layout(RuntimeTensor in, int[] p, int offset) throws KernelException {
        int rank = in.rank();
        int[] shape = new int[rank];
        int[][] maps = new int[rank][];
        for (int d = 0; d < rank; d++) {
            int size = in.dim(d);
            int left = p[2 * d];
            int right = p[2 * d + 1];
            if (left < 0 || right < 0 || left > size - offset || right > size - offset) {
                throw new KernelException("MIRROR_PAD: paddings " + left + "," + right + " too large for size " + size);
            }
            shape[d] = size + left + right;
            maps[d] = new int[shape[d]];
            for (int i = 0; i < shape[d]; i++) {
                maps[d][i] = source(i, left, size, offset);
            }
        }
        int last = rank - 1;
        return new Layout(shape, maps, StridedCopy.strides(in.shape()), ShapeSupport.product(shape, 0, last),
                shape[last], p[2 * last], in.dim(last));
    }

    private static void copy(Layout l, Object src, Object dst, int[] c) {
        int last = l.shape.length - 1;
        java.util.Arrays.fill(c, 0);
        int dp = 0;
        int[] m = l.maps[last];
        for (int r = 0; r < l.rows; r++) {
            int base = 0;
            for (int d = 0; d < last; d++) {
                base += l.maps[d][c[d]] * l.inStrides[d];
            }
            for (int i = 0; i < l.left; i++) {
                System.arraycopy(src, base + m[i], dst, dp + i, 1);
            }
            System.arraycopy(src, base, dst, dp + l.left, l.inWidth);
            for (int i = l.left + l.inWidth; i < l.width; i++) {
                System.arraycopy(src, base + m[i], dst, dp + i, 1);
            }
            dp += l.width;
            for (int d = last - 1; d >= 0; d--) {
                if (++c[d] < l.shape[d]) {
                    break;
                }
                c[d] = 0;
            }
        }
    }

    /** The input index that output index {@code i} mirrors (TFLite's GetInputDimension). */
    private static int source(int i, int left, int size, int offset) {
        if (i < left) {
            int original = left + offset - 1;
            return original - Math.min(i, original - offset);
        }
        i -= left;
        if (i >= size) {
            i -= size;
            int original = size - (1 + offset);
            return original - Math.min(i, original);
        }
        return i;
    }
}
