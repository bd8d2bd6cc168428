package dev.slimfit.runtime.kernels.seq;

import static dev.slimfit.runtime.kernels.seq.GraphBuilder.ids;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.slimfit.model.BuiltinOp;
import dev.slimfit.model.Model;
import dev.slimfit.model.TensorType;
import dev.slimfit.oracle.InProcessOracle;
import dev.slimfit.oracle.OracleOptions;
import dev.slimfit.oracle.OracleResult;
import dev.slimfit.runtime.Interpreter;
import dev.slimfit.runtime.InterpreterOptions;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.testing.Conformance;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ControlFlowTest {
    private static final TensorType F = TensorType.FLOAT32;

    /** while (c < 3) { c += 1; acc += acc } — the iteration count depends on the seeded input. */
    @Test
    void whileLoopRunsBodyUntilConditionFails() {
        GraphBuilder g = new GraphBuilder();
        GraphBuilder.Graph main = g.graph();
        int c = main.tensor("c", F, 1);
        int acc = main.tensor("acc", F, 3);
        int c2 = main.tensor("c_out", F, 1);
        int acc2 = main.tensor("acc_out", F, 3);
        main.op(BuiltinOp.WHILE, ids(c, acc), ids(c2, acc2), "WhileOptions",
                Map.of("condSubgraphIndex", 1, "bodySubgraphIndex", 2)).io(ids(c, acc), ids(c2, acc2)).done("main");
        GraphBuilder.Graph cond = g.graph();
        int cc = cond.tensor("c", F, 1);
        int ca = cond.tensor("acc", F, 3);
        int limit = cond.constant("limit", F, new int[] {1}, new float[] {3f});
        int b = cond.tensor("b", TensorType.BOOL, 1);
        cond.op(BuiltinOp.LESS, ids(cc, limit), ids(b), null, null).io(ids(cc, ca), ids(b)).done("cond");
        GraphBuilder.Graph body = g.graph();
        int bc = body.tensor("c", F, 1);
        int ba = body.tensor("acc", F, 3);
        int one = body.constant("one", F, new int[] {1}, new float[] {1f});
        int nc = body.tensor("c_next", F, 1);
        int na = body.tensor("acc_next", F, 3);
        body.op(BuiltinOp.ADD, ids(bc, one), ids(nc), "AddOptions", Map.of())
                .op(BuiltinOp.ADD, ids(ba, ba), ids(na), "AddOptions", Map.of())
                .io(ids(bc, ba), ids(nc, na)).done("body");
        OracleCheck.check(g.build(), 4);
    }

    @Test
    void ifRunsTheBranchTheConditionPicks() {
        OracleCheck.check(ifModel(null), 4);
        OracleCheck.check(ifModel(true), 2);
        OracleCheck.check(ifModel(false), 2);
    }

    private static Model ifModel(Boolean constantCond) {
        GraphBuilder g = new GraphBuilder();
        GraphBuilder.Graph main = g.graph();
        int cond = constantCond == null ? main.tensor("cond", TensorType.BOOL, 1)
                : main.constant("cond", TensorType.BOOL, new int[] {1}, new byte[] {(byte) (constantCond ? 1 : 0)});
        int a = main.tensor("a", F, 3);
        int b = main.tensor("b", F, 3);
        int y = main.tensor("y", F, 3);
        main.op(BuiltinOp.IF, ids(cond, a, b), ids(y), "IfOptions", Map.of("thenSubgraphIndex", 1, "elseSubgraphIndex", 2))
                .io(constantCond == null ? ids(cond, a, b) : ids(a, b), ids(y)).done("main");
        for (int branch = 0; branch < 2; branch++) {
            GraphBuilder.Graph s = g.graph();
            int x = s.tensor("a", F, 3);
            int z = s.tensor("b", F, 3);
            int o = s.tensor("y", F, 3);
            s.op(BuiltinOp.ADD, branch == 0 ? ids(x, z) : ids(z, z), ids(o), "AddOptions", Map.of())
                    .io(ids(x, z), ids(o)).done(branch == 0 ? "then" : "else");
        }
        return g.build();
    }

    /**
     * CALL_ONCE initializes a resource variable; each step reads it, adds x and assigns it back.
     * Our two invokes of the 2-step model must equal TFLite's single invoke of the 4-step model.
     */
    @Test
    void resourceVariablesPersistAcrossInvokesAndInitOnce() throws KernelException {
        Model two = variableModel(2);
        Model four = variableModel(4);
        List<byte[]> in = Conformance.inputs(two, 5);
        OracleResult ref = InProcessOracle.get().run(SingleOpModelBytes.of(four), in, OracleOptions.DEFAULT)
                .requireOk();
        try (Interpreter it = Interpreter.create(two, new InterpreterOptions(1, TestKernels.registry()))) {
            List<byte[]> first = OracleCheck.invoke(it, in);
            List<byte[]> second = OracleCheck.invoke(it, in);
            it.resetVariables();
            List<byte[]> afterReset = OracleCheck.invoke(it, in);
            for (int i = 0; i < 2; i++) {
                Conformance.compare("y" + i, F, ref.outputBytes(i), first.get(i), Conformance.FLOAT_TOL, "invoke 1");
                Conformance.compare("y" + i, F, ref.outputBytes(2 + i), second.get(i), Conformance.FLOAT_TOL, "invoke 2");
                Conformance.compare("y" + i, F, ref.outputBytes(i), afterReset.get(i), Conformance.FLOAT_TOL,
                        "after resetVariables (CALL_ONCE initializes again)");
            }
        }
    }

    @Test
    void readingAnUnassignedVariableFailsTheInvoke() throws KernelException {
        GraphBuilder g = new GraphBuilder();
        GraphBuilder.Graph main = g.graph();
        int x = main.tensor("x", F, 3);
        int h = main.tensor("h", TensorType.RESOURCE);
        int v = main.tensor("v", F, 3);
        main.op(BuiltinOp.VAR_HANDLE, ids(), ids(h), "VarHandleOptions", Map.of("container", "", "sharedName", "nope"))
                .op(BuiltinOp.READ_VARIABLE, ids(h), ids(v), "ReadVariableOptions", Map.of())
                .io(ids(x), ids(v)).done("main");
        try (Interpreter it = Interpreter.create(g.build(), new InterpreterOptions(1, TestKernels.registry()))) {
            assertThrows(KernelException.class, it::invoke);
        }
    }

    private static Model variableModel(int steps) {
        GraphBuilder g = new GraphBuilder();
        GraphBuilder.Graph main = g.graph();
        int x = main.tensor("x", F, 3);
        main.op(BuiltinOp.CALL_ONCE, ids(), ids(), "CallOnceOptions", Map.of("initSubgraphIndex", 1));
        int h = main.tensor("h", TensorType.RESOURCE);
        main.op(BuiltinOp.VAR_HANDLE, ids(), ids(h), "VarHandleOptions", Map.of("container", "", "sharedName", "acc"));
        int[] outs = new int[steps];
        for (int s = 0; s < steps; s++) {
            int v = main.tensor("v" + s, F, 3);
            int y = main.tensor("y" + s, F, 3);
            main.op(BuiltinOp.READ_VARIABLE, ids(h), ids(v), "ReadVariableOptions", Map.of())
                    .op(BuiltinOp.ADD, ids(v, x), ids(y), "AddOptions", Map.of())
                    .op(BuiltinOp.ASSIGN_VARIABLE, ids(h, y), ids(), "AssignVariableOptions", Map.of());
            outs[s] = y;
        }
        main.io(ids(x), outs).done("main");
        GraphBuilder.Graph init = g.graph();
        int h1 = init.tensor("h", TensorType.RESOURCE);
        int start = init.constant("start", F, new int[] {3}, new float[] {10f, -20f, 0.5f});
        init.op(BuiltinOp.VAR_HANDLE, ids(), ids(h1), "VarHandleOptions", Map.of("container", "", "sharedName", "acc"))
                .op(BuiltinOp.ASSIGN_VARIABLE, ids(h1, start), ids(), "AssignVariableOptions", Map.of())
                .io(ids(), ids()).done("init");
        return g.build();
    }
}
