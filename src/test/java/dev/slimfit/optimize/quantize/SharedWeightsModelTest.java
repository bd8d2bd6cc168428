package dev.slimfit.optimize.quantize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * buffer. Subgraph 1 takes the plan's default scheme too, so both read one encoded weight and the
 * float copy is gone; both subgraphs run in TFLite.
 */
class SharedWeightsModelTest {
    @ParameterizedTest
    @ValueSource(strings = {"float16", "dynamic"})
    void bothSubgraphsShareTheEncodedWeightAndTheFloatCopyIsGone(String scheme) throws Exception {
        byte[] file = SharedModels.read("ops/weight_sharing_fcs.tflite");
        Model f = TfliteReader.read(ByteBuffer.wrap(file), "shared");
        QuantizationResult r = new Quantizer(0).quantize(f, Plan.uniform(Scheme.parse(scheme)),
                ActivationRanges.empty(), null);
        Model q = r.model();
        TensorType want = scheme.equals("float16") ? TensorType.FLOAT16 : TensorType.INT8;
        int[] weightBuffer = new int[2];
        for (int k = 0; k < 2; k++) {
            var sg = q.subgraphs().get(k);
            Tensor w = sg.tensors().stream().filter(t -> t.type() == want).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + want + " weight in subgraph"));
            weightBuffer[k] = w.buffer();
            assertFalse(sg.tensors().stream().anyMatch(t -> t.type() == TensorType.FLOAT32
                    && !q.dataOf(t).isEmpty()), "a float32 constant is left in subgraph " + k);
        }
        assertEquals(weightBuffer[0], weightBuffer[1], "one encoded weight for both subgraphs");
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("signature 'sig2' (subgraph 1)")), r.notes()::toString);
        var sig = q.signatureDefs().get(0);
        assertEquals(0, sig.subgraphIndex());
        assertEquals(q.mainSubgraph().inputs()[0], sig.inputs().get(0).tensorIndex(), "remapped with the tensors");
        assertEquals(q.mainSubgraph().outputs()[0], sig.outputs().get(0).tensorIndex(), "remapped with the tensors");
        assertEquals(q.subgraphs().get(1).outputs()[0], q.signatureDefs().get(1).outputs().get(0).tensorIndex());
        byte[] out = QuantizerOracleTest.bytes(q);
        assertTrue(out.length < file.length, out.length + " vs " + file.length);
        IsolatedOracle.shared().run(out, Conformance.inputs(q, 3), OracleOptions.DEFAULT).requireOk();
        Model second = q.withSubgraphsSwapped(1);
        IsolatedOracle.shared().run(QuantizerOracleTest.bytes(second), Conformance.inputs(second, 3),
                OracleOptions.DEFAULT).requireOk();
    }

    /** A float32 default with one layer of subgraph 0 quantized leaves subgraph 1's copy, and says so. */
    @org.junit.jupiter.api.Test
    void aFloatDefaultKeepsTheOtherSubgraphsCopyAndSaysHowBig() throws Exception {
        Model f = TfliteReader.read(ByteBuffer.wrap(SharedModels.read("ops/weight_sharing_fcs.tflite")), "shared");
        String fc = dev.slimfit.optimize.LayerCatalog.of(f).get(0).id();
        QuantizationResult r = new Quantizer(0).quantize(f, Plan.keepAll().with(fc,
                dev.slimfit.optimize.LayerChoice.of(Scheme.DYNAMIC_INT8)), ActivationRanges.empty(), null);
        assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("signature 'sig2' (subgraph 1) keeps float32 copies"
                + " of 1 weight(s)") && n.contains("(2048 bytes)")), r.notes()::toString);
        Tensor kept = r.model().subgraphs().get(1).tensors().stream().filter(t -> !r.model().dataOf(t).isEmpty())
                .findFirst().orElseThrow();
        assertEquals(TensorType.FLOAT32, kept.type());
        QuantizationResult none = new Quantizer(0).quantize(f, Plan.keepAll(), ActivationRanges.empty(), null);
        assertFalse(none.notes().stream().anyMatch(n -> n.contains("copies")), none.notes()::toString);
    }

    /** Pruning subgraph 0's layer prunes the shared weight for subgraph 1 too: one pruned int8 copy. */
    @org.junit.jupiter.api.Test
    void aPrunedSharedWeightIsPrunedForEverySubgraphAndStoredOnce() throws Exception {
        byte[] file = SharedModels.read("ops/weight_sharing_fcs.tflite");
        Model f = TfliteReader.read(ByteBuffer.wrap(file), "shared");
        Plan plan = new Plan(dev.slimfit.optimize.LayerChoice.of(Scheme.DYNAMIC_INT8).withPruning(
                new dev.slimfit.optimize.Pruning(0.5, dev.slimfit.optimize.Pruning.Pattern.UNSTRUCTURED, false)),
                java.util.Map.of(), dev.slimfit.optimize.IoType.FLOAT, dev.slimfit.optimize.CalibrationSpec.DEFAULT);
        Model q = new dev.slimfit.optimize.Optimizer(null, 0, false).optimize(f, plan, null, null, null).model();
        int[] buffer = new int[2];
        for (int k = 0; k < 2; k++) {
            Tensor w = q.subgraphs().get(k).tensors().stream().filter(t -> t.type() == TensorType.INT8).findFirst()
                    .orElseThrow();
            buffer[k] = w.buffer();
            ByteBuffer d = q.dataOf(w).data();
            int zeros = 0;
            for (int i = 0; i < d.remaining(); i++) {
                zeros += d.get(i) == 0 ? 1 : 0;
            }
            assertTrue(zeros >= d.remaining() / 2, "subgraph " + k + ": " + zeros + " zeros of " + d.remaining());
        }
        assertEquals(buffer[0], buffer[1]);
        Model second = q.withSubgraphsSwapped(1);
        IsolatedOracle.shared().run(QuantizerOracleTest.bytes(second), Conformance.inputs(second, 3),
                OracleOptions.DEFAULT).requireOk();
    }

    /**
     * ops/two_signatures: both signatures take one float [1] input, so the Optimizer calibrates the
     * second on the same samples and both come out full integer; both run in TFLite 2.6.2.
     */
    @org.junit.jupiter.api.Test
    void aSignatureOverTheSameInputsIsCalibratedAndFullInteger() throws Exception {
        Model f = TfliteReader.read(ByteBuffer.wrap(SharedModels.read("ops/two_signatures.tflite")), "two");
        assertEquals(java.util.List.of(1), Quantizer.calibratableSubgraphs(f));
        java.util.List<byte[]> samples = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            samples.add(ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putFloat(i - 3.5f).array());
        }
        dev.slimfit.eval.Dataset d = dev.slimfit.eval.Datasets.of(java.util.stream.IntStream.range(0, 8)
                .mapToObj(i -> "x" + i).toList(), null, samples);
        var source = dev.slimfit.eval.CalibrationRangeSource.of(d, "eight values", new dev.slimfit.eval.Calibrator(1));
        var r = new dev.slimfit.optimize.Optimizer(source, 0, false).optimize(f, Plan.uniform(Scheme.INT8), null,
                null, null);
        assertTrue(r.quantization().notes().stream().anyMatch(n -> n.startsWith("signature")
                && n.contains("(subgraph 1): int8, calibrated on the same samples")), r.quantization().notes()::toString);
        Model q = r.model();
        for (int k = 0; k < 2; k++) {
            var sg = q.subgraphs().get(k);
            assertTrue(sg.operators().stream().anyMatch(op -> !op.code().is(dev.slimfit.model.BuiltinOp.QUANTIZE)
                    && !op.code().is(dev.slimfit.model.BuiltinOp.DEQUANTIZE)
                    && sg.tensor(op.output(0)).type() == TensorType.INT8), "an int8 op in subgraph " + k);
            Model run = k == 0 ? q : q.withSubgraphsSwapped(k);
            IsolatedOracle.shared().run(QuantizerOracleTest.bytes(run), Conformance.inputs(run, 3),
                    OracleOptions.DEFAULT).requireOk();
        }
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
