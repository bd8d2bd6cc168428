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
        if (!pads.isConstant() || pads.flatSize() != 2 * in.rank()) {
            throw new KernelException("MIRROR_PAD: paddings must be a constant [" + in.rank() + ", 2] tensor");
        }
        if (in.rank() == 0) {
            throw new KernelException("MIRROR_PAD: scalar input");
        }
        int offset = ctx.options() != null && ctx.options().getInt("mode", 0) == 1 ? 0 : 1;
        int[] p = ShapeSupport.readInts(pads);
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
        out.resize(shape);
        int last = rank - 1;
        int[] is = StridedCopy.strides(in.shape());
        int rows = ShapeSupport.product(shape, 0, last);
        int width = rank == 0 ? 1 : shape[last];
        int left = rank == 0 ? 0 : p[2 * last];
        int inWidth = rank == 0 ? 1 : in.dim(last);
        int[] c = new int[Math.max(last, 0)];
        return () -> {
            Object src = in.data();
            Object dst = out.data();
            java.util.Arrays.fill(c, 0);
            int dp = 0;
            for (int r = 0; r < rows; r++) {
                int base = 0;
                for (int d = 0; d < last; d++) {
                    base += maps[d][c[d]] * is[d];
                }
                int[] m = maps[last];
                for (int i = 0; i < left; i++) {
                    System.arraycopy(src, base + m[i], dst, dp + i, 1);
                }
                System.arraycopy(src, base, dst, dp + left, inWidth);
                for (int i = left + inWidth; i < width; i++) {
                    System.arraycopy(src, base + m[i], dst, dp + i, 1);
                }
                dp += width;
                for (int d = last - 1; d >= 0; d--) {
                    if (++c[d] < shape[d]) {
                        break;
                    }
                    c[d] = 0;
                }
            }
        };
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
