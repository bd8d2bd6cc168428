package dev.slimfit.runtime.kernels.seq;

import dev.slimfit.model.CompositeOptions;
import dev.slimfit.runtime.Kernel;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.PreparedOp;
import dev.slimfit.runtime.RuntimeTensor;
import dev.slimfit.runtime.SubgraphRuntime;

/**
 * STABLEHLO_COMPOSITE (newer than TFLite 2.6.2, which cannot load it): runs the op's decomposition
 * subgraph on its inputs and returns that subgraph's outputs — what later TFLite versions do when
 * no delegate claims the composite. The composite's name and attributes are ignored.
 */
public final class StablehloComposite implements Kernel {
    @Override
    public PreparedOp prepare(OpContext ctx) throws KernelException {
        CompositeOptions o = ctx.operator().options2();
        if (o == null) {
            throw new KernelException("STABLEHLO_COMPOSITE without composite options");
        }
        SubgraphRuntime sub = ctx.subgraph(o.decompositionSubgraphIndex());
        RuntimeTensor[] in = SubgraphCall.inputs(ctx, 0);
        RuntimeTensor[] out = SubgraphCall.outputs(ctx);
        SubgraphCall.checkSignature("STABLEHLO_COMPOSITE '" + o.name() + "'", sub, in, out);
        for (int i = 0; i < out.length; i++) {
            if (!SubgraphCall.sameShape(out[i], sub.output(i))) {
                out[i].resize(sub.output(i).shape());
            }
        }
        return () -> {
            for (int i = 0; i < in.length; i++) {
                SubgraphCall.toInput(in[i], sub, i);
            }
            sub.invoke(null, null);
            for (int i = 0; i < out.length; i++) {
                SubgraphCall.copy(sub.output(i), out[i]);
            }
        };
    }
}
