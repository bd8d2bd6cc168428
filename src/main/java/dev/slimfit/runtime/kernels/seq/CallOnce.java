package dev.slimfit.runtime.kernels.seq;

import dev.slimfit.model.OpOptions;
import dev.slimfit.runtime.Kernel;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.PreparedOp;
import dev.slimfit.runtime.SubgraphRuntime;

/**
 * CALL_ONCE as TFLite 2.6.2 (call_once.cc): invokes the initialization subgraph (no inputs, no
 * outputs; typically it assigns resource variables) on the first invoke only.
 */
public final class CallOnce implements Kernel {
    @Override
    public PreparedOp prepare(OpContext ctx) throws KernelException {
        OpOptions o = ctx.options();
        SubgraphRuntime init = ctx.subgraph(o == null ? -1 : o.getInt("initSubgraphIndex", -1));
        if (init.inputCount() != 0 || init.outputCount() != 0) {
            throw new KernelException("CALL_ONCE init subgraph must have no inputs and no outputs");
        }
        boolean[] done = {false};
        return () -> {
            if (!done[0]) {
                init.invoke(null, null);
                done[0] = true;
            }
        };
    }
}
