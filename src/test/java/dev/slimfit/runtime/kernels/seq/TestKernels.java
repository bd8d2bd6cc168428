package dev.slimfit.runtime.kernels.seq;

import dev.slimfit.model.BuiltinOp;
import dev.slimfit.runtime.Kernel;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.KernelRegistry;
import dev.slimfit.runtime.RuntimeTensor;
import dev.slimfit.runtime.kernels.StandardKernels;

/**
 * The standard registry plus stand-ins for a few float ops owned by other families (same-shape
 * ADD and LESS, no activation), used only where those families' kernels are not registered yet,
 * so that control-flow kernels can be tested on subgraphs that do something.
 */
final class TestKernels {
    private TestKernels() {
    }

    static KernelRegistry registry() {
        KernelRegistry r = StandardKernels.create();
        if (!r.builtinOps().contains(BuiltinOp.ADD)) {
            r.register(BuiltinOp.ADD, 1, ADD);
        }
        if (!r.builtinOps().contains(BuiltinOp.LESS)) {
            r.register(BuiltinOp.LESS, 1, LESS);
        }
        return r;
    }

    private static final Kernel ADD = ctx -> {
        RuntimeTensor a = ctx.requireInput(0);
        RuntimeTensor b = ctx.requireInput(1);
        RuntimeTensor y = ctx.output(0);
        check(a, b);
        y.resize(a.shape());
        return () -> {
            float[] x = a.floats();
            float[] z = b.floats();
            float[] o = y.floats();
            for (int i = 0; i < a.flatSize(); i++) {
                o[i] = x[i] + z[i];
            }
        };
    };

    private static final Kernel LESS = ctx -> {
        RuntimeTensor a = ctx.requireInput(0);
        RuntimeTensor b = ctx.requireInput(1);
        RuntimeTensor y = ctx.output(0);
        check(a, b);
        y.resize(a.shape());
        return () -> {
            float[] x = a.floats();
            float[] z = b.floats();
            byte[] o = y.bytes();
            for (int i = 0; i < a.flatSize(); i++) {
                o[i] = (byte) (x[i] < z[i] ? 1 : 0);
            }
        };
    };

    private static void check(RuntimeTensor a, RuntimeTensor b) throws KernelException {
        if (a.flatSize() != b.flatSize() || a.type() != dev.slimfit.model.TensorType.FLOAT32 || a.type() != b.type()) {
            throw new KernelException("test stand-in supports only same-shape float32 operands");
        }
    }
}
