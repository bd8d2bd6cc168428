package dev.slimfit.runtime.kernels.seq;

import dev.slimfit.model.OpOptions;
import dev.slimfit.runtime.Kernel;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.PreparedOp;
import dev.slimfit.runtime.SubgraphRuntime;

/**
 * CALL_ONCE as TFLite 2.6.2 (call_once.cc): invokes the initialization subgraph (no inputs, no
 * outputs; typically it assigns resource variables) on the first invoke only — and again after
 * {@code Interpreter.resetVariables()}, which in Slimfit also clears the resource variables that
 * the initialization set.
 */
public final class CallOnce implements Kernel {
    @Override
    public PreparedOp prepare(OpContext ctx) throws KernelException {
        OpOptions o = ctx.options();
        SubgraphRuntime init = ctx.subgraph(o == null ? -1 : o.getInt("initSubgraphIndex", -1));
        if (init.inputCount() != 0 || init.outputCount() != 0) {
            throw new KernelException("CALL_ONCE init subgraph must have no inputs and no outputs");
        }
        var resources = ctx.resources();
        int[] doneAt = {-1};
        return () -> {
            if (doneAt[0] != resources.generation()) {
                init.invoke(null, null);
                doneAt[0] = resources.generation();
            }
        };
    }
}
