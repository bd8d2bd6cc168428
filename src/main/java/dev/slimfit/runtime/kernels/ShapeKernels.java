package dev.slimfit.runtime.kernels;

import dev.slimfit.runtime.KernelRegistry;

/** Registration of the shape op family. */
public final class ShapeKernels {
    private ShapeKernels() {
    }

    /** Adds this family's kernels to {@code r}. */
    public static void register(KernelRegistry r) {
    }
}
