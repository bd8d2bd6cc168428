package dev.slimfit.runtime.kernels.seq;

import dev.slimfit.model.TensorType;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.RuntimeTensor;
import dev.slimfit.runtime.SubgraphRuntime;

/**
 * Moving values into and out of another subgraph, as TFLite's control-flow kernels do
 * (control_flow_common / while.cc / if.cc): shapes follow the source (the callee re-prepares when an
 * input shape changes), values are copied, types must match.
 */
final class SubgraphCall {
    private SubgraphCall() {
    }

    static boolean sameShape(RuntimeTensor a, RuntimeTensor b) {
        if (a.rank() != b.rank()) {
            return false;
        }
        for (int i = 0; i < a.rank(); i++) {
            if (a.dim(i) != b.dim(i)) {
                return false;
            }
        }
        return true;
    }

    /** Copies {@code src} into input {@code i} of {@code sub}, resizing it (and so re-preparing) only on change. */
    static void toInput(RuntimeTensor src, SubgraphRuntime sub, int i) {
        RuntimeTensor dst = sub.input(i);
        if (!sameShape(src, dst)) {
            sub.resizeInput(i, src.shape());
        }
        System.arraycopy(src.data(), 0, dst.data(), 0, src.flatSize());
    }

    /** Copies {@code src} into {@code dst}, resizing {@code dst} when the shape differs. */
    static void copy(RuntimeTensor src, RuntimeTensor dst) {
        if (!sameShape(src, dst)) {
            dst.resize(src.shape());
        }
        System.arraycopy(src.data(), 0, dst.data(), 0, src.flatSize());
    }

    /** Checks that {@code sub} takes {@code args} (same count and element types) and returns {@code outs}. */
    static void checkSignature(String op, SubgraphRuntime sub, RuntimeTensor[] args, RuntimeTensor[] outs)
            throws KernelException {
        if (sub.inputCount() != args.length || (outs != null && sub.outputCount() != outs.length)) {
            throw new KernelException(op + ": subgraph " + sub.index() + " takes " + sub.inputCount() + " inputs and gives "
                    + sub.outputCount() + " outputs; the op has " + args.length + " and "
                    + (outs == null ? "-" : String.valueOf(outs.length)));
        }
        for (int i = 0; i < args.length; i++) {
            check(op, args[i], sub.input(i));
        }
        if (outs != null) {
            for (int i = 0; i < outs.length; i++) {
                check(op, sub.output(i), outs[i]);
            }
        }
    }

    private static void check(String op, RuntimeTensor a, RuntimeTensor b) throws KernelException {
        if (a.type() != b.type()) {
            throw new KernelException(op + ": tensor " + a + " does not match " + b);
        }
        if (a.type() == TensorType.STRING || a.type() == TensorType.VARIANT) {
            throw new KernelException(op + ": " + a.type() + " values cannot cross subgraphs yet");
        }
    }

    static RuntimeTensor[] inputs(OpContext ctx, int from) throws KernelException {
        RuntimeTensor[] t = new RuntimeTensor[ctx.inputCount() - from];
        for (int i = 0; i < t.length; i++) {
            t[i] = ctx.requireInput(from + i);
        }
        return t;
    }

    static RuntimeTensor[] outputs(OpContext ctx) {
        RuntimeTensor[] t = new RuntimeTensor[ctx.outputCount()];
        for (int i = 0; i < t.length; i++) {
            t[i] = ctx.output(i);
        }
        return t;
    }
}
