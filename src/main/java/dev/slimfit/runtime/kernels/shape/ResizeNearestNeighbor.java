package dev.slimfit.runtime.kernels.shape;

import dev.slimfit.model.TensorType;
import dev.slimfit.quant.Rounding;
import dev.slimfit.runtime.Kernel;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.PreparedOp;
import dev.slimfit.runtime.RuntimeTensor;

/**
 * RESIZE_NEAREST_NEIGHBOR as TFLite 2.6.2's {@code reference_ops::ResizeNearestNeighbor}: the
 * source row/column is {@code floor((i + offset)·scale)} ({@code round} with align_corners), capped
 * at the last index and, with half_pixel_centers, at 0; each output pixel copies one contiguous
 * depth run. Source indices are computed once per size, not per pixel.
 */
public final class ResizeNearestNeighbor implements Kernel {
    @Override
    public PreparedOp prepare(OpContext ctx) throws KernelException {
        RuntimeTensor in = ctx.requireInput(0);
        RuntimeTensor size = ctx.requireInput(1);
        RuntimeTensor out = ctx.output(0);
        ctx.expectType(in, TensorType.FLOAT32, TensorType.UINT8, TensorType.INT8, TensorType.INT16);
        ShapeSupport.sameType("RESIZE_NEAREST_NEIGHBOR", in, out);
        ctx.expectType(size, TensorType.INT32);
        if (in.rank() != 4 || size.flatSize() != 2) {
            throw new KernelException("RESIZE_NEAREST_NEIGHBOR: needs a 4-D input and a 2-element size");
        }
        boolean align = ctx.options() != null && ctx.options().getBool("alignCorners", false);
        boolean half = ctx.options() != null && ctx.options().getBool("halfPixelCenters", false);
        if (size.isConstant()) {
            int oh = size.ints()[0];
            int ow = size.ints()[1];
            out.resize(new int[] {in.dim(0), oh, ow, in.dim(3)});
            int[] ys = index(in.dim(1), oh, align, half);
            int[] xs = index(in.dim(2), ow, align, half);
            return () -> run(in, out, ys, xs);
        }
        return () -> {
            int oh = size.ints()[0];
            int ow = size.ints()[1];
            out.resize(new int[] {in.dim(0), oh, ow, in.dim(3)});
            run(in, out, index(in.dim(1), oh, align, half), index(in.dim(2), ow, align, half));
        };
    }

    private static int[] index(int inSize, int outSize, boolean align, boolean half) {
        float scale = align && outSize > 1 ? (inSize - 1) / (float) (outSize - 1) : inSize / (float) outSize;
        float offset = half ? 0.5f : 0f;
        int[] idx = new int[outSize];
        for (int i = 0; i < outSize; i++) {
            float v = (i + offset) * scale;
            int s = Math.min(align ? (int) Rounding.round(v) : (int) Math.floor(v), inSize - 1);
            idx[i] = half ? Math.max(0, s) : s;
        }
        return idx;
    }

    private static void run(RuntimeTensor in, RuntimeTensor out, int[] ys, int[] xs) {
        Object src = in.data();
        Object dst = out.data();
        int b = in.dim(0);
        int ih = in.dim(1);
        int iw = in.dim(2);
        int depth = in.dim(3);
        int o = 0;
        for (int n = 0; n < b; n++) {
            for (int y : ys) {
                int row = (n * ih + y) * iw;
                for (int x : xs) {
                    System.arraycopy(src, (row + x) * depth, dst, o, depth);
                    o += depth;
                }
            }
        }
    }
}
