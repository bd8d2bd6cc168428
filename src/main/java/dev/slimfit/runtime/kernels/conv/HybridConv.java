package dev.slimfit.runtime.kernels.conv;

import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.PreparedOp;
import dev.slimfit.runtime.RuntimeTensor;

/** Hybrid (dynamic-range) CONV_2D: float input, int8 filter. Not supported yet. */
final class HybridConv {
    private HybridConv() {
    }

    static PreparedOp prepare(OpContext ctx, RuntimeTensor in, RuntimeTensor filter, RuntimeTensor bias,
                              RuntimeTensor out, Window w, int act) throws KernelException {
        throw new KernelException("CONV_2D: hybrid float32 input with int8 filter is not supported yet");
    }
}
