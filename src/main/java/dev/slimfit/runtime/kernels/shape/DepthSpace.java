package dev.slimfit.runtime.kernels.shape;

import dev.slimfit.model.TensorType;
import dev.slimfit.runtime.Kernel;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.PreparedOp;
import dev.slimfit.runtime.RuntimeTensor;

/**
 * DEPTH_TO_SPACE and SPACE_TO_DEPTH as TFLite 2.6.2's depth_to_space.cc / space_to_depth.cc
 * (NHWC, DCR order): both are 6-D transposes, {@code [b, h, w, i, j, d] ↔ [b, h, i, w, j, d]} with
 * {@code i, j < block_size}, so they run as one strided copy whose inner runs are the {@code d}
 * channels.
 */
public final class DepthSpace implements Kernel {
    private final boolean toSpace;

    /** {@code toSpace} selects DEPTH_TO_SPACE, otherwise SPACE_TO_DEPTH. */
    public DepthSpace(boolean toSpace) {
        this.toSpace = toSpace;
    }

    @Override
    public PreparedOp prepare(OpContext ctx) throws KernelException {
        String op = toSpace ? "DEPTH_TO_SPACE" : "SPACE_TO_DEPTH";
        RuntimeTensor in = ctx.requireInput(0);
        RuntimeTensor out = ctx.output(0);
        ctx.expectType(in, TensorType.FLOAT32, TensorType.INT8, TensorType.UINT8, TensorType.INT32, TensorType.INT64);
        ShapeSupport.sameType(op, in, out);
        int bs = ctx.options() == null ? 0 : ctx.options().getInt("blockSize", 0);
        if (in.rank() != 4 || bs < 1) {
            throw new KernelException(op + ": needs a 4-D input and block_size >= 1");
        }
        int b = in.dim(0);
        int h = in.dim(1);
        int w = in.dim(2);
        int c = in.dim(3);
        StridedCopy copy;
        if (toSpace) {
            if (c % (bs * bs) != 0) {
                throw new KernelException(op + ": depth " + c + " not divisible by block_size^2");
            }
            int d = c / (bs * bs);
            out.resize(new int[] {b, h * bs, w * bs, d});
            // Output walked as [b, h, i, w, j, d]; input element (b, h, w, (i·bs + j)·d + k).
            copy = StridedCopy.toDense(new int[] {b, h, bs, w, bs, d}, 0,
                    new int[] {h * w * c, w * c, bs * d, c, d, 1});
        } else {
            if (h % bs != 0 || w % bs != 0) {
                throw new KernelException(op + ": height/width not divisible by block_size");
            }
            out.resize(new int[] {b, h / bs, w / bs, c * bs * bs});
            // Output walked as [b, oh, ow, i, j, d]; input element (b, oh·bs + i, ow·bs + j, d).
            copy = StridedCopy.toDense(new int[] {b, h / bs, w / bs, bs, bs, c}, 0,
                    new int[] {h * w * c, bs * w * c, bs * c, w * c, c, 1});
        }
        return () -> copy.run(in.data(), out.data());
    }
}
