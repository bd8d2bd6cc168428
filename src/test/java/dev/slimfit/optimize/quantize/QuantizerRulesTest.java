package dev.slimfit.optimize.quantize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slimfit.model.BuiltinOp;
import dev.slimfit.model.GraphBuilder;
import dev.slimfit.model.Model;
import dev.slimfit.model.OpOptions;
import dev.slimfit.model.Operator;
import dev.slimfit.model.Tensor;
import dev.slimfit.model.TensorType;
import dev.slimfit.optimize.ActivationRanges;
import dev.slimfit.optimize.LayerCatalog;
import dev.slimfit.optimize.LayerChoice;
import dev.slimfit.optimize.Plan;
import dev.slimfit.optimize.Scheme;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Refusals, fallbacks, shared weights and provenance on small models built in the test. */
class QuantizerRulesTest {

    /** input[1,64] -> FC(w 32x64, shared buffer) -> FC(w 32x... same buffer via a second tensor) -> output. */
    static Model twoFcSharingWeights() {
        GraphBuilder g = new GraphBuilder("main");
        int in = g.tensor("x", TensorType.FLOAT32, 1, 64);
        float[] w = new float[64 * 64];
        Random r = new Random(3);
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) r.nextGaussian();
        }
        int w1 = g.constant("w1", new int[] {64, 64}, w);
        int h = g.tensor("h", TensorType.FLOAT32, 1, 64);
        int y = g.tensor("y", TensorType.FLOAT32, 1, 64);
        OpOptions fc = OpOptions.of("FullyConnectedOptions", Map.of("fusedActivationFunction", (byte) 0,
                "asymmetricQuantizeInputs", false));
        g.op(BuiltinOp.FULLY_CONNECTED, 1, new int[] {in, w1, -1}, new int[] {h}, fc);
        g.op(BuiltinOp.FULLY_CONNECTED, 1, new int[] {h, w1 + 1, -1}, new int[] {y}, fc);
        g.input(in).output(y);
        Model m = g.build("shared");
        // second weight tensor: same buffer as w1, different name
        var sg = m.mainSubgraph();
        var tensors = new java.util.ArrayList<>(sg.tensors());
        tensors.add(w1 + 1, null);
        Tensor w2 = sg.tensor(w1).withName("w2");
        // rebuild tensor list with w2 inserted at index w1 + 1 and indices shifted
        java.util.List<Tensor> list = new java.util.ArrayList<>(sg.tensors());
        list.add(w2);
        int w2i = list.size() - 1;
        java.util.List<Operator> ops = new java.util.ArrayList<>(sg.operators());
        ops.set(1, ops.get(1).withInputs(new int[] {h, w2i, -1}));
        return m.withSubgraphs(java.util.List.of(sg.withTensors(list).withOperators(ops)));
    }

    static ActivationRanges allRanges(Model m) {
        Map<Integer, float[]> r = new HashMap<>();
        for (int i = 0; i < m.mainSubgraph().tensors().size(); i++) {
            r.put(i, new float[] {-4f, 4f});
        }
        return ActivationRanges.of(r, "test", 1);
    }

    @Test
    void tensorsSharingOneFloatBufferShareOneInt8Buffer() {
        Model m = twoFcSharingWeights();
        Model q = Quantizer.apply(m, Plan.uniform(Scheme.DYNAMIC_INT8), ActivationRanges.empty()).model();
        var sg = q.mainSubgraph();
        Tensor a = sg.tensor(sg.operators().get(0).input(1));
        Tensor b = sg.tensor(sg.operators().get(1).input(1));
        assertEquals(TensorType.INT8, a.type());
        assertEquals(TensorType.INT8, b.type());
        assertEquals(a.buffer(), b.buffer());
        assertEquals(a.quantization(), b.quantization());
    }

    @Test
    void hybridFullyConnectedGetsAsymmetricInputsAndVersion9() {
        Model q = Quantizer.apply(twoFcSharingWeights(), Plan.uniform(Scheme.DYNAMIC_INT8),
                ActivationRanges.empty()).model();
        Operator fc = q.mainSubgraph().operators().get(0);
        assertEquals(9, fc.code().version());
        assertTrue(fc.options().getBool("asymmetricQuantizeInputs", false));
    }

    @Test
    void float16KeepsWeightsWhoseDequantizeCostsMoreThanTheySave() {
        // input[1,4] -> FC(w 4x4: 16 elements) -> FC(w 64x4: 256 elements) -> output
        GraphBuilder g = new GraphBuilder("main");
        int in = g.tensor("x", TensorType.FLOAT32, 1, 4);
        Random r = new Random(5);
        float[] small = new float[16];
        float[] big = new float[256];
        for (int i = 0; i < big.length; i++) {
            big[i] = (float) r.nextGaussian();
            if (i < small.length) {
                small[i] = (float) r.nextGaussian();
            }
        }
        int ws = g.constant("dense/small_kernel", new int[] {4, 4}, small);
        int wb = g.constant("dense_1/big_kernel", new int[] {64, 4}, big);
        int h = g.tensor("h", TensorType.FLOAT32, 1, 4);
        int y = g.tensor("y", TensorType.FLOAT32, 1, 64);
        OpOptions fc = OpOptions.of("FullyConnectedOptions", Map.of("fusedActivationFunction", (byte) 0));
        g.op(BuiltinOp.FULLY_CONNECTED, 1, new int[] {in, ws, -1}, new int[] {h}, fc);
        g.op(BuiltinOp.FULLY_CONNECTED, 1, new int[] {h, wb, -1}, new int[] {y}, fc);
        g.input(in).output(y);
        Model m = g.build("f16");
        QuantizationResult q = Quantizer.apply(m, Plan.uniform(Scheme.FLOAT16), ActivationRanges.empty());
        var sg = q.model().mainSubgraph();
        java.util.List<TensorType> stored = new java.util.ArrayList<>();
        for (Tensor t : sg.tensors()) {
            if (t.name().endsWith("_kernel")) {
                stored.add(t.type());
            }
        }
        assertTrue(stored.contains(TensorType.FLOAT16), "the 256-element kernel is float16: " + stored);
        assertEquals(TensorType.FLOAT32, sg.tensors().stream().filter(t -> t.name().equals("dense/small_kernel"))
                .findFirst().orElseThrow().type(), "the 16-element kernel stays float32");
        assertTrue(q.notes().stream().anyMatch(n -> n.contains("dense/small_kernel") && n.contains("stays float32")),
                q.notes().toString());
        assertTrue(Emitter.float16Pays(m.mainSubgraph().tensor(wb)));
        assertTrue(!Emitter.float16Pays(m.mainSubgraph().tensor(ws)));
    }

    @Test
    void planNamingAMissingLayerIsRefused() {
        Plan p = Plan.uniform(Scheme.FLOAT16).with("no_such_layer", LayerChoice.of(Scheme.INT8));
        QuantizationException e = assertThrows(QuantizationException.class,
                () -> Quantizer.apply(twoFcSharingWeights(), p, ActivationRanges.empty()));
        assertTrue(e.getMessage().contains("no_such_layer"), e.getMessage());
    }

    @Test
    void explicitSchemeTheOpCannotTakeIsRefused() {
        Model m = withReshape();
        String reshape = LayerCatalog.of(m).get(1).id();
        Plan p = Plan.keepAll().with(reshape, LayerChoice.of(Scheme.DYNAMIC_INT8));
        QuantizationException e = assertThrows(QuantizationException.class,
                () -> Quantizer.apply(m, p, ActivationRanges.empty()));
        assertTrue(e.getMessage().contains("RESHAPE") && e.getMessage().contains("dynamic"), e.getMessage());
    }

    @Test
    void uniformDefaultFallsBackAndSaysSoOnlyWhereFloatWeightsStayFloat() {
        Model m = withReshape();
        QuantizationResult r = Quantizer.apply(m, Plan.uniform(Scheme.DYNAMIC_INT8), ActivationRanges.empty());
        // RESHAPE's only constant is its int32 shape: nothing there to quantize, so nothing to say.
        assertFalse(r.notes().stream().anyMatch(n -> n.contains("RESHAPE")), r.notes()::toString);
        Model small = new Quantizer(4096).quantize(m, Plan.uniform(Scheme.DYNAMIC_INT8), ActivationRanges.empty(),
                null).model();
        QuantizationResult f16 = Quantizer.apply(withFloatAddConstant(), Plan.uniform(Scheme.DYNAMIC_INT8),
                ActivationRanges.empty());
        assertTrue(f16.notes().stream().anyMatch(n -> n.contains("(ADD) cannot take dynamic: stays float32")),
                f16.notes()::toString);
        assertEquals(TensorType.FLOAT32, small.mainSubgraph().tensors().stream().filter(t -> t.name().equals("w"))
                .findFirst().orElseThrow().type(), "under the element minimum the FC weight stays float");
    }

    /** x + c with a float constant c: ADD has no hybrid kernel, so dynamic range leaves its float weight. */
    private static Model withFloatAddConstant() {
        GraphBuilder g = new GraphBuilder("main");
        int in = g.tensor("x", TensorType.FLOAT32, 1, 64);
        float[] c = new float[64];
        java.util.Arrays.fill(c, 0.25f);
        int ct = g.constant("c", new int[] {1, 64}, c);
        int y = g.tensor("y", TensorType.FLOAT32, 1, 64);
        g.op(BuiltinOp.ADD, 1, new int[] {in, ct}, new int[] {y},
                OpOptions.of("AddOptions", Map.of("fusedActivationFunction", (byte) 0)));
        return g.input(in).output(y).build("add");
    }

    @Test
    void alreadyQuantizedModelIsRefused() {
        Model q = Quantizer.apply(twoFcSharingWeights(), Plan.uniform(Scheme.DYNAMIC_INT8),
                ActivationRanges.empty()).model();
        QuantizationException e = assertThrows(QuantizationException.class,
                () -> Quantizer.apply(q, Plan.uniform(Scheme.FLOAT16), ActivationRanges.empty()));
        assertTrue(e.getMessage().contains("already quantized"), e.getMessage());
    }

    @Test
    void fullIntegerWithoutRangesIsRefusedNamingTheTensors() {
        QuantizationException e = assertThrows(QuantizationException.class,
                () -> Quantizer.apply(twoFcSharingWeights(), Plan.uniform(Scheme.INT8), ActivationRanges.empty()));
        assertTrue(e.getMessage().contains("'x'") && e.getMessage().contains("'h'"), e.getMessage());
    }

    @Test
    void int8UsesRangesWithFloatIoAndConverterVersions() {
        Model m = twoFcSharingWeights();
        Model q = Quantizer.apply(m, Plan.uniform(Scheme.INT8), allRanges(m)).model();
        var sg = q.mainSubgraph();
        assertEquals(TensorType.FLOAT32, sg.tensor(sg.inputs()[0]).type());
        assertEquals(TensorType.FLOAT32, sg.tensor(sg.outputs()[0]).type());
        assertEquals("QUANTIZE", sg.operators().get(0).code().displayName());
        assertEquals("DEQUANTIZE", sg.operators().get(sg.operators().size() - 1).code().displayName());
        Operator fc = sg.operators().get(1);
        assertEquals(4, fc.code().version(), "int8 FC (omitted bias still counts as an input slot) is version 4");
        Tensor act = sg.tensor(fc.input(0));
        assertEquals(8f / 255f, act.quantization().scale(0), 1e-7);
        assertEquals(0, act.quantization().zeroPoint(0) + 0, 1, "range [-4,4] has zero point near 0");
    }

    @Test
    void provenanceRecordsSourceDigestSchemesAndCalibration() {
        Model m = twoFcSharingWeights();
        Model q = Quantizer.apply(m, Plan.uniform(Scheme.INT8), allRanges(m)).model();
        JsonNode p = Provenance.read(q).orElseThrow();
        assertEquals(Quantizer.sha256(m), p.get("sourceSha256").asText());
        assertEquals("int8", Provenance.schemeOf(p, "h"));
        assertEquals("test", p.get("calibration").get("method").asText());
        assertEquals(1, p.get("calibration").get("samples").asInt());
        assertNotEquals("", p.get("toolVersion").asText());
    }

    @Test
    void quantizingKeepsEveryMetadataEntryAndTheAppendedZip() throws Exception {
        Model f = dev.slimfit.tflite.TfliteReader.read(java.nio.ByteBuffer.wrap(dev.slimfit.oracle.SharedModels.read(
                "imagenet/mobilenet_v1_0.25_128_float.tflite")), "f");
        Model labelled = dev.slimfit.tflite.TfliteReader.read(java.nio.ByteBuffer.wrap(dev.slimfit.oracle.SharedModels
                .read("imagenet/mobilenet_v1_0.25_128_quant.tflite")), "q");
        // graft the quant model's TFLITE_METADATA and label zip onto the float model
        var bufs = new java.util.ArrayList<>(f.buffers());
        var meta = new java.util.ArrayList<>(f.metadata());
        bufs.add(labelled.metadataBytes("TFLITE_METADATA").orElseThrow());
        meta.add(new dev.slimfit.model.Metadata("TFLITE_METADATA", bufs.size() - 1));
        Model src = new Model(f.version(), f.description(), f.subgraphs(), bufs, meta, f.signatureDefs(),
                f.metadataBuffer(), labelled.appended());
        Model q = Quantizer.apply(src, Plan.uniform(Scheme.FLOAT16), ActivationRanges.empty()).model();
        Model back = dev.slimfit.tflite.TfliteReader.read(dev.slimfit.tflite.TfliteWriter.toBytes(q), "back");
        for (var md : src.metadata()) {
            assertArrayEquals(src.buffer(md.buffer()).bytes(), back.metadataBytes(md.name()).orElseThrow().bytes(),
                    md.name());
        }
        assertTrue(back.metadataBytes(Quantizer.PROVENANCE_KEY).isPresent());
        assertEquals(src.appended(), back.appended());
        // the float source has no min_runtime_version; the export says what its ops need (DEQUANTIZE v3)
        assertEquals(java.util.Optional.empty(), src.minRuntimeVersion());
        assertEquals(java.util.Optional.of("1.15.0"), back.minRuntimeVersion());
    }

    private static Model withReshape() {
        GraphBuilder g = new GraphBuilder("main");
        int in = g.tensor("x", TensorType.FLOAT32, 1, 64);
        float[] w = new float[64 * 32];
        java.util.Arrays.fill(w, 0.5f);
        int wt = g.constant("w", new int[] {32, 64}, w);
        int h = g.tensor("h", TensorType.FLOAT32, 1, 32);
        int shape = g.constant("shape", new int[] {2}, new int[] {4, 8});
        int y = g.tensor("y", TensorType.FLOAT32, 4, 8);
        g.op(BuiltinOp.FULLY_CONNECTED, 1, new int[] {in, wt, -1}, new int[] {h},
                OpOptions.of("FullyConnectedOptions", Map.of("fusedActivationFunction", (byte) 0)));
        g.op(BuiltinOp.RESHAPE, 1, new int[] {h, shape}, new int[] {y}, null);
        return g.input(in).output(y).build("reshape");
    }
}
