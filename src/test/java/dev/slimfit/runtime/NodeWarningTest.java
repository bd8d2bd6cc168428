package dev.slimfit.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.slimfit.model.BuiltinOp;
import dev.slimfit.model.GraphBuilder;
import dev.slimfit.model.Model;
import dev.slimfit.model.TensorType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Kernels report per-node warnings at prepare; re-preparing replaces them instead of repeating them. */
class NodeWarningTest {
    @Test
    void warningsRaisedAtPrepareAreCollectedOncePerNode() throws Exception {
        GraphBuilder g = new GraphBuilder("main");
        int x = g.tensor("x", TensorType.FLOAT32, 4);
        int y = g.tensor("y", TensorType.FLOAT32, 4);
        int z = g.tensor("z", TensorType.FLOAT32, 4);
        g.op(BuiltinOp.RELU, 1, new int[] {x}, new int[] {y}, null);
        g.op(BuiltinOp.RELU, 1, new int[] {y}, new int[] {z}, null);
        g.input(x).output(z);
        Model m = g.build("warnings");
        Kernel warnOnSecond = ctx -> {
            ctx.output(0).resize(ctx.input(0).shape());
            if (ctx.nodeIndex() == 1) {
                ctx.warn("computes what 2.6.2 computes, which is not what was meant");
            }
            return () -> { };
        };
        KernelRegistry registry = new KernelRegistry().register(BuiltinOp.RELU, 1, warnOnSecond);
        try (Interpreter it = Interpreter.create(m, new InterpreterOptions(1, registry))) {
            List<NodeWarning> w = it.warnings();
            assertEquals(List.of(new NodeWarning(0, 1, "RELU",
                    "computes what 2.6.2 computes, which is not what was meant")), w);
            it.resizeInput(0, new int[] {5});
            it.invoke();
            assertEquals(w, it.warnings());
        }
    }
}
