package dev.slimfit.runtime.kernels;

import dev.slimfit.runtime.KernelRegistry;

/** Registration of the sequence op family. */
public final class SequenceKernels {
    private SequenceKernels() {
    }

    /** Adds this family's kernels to {@code r}. */
    public static void register(KernelRegistry r) {
    }
}
