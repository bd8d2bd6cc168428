package dev.slimfit.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.slimfit.SharedModels;
import dev.slimfit.tflite.TfliteReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The summary's definitions, on hand-built models and on shared models with known facts. */
class ModelSummaryTest {
    @Test
    void sharedWeightCountsOnceInParametersButInEveryLayer() throws Exception {
        ModelSummary s = ModelSummary.of(TfliteReader.read(SharedModels.require("ops/weight_sharing_fcs.tflite")));
        assertEquals(512, s.parameterCount());
        assertEquals(1, s.constantTensors());
        assertEquals(2, s.layers().size());
        assertEquals(512, s.layers().get(1).params());
        assertEquals(List.of("sig1", "sig2"), s.signatures().stream().map(ModelSummary.SignatureInfo::key).toList());
    }

    @Test
    void layerWeightIsTheLargestConstantInputAndParamsIncludeTheBias() {
        Tensor in = Tensor.of("in", TensorType.FLOAT32, new int[] {1, 4}, 0);
        Tensor w = Tensor.of("w", TensorType.INT8, new int[] {3, 4}, 1)
                .withQuantization(QuantizationParams.perChannel(new float[] {1, 2, 3}, new long[] {0, 0, 0}, 0));
        Tensor b = Tensor.of("b", TensorType.INT32, new int[] {3}, 2);
        Tensor out = Tensor.of("out", TensorType.FLOAT32, new int[] {1, 3}, 0);
        Operator fc = Operator.of(OperatorCode.builtin(BuiltinOp.FULLY_CONNECTED, 5), new int[] {0, 1, 2},
                new int[] {3}, null);
        Subgraph sg = new Subgraph("main", List.of(in, w, b, out), new int[] {0}, new int[] {3}, List.of(fc));
        Model m = new Model(3, null, List.of(sg), List.of(Buffer.empty(), Buffer.of(new byte[12]),
                Buffer.of(new byte[12])), null, null, null, null);

        ModelSummary s = ModelSummary.of(m);
        ModelSummary.Layer l = s.layers().get(0);
        assertEquals("w", l.weightName());
        assertEquals(List.of(3, 4), l.weightShape());
        assertEquals(15, l.params());
        assertEquals(24, l.bytes());
        assertEquals("per-channel(3) dim 0", l.weightQuantization().describe());
        assertEquals(15, s.parameterCount());
        // equal bytes: ties go in schema type-code order (INT32 = 2 before INT8 = 9)
        assertEquals(List.of(new ModelSummary.TypeWeights(TensorType.INT32, 1, 3, 12),
                new ModelSummary.TypeWeights(TensorType.INT8, 1, 12, 12)), s.weightsByType());
        assertEquals(List.of(new ModelSummary.OpCount("FULLY_CONNECTED", 5, 1)), s.opCounts());
        assertNull(s.subgraphs().get(0).inputs().get(0).shapeSignature(), "static shapes have no signature");
        assertNull(s.archive());
    }

    @Test
    void quantizationDescriptions() {
        assertEquals("scale=0.0078125 zp=128", QuantInfo.of(QuantizationParams.perTensor(0.0078125f, 128)).describe());
        assertEquals("scale=1.5E-7 zp=0", QuantInfo.of(QuantizationParams.perTensor(1.5e-7f, 0)).describe());
        assertEquals("range[-6.0, 6.0]", QuantInfo.of(new QuantizationParams(new float[] {-6}, new float[] {6}, null,
                null, 0, null)).describe());
        assertNull(QuantInfo.of(null));
    }
}
