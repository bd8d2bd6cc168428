package dev.slimfit.runtime.kernels.seq;

import dev.slimfit.model.OpOptions;
import dev.slimfit.model.TensorType;
import dev.slimfit.runtime.Kernel;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.PreparedOp;
import dev.slimfit.runtime.RuntimeTensor;
import dev.slimfit.runtime.SubgraphRuntime;

/**
 * IF as TFLite 2.6.2 (if.cc): input 0 is a bool condition (its first element decides); the other
 * inputs go to the then- or else-subgraph, whose outputs become the op's outputs (shapes follow
 * the branch taken).
 */
public final class IfKernel implements Kernel {
    @Override
    public PreparedOp prepare(OpContext ctx) throws KernelException {
        OpOptions o = ctx.options();
        if (o == null) {
            throw new KernelException("IF without IfOptions");
        }
        RuntimeTensor cond = ctx.requireInput(0);
        if (cond.type() != TensorType.BOOL || cond.flatSize() < 1) {
            throw new KernelException("IF condition must be a non-empty bool tensor, got " + cond);
        }
        SubgraphRuntime then = ctx.subgraph(o.getInt("thenSubgraphIndex", -1));
        SubgraphRuntime other = ctx.subgraph(o.getInt("elseSubgraphIndex", -1));
        RuntimeTensor[] in = SubgraphCall.inputs(ctx, 1);
        RuntimeTensor[] out = SubgraphCall.outputs(ctx);
        SubgraphCall.checkSignature("IF then", then, in, out);
        SubgraphCall.checkSignature("IF else", other, in, out);
        return () -> {
            SubgraphRuntime branch = cond.bytes()[0] != 0 ? then : other;
            for (int i = 0; i < in.length; i++) {
                SubgraphCall.toInput(in[i], branch, i);
            }
            branch.invoke(null, null);
            for (int i = 0; i < out.length; i++) {
                SubgraphCall.copy(branch.output(i), out[i]);
            }
        };
    }
}
