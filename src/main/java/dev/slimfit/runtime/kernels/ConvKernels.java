package dev.slimfit.runtime.kernels;

import dev.slimfit.runtime.KernelRegistry;

/** Registration of the conv op family. */
public final class ConvKernels {
    private ConvKernels() {
    }

    /** Adds this family's kernels to {@code r}. */
    public static void register(KernelRegistry r) {
    }
}
