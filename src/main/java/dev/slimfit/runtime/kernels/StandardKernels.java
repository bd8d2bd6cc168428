package dev.slimfit.runtime.kernels;

import dev.slimfit.runtime.KernelRegistry;

/**
 * The one explicit list of Slimfit's kernels. Each op family registers its ops (with the highest
 * operator version it was checked against) in its own method, so families stay independent.
 */
public final class StandardKernels {
    private StandardKernels() {
    }

    /** A registry with every kernel. */
    public static KernelRegistry create() {
        KernelRegistry r = new KernelRegistry();
        ElementwiseKernels.register(r);
        ConvKernels.register(r);
        ShapeKernels.register(r);
        SequenceKernels.register(r);
        return r;
    }
}
