package dev.slimfit.runtime.kernels.seq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.slimfit.model.Model;
import dev.slimfit.model.Operator;
import dev.slimfit.model.Subgraph;
import dev.slimfit.oracle.InProcessOracle;
import dev.slimfit.oracle.OracleOptions;
import dev.slimfit.oracle.OracleResult;
import dev.slimfit.runtime.Interpreter;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.testing.Conformance;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * TFLite 2.6.2 cannot load STABLEHLO_COMPOSITE, so each composite is judged against TFLite running
 * its decomposition subgraph as a model of its own, on the same inputs.
 */
class StablehloCompositeTest {

    @Test
    void simpleCompositeEqualsItsDecomposition() {
        checkComposites("ops/simple_composite.tflite");
    }

    @Test
    void sdpaCompositeEqualsItsDecomposition() {
        checkComposites("ops/sdpa_composite.tflite");
    }

    @Test
    void tfliteItselfCannotLoadTheComposite() {
        byte[] file = dev.slimfit.oracle.SharedModels.read("ops/simple_composite.tflite");
        Model m = ModelSlices.shared("ops/simple_composite.tflite");
        OracleResult r = InProcessOracle.get().run(file, Conformance.inputs(m, 0), OracleOptions.DEFAULT);
        assertEquals(OracleResult.Kind.FAILED, r.kind(), "TFLite 2.6.2 unexpectedly ran STABLEHLO_COMPOSITE");
    }

    @Test
    void wrongDecompositionArityIsRejected() {
        Model m = ModelSlices.shared("ops/simple_composite.tflite");
        Subgraph sg = m.mainSubgraph();
        Operator op = sg.operators().get(0);
        Operator oneInput = op.withInputs(new int[] {op.inputs()[0]});
        Model bad = m.withSubgraphs(List.of(sg.withOperators(List.of(oneInput)), m.subgraphs().get(1)));
        assertThrows(KernelException.class, () -> Interpreter.create(bad, 
                new dev.slimfit.runtime.InterpreterOptions(1, TestKernels.registry())).close());
    }

    private static void checkComposites(String path) {
        Model m = ModelSlices.shared(path);
        List<Integer> ops = ModelSlices.find(m, "STABLEHLO_COMPOSITE");
        for (int index : ops) {
            Model slice = ModelSlices.slice(m, index);
            int decomposition = m.mainSubgraph().operators().get(index).options2().decompositionSubgraphIndex();
            var missing = Interpreter.unsupportedNodes(slice, TestKernels.registry());
            Assumptions.assumeTrue(missing.isEmpty(), "kernels not available yet: " + missing);
            Model decomp = promote(m, decomposition);
            for (int seed = 0; seed < 3; seed++) {
                List<byte[]> in = Conformance.inputs(slice, seed);
                OracleResult ref = InProcessOracle.get().run(SingleOpModelBytes.of(decomp), in, OracleOptions.DEFAULT)
                        .requireOk();
                OracleCheck.compare(slice, ref, OracleCheck.run(slice, in), "seed " + seed);
            }
        }
    }

    /** Subgraph {@code index} alone as the model's entry subgraph, without signatures. */
    private static Model promote(Model m, int index) {
        List<Subgraph> subs = new ArrayList<>();
        subs.add(m.subgraphs().get(index));
        return new Model(m.version(), m.description(), subs, m.buffers(), List.of(), List.of(), null, null);
    }
}
