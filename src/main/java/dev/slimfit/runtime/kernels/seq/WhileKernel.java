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
 * WHILE as TFLite 2.6.2 (while.cc): the loop variables start as the op's inputs; while the
 * condition subgraph returns true on them, the body subgraph maps them to their next values; the
 * op's outputs are the final values (the inputs unchanged when the condition is false at once).
 * Shapes may change between iterations; the subgraphs re-prepare when they do.
 */
public final class WhileKernel implements Kernel {
    @Override
    public PreparedOp prepare(OpContext ctx) throws KernelException {
        OpOptions o = ctx.options();
        if (o == null) {
            throw new KernelException("WHILE without WhileOptions");
        }
        SubgraphRuntime cond = ctx.subgraph(o.getInt("condSubgraphIndex", -1));
        SubgraphRuntime body = ctx.subgraph(o.getInt("bodySubgraphIndex", -1));
        RuntimeTensor[] in = SubgraphCall.inputs(ctx, 0);
        RuntimeTensor[] out = SubgraphCall.outputs(ctx);
        if (in.length != out.length) {
            throw new KernelException("WHILE needs as many outputs as inputs");
        }
        SubgraphCall.checkSignature("WHILE cond", cond, in, null);
        SubgraphCall.checkSignature("WHILE body", body, in, out);
        if (cond.outputCount() != 1 || cond.output(0).type() != TensorType.BOOL) {
            throw new KernelException("WHILE condition subgraph must return one bool tensor");
        }
        return () -> {
            for (int i = 0; i < in.length; i++) {
                SubgraphCall.copy(in[i], out[i]);
            }
            while (true) {
                for (int i = 0; i < out.length; i++) {
                    SubgraphCall.toInput(out[i], cond, i);
                }
                cond.invoke(null, null);
                if (cond.output(0).bytes()[0] == 0) {
                    return;
                }
                for (int i = 0; i < out.length; i++) {
                    SubgraphCall.toInput(out[i], body, i);
                }
                body.invoke(null, null);
                for (int i = 0; i < out.length; i++) {
                    SubgraphCall.copy(body.output(i), out[i]);
                }
            }
        };
    }
}
