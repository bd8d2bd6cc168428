package dev.slimfit.runtime.kernels;

import dev.slimfit.model.BuiltinOp;
import dev.slimfit.runtime.KernelRegistry;
import dev.slimfit.runtime.kernels.shape.ArgMinMax;
import dev.slimfit.runtime.kernels.shape.Concatenation;
import dev.slimfit.runtime.kernels.shape.ExpandDims;
import dev.slimfit.runtime.kernels.shape.Gather;
import dev.slimfit.runtime.kernels.shape.Mean;
import dev.slimfit.runtime.kernels.shape.Pad;
import dev.slimfit.runtime.kernels.shape.Reduce;
import dev.slimfit.runtime.kernels.shape.Slice;
import dev.slimfit.runtime.kernels.shape.StridedSlice;
import dev.slimfit.runtime.kernels.shape.Transpose;
import dev.slimfit.runtime.kernels.shape.Reshape;
import dev.slimfit.runtime.kernels.shape.ResizeBilinear;
import dev.slimfit.runtime.kernels.shape.ResizeNearestNeighbor;
import dev.slimfit.runtime.kernels.shape.Squeeze;

/** Registration of the shape op family. */
public final class ShapeKernels {
    private ShapeKernels() {
    }

    /** Adds this family's kernels to {@code r}. */
    public static void register(KernelRegistry r) {
        r.register(BuiltinOp.RESHAPE, 1, new Reshape());
        r.register(BuiltinOp.SQUEEZE, 1, new Squeeze());
        r.register(BuiltinOp.EXPAND_DIMS, 1, new ExpandDims());
        r.register(BuiltinOp.CONCATENATION, 3, new Concatenation());
        r.register(BuiltinOp.PAD, 4, new Pad(false));
        r.register(BuiltinOp.PADV2, 4, new Pad(true));
        r.register(BuiltinOp.TRANSPOSE, 5, new Transpose());
        r.register(BuiltinOp.SLICE, 5, new Slice());
        r.register(BuiltinOp.STRIDED_SLICE, 6, new StridedSlice());
        r.register(BuiltinOp.GATHER, 5, new Gather());
        r.register(BuiltinOp.MEAN, 3, new Mean());
        r.register(BuiltinOp.SUM, 2, new Reduce(Reduce.Kind.SUM));
        r.register(BuiltinOp.REDUCE_PROD, 1, new Reduce(Reduce.Kind.PROD));
        r.register(BuiltinOp.REDUCE_MAX, 3, new Reduce(Reduce.Kind.MAX));
        r.register(BuiltinOp.REDUCE_MIN, 3, new Reduce(Reduce.Kind.MIN));
        r.register(BuiltinOp.ARG_MAX, 3, new ArgMinMax(true));
        r.register(BuiltinOp.ARG_MIN, 3, new ArgMinMax(false));
        r.register(BuiltinOp.RESIZE_BILINEAR, 4, new ResizeBilinear());
        r.register(BuiltinOp.RESIZE_NEAREST_NEIGHBOR, 4, new ResizeNearestNeighbor());
    }
}
