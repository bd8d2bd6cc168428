package dev.slimfit.optimize.quantize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.slimfit.model.Model;
import dev.slimfit.model.Tensor;
import dev.slimfit.model.TensorType;
import dev.slimfit.oracle.IsolatedOracle;
import dev.slimfit.oracle.OracleOptions;
import dev.slimfit.oracle.SharedModels;
import dev.slimfit.optimize.ActivationRanges;
import dev.slimfit.optimize.Plan;
import dev.slimfit.optimize.Scheme;
import dev.slimfit.testing.Conformance;
import dev.slimfit.tflite.TfliteReader;
import java.nio.ByteBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ops/weight_sharing_fcs: two signatures (subgraphs) whose FULLY_CONNECTED ops share one weight
 * buffer. Quantizing subgraph 0 must leave subgraph 1's float weights intact and both runnable.
 */
class SharedWeightsModelTest {
    @ParameterizedTest
    @ValueSource(strings = {"float16", "dynamic"})
    void otherSubgraphKeepsTheSharedFloatBuffer(String scheme) throws Exception {
        byte[] file = SharedModels.read("ops/weight_sharing_fcs.tflite");
        Model f = TfliteReader.read(ByteBuffer.wrap(file), "shared");
        Tensor before = f.subgraphs().get(1).tensor(1);
        Model q = new Quantizer(0).quantize(f, Plan.uniform(Scheme.parse(scheme)), ActivationRanges.empty(), null)
                .model();
        Tensor after = q.subgraphs().get(1).tensor(1);
        // buffers are renumbered when the quantizer drops the ones it emptied; the tensor and its data are the same
        assertEquals(before.withBuffer(after.buffer()), after);
        assertEquals(f.dataOf(before), q.dataOf(after));
        assertFalse(q.dataOf(after).isEmpty());
        Tensor w0 = q.mainSubgraph().tensors().stream().filter(t -> t.name().equals("BatchMatMulV3")).findFirst()
                .orElseThrow();
        assertEquals(scheme.equals("float16") ? TensorType.FLOAT16 : TensorType.INT8, w0.type());
        var sig = q.signatureDefs().get(0);
        assertEquals(0, sig.subgraphIndex());
        assertEquals(q.mainSubgraph().inputs()[0], sig.inputs().get(0).tensorIndex(), "remapped with the tensors");
        assertEquals(q.mainSubgraph().outputs()[0], sig.outputs().get(0).tensorIndex(), "remapped with the tensors");
        assertEquals(f.signatureDefs().get(1), q.signatureDefs().get(1));
        byte[] out = QuantizerOracleTest.bytes(q);
        IsolatedOracle.shared().run(out, Conformance.inputs(q, 3), OracleOptions.DEFAULT).requireOk();
    }

    @org.junit.jupiter.api.Test
    void signaturesFollowTheFloatBoundaryOfAnInt8Model() throws Exception {
        Model f = TfliteReader.read(ByteBuffer.wrap(SharedModels.read("ops/two_signatures.tflite")), "two");
        Model q = Quantizer.apply(f, Plan.uniform(Scheme.INT8), OracleRanges.of(f, 2)).model();
        var sg = q.mainSubgraph();
        for (var sig : q.signatureDefs()) {
            if (sig.subgraphIndex() != 0) {
                continue;
            }
            for (var o : sig.outputs()) {
                assertEquals(TensorType.FLOAT32, sg.tensor(o.tensorIndex()).type(), o.name());
                assertEquals(true, java.util.Arrays.stream(sg.outputs()).anyMatch(i -> i == o.tensorIndex()), o.name());
            }
        }
        IsolatedOracle.shared().run(QuantizerOracleTest.bytes(q), Conformance.inputs(q, 3), OracleOptions.DEFAULT)
                .requireOk();
    }
}
