package dev.slimfit.runtime.kernels;

import dev.slimfit.model.BuiltinOp;
import dev.slimfit.runtime.KernelRegistry;
import dev.slimfit.runtime.kernels.shape.ExpandDims;
import dev.slimfit.runtime.kernels.shape.Reshape;
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
    }
}
