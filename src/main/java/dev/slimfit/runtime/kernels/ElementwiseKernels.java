package dev.slimfit.runtime.kernels;

import dev.slimfit.model.BuiltinOp;
import dev.slimfit.runtime.KernelRegistry;
import dev.slimfit.runtime.kernels.elementwise.BinaryArithmetic;

/** Registration of the elementwise op family. */
public final class ElementwiseKernels {
    private ElementwiseKernels() {
    }

    /** Adds this family's kernels to {@code r}. */
    public static void register(KernelRegistry r) {
        r.register(BuiltinOp.ADD, 4, new BinaryArithmetic(BinaryArithmetic.Op.ADD));
        r.register(BuiltinOp.SUB, 5, new BinaryArithmetic(BinaryArithmetic.Op.SUB));
        r.register(BuiltinOp.MUL, 5, new BinaryArithmetic(BinaryArithmetic.Op.MUL));
        r.register(BuiltinOp.DIV, 2, new BinaryArithmetic(BinaryArithmetic.Op.DIV));
    }
}
