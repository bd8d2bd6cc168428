package dev.slimfit.runtime.kernels;

import dev.slimfit.runtime.KernelRegistry;

/** Registration of the elementwise op family. */
public final class ElementwiseKernels {
    private ElementwiseKernels() {
    }

    /** Adds this family's kernels to {@code r}. */
    public static void register(KernelRegistry r) {
    }
}
