package dev.slimfit.optimize.quantize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimfit.model.Model;
import dev.slimfit.model.Operator;
import dev.slimfit.model.QuantizationParams;
import dev.slimfit.model.Subgraph;
import dev.slimfit.model.Tensor;
import dev.slimfit.model.TensorType;
import dev.slimfit.oracle.SharedModels;
import dev.slimfit.optimize.ActivationRanges;
import dev.slimfit.optimize.IoType;
import dev.slimfit.optimize.Plan;
import dev.slimfit.optimize.Scheme;
import dev.slimfit.testing.Conformance;
import dev.slimfit.tflite.TfliteReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Our int8 and dynamic-range outputs of conv_fc_mnist_float against Google's own quantizations
 * of it (AI Edge Quantizer test models): same ops, tensor types and quantization structure.
 * Known, deliberate differences (asserted, so a change shows up): Google's files keep every op at
 * version 1 (we write op_version.cc's versions); their FULLY_CONNECTED weights are per-channel
 * (TFLite 2.6.2's int8 FC ignores per-channel scales, so ours are per-tensor); their weight-only
 * file dequantizes asymmetric int8 weights for float kernels, while dynamic range uses hybrid
 * kernels on symmetric weights (no DEQUANTIZE).
 */
class GoogleStructureTest {
    private static Model load(String rel) throws Exception {
        return TfliteReader.read(ByteBuffer.wrap(SharedModels.read(rel)), rel);
    }

    /** Calibration on seeded inputs folded into [0, 1], MNIST's pixel range. */
    private static ActivationRanges mnistRanges(Model f) {
        List<List<byte[]>> in = new ArrayList<>();
        for (int s = 0; s < 5; s++) {
            byte[] b = Conformance.inputs(f, 500 + s).get(0);
            ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < b.length; i += 4) {
                bb.putFloat(i, Math.abs(bb.getFloat(i)));
            }
            in.add(List.of(b));
        }
        return OracleRanges.of(f, in);
    }

    @Test
    void int8MatchesGoogleA8W8Structure() throws Exception {
        Model f = load("mnist/conv_fc_mnist_float.tflite");
        Model theirs = load("mnist/conv_fc_mnist_a8w8_int8.tflite");
        Model ours = Quantizer.apply(f, Plan.uniform(Scheme.INT8).withIo(IoType.INT8), mnistRanges(f)).model();
        Subgraph a = ours.mainSubgraph();
        Subgraph b = theirs.mainSubgraph();
        assertEquals(names(b), names(a));
        assertEquals(List.of(3, 2, 1, 4, 4, 2), versions(a), "op_version.cc versions");
        assertEquals(List.of(1, 1, 1, 1, 1, 1), versions(b), "Google's file keeps version 1");
        for (int i = 0; i < a.operators().size(); i++) {
            Operator x = a.operators().get(i);
            Operator y = b.operators().get(i);
            boolean fc = x.code().displayName().equals("FULLY_CONNECTED");
            assertEquals(x.inputCount(), y.inputCount());
            for (int s = 0; s < x.inputCount(); s++) {
                sameStructure(a, x.input(s), b, y.input(s), fc && s >= 1);
            }
            sameStructure(a, x.output(0), b, y.output(0), false);
        }
        QuantizationParams in = a.tensor(a.inputs()[0]).quantization();
        QuantizationParams theirIn = b.tensor(b.inputs()[0]).quantization();
        assertEquals(theirIn.scale(0), in.scale(0), 0.02 * theirIn.scale(0));
        assertEquals(theirIn.zeroPoint(0), in.zeroPoint(0));
        Tensor soft = a.tensor(a.outputs()[0]);
        assertEquals(1f / 256f, soft.quantization().scale(0));
        assertEquals(-128, soft.quantization().zeroPoint(0));
    }

    @Test
    void dynamicRangeQuantizesTheSameWeightsAsGoogleWeightOnly() throws Exception {
        Model f = load("mnist/conv_fc_mnist_float.tflite");
        Model theirs = load("mnist/conv_fc_mnist_weightonly_int8.tflite");
        Model ours = new Quantizer(0).quantize(f, Plan.uniform(Scheme.DYNAMIC_INT8), ActivationRanges.empty(), null)
                .model();
        List<String> theirOps = names(theirs.mainSubgraph());
        theirOps.removeIf("DEQUANTIZE"::equals);
        assertEquals(theirOps, names(ours.mainSubgraph()));
        assertEquals(int8Tensors(theirs), int8Tensors(ours));
        assertEquals(List.of(5, 1, 1, 9, 9, 1), versions(ours.mainSubgraph()), "hybrid conv per-channel v5, FC v9");
    }

    @Test
    void defaultDynamicRangeKeepsSmallWeightsFloatLikeTheConverter() throws Exception {
        Model f = load("mnist/conv_fc_mnist_float.tflite");
        QuantizationResult r = Quantizer.apply(f, Plan.uniform(Scheme.DYNAMIC_INT8), ActivationRanges.empty());
        assertEquals(new TreeSet<>(List.of("arith.constant1")), int8Tensors(r.model()));
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("72 elements")), r.notes()::toString);
    }

    private static void sameStructure(Subgraph a, int ta, Subgraph b, int tb, boolean fcWeights) {
        assertEquals(ta < 0, tb < 0);
        if (ta < 0) {
            return;
        }
        Tensor x = a.tensor(ta);
        Tensor y = b.tensor(tb);
        assertEquals(y.type(), x.type(), x.name());
        assertEquals(y.isQuantized(), x.isQuantized(), x.name());
        if (!x.isQuantized()) {
            return;
        }
        if (fcWeights) {
            assertTrue(y.quantization().isPerChannel() && !x.quantization().isPerChannel(), x.name());
        } else {
            assertEquals(y.quantization().channelCount(), x.quantization().channelCount(), x.name());
            assertEquals(y.quantization().quantizedDimension(), x.quantization().quantizedDimension(), x.name());
        }
    }

    private static TreeSet<String> int8Tensors(Model m) {
        TreeSet<String> s = new TreeSet<>();
        for (Tensor t : m.mainSubgraph().tensors()) {
            if (t.type() == TensorType.INT8) {
                s.add(t.name());
            }
        }
        return s;
    }

    private static List<String> names(Subgraph sg) {
        List<String> l = new ArrayList<>();
        sg.operators().forEach(o -> l.add(o.code().displayName()));
        return l;
    }

    private static List<Integer> versions(Subgraph sg) {
        List<Integer> l = new ArrayList<>();
        sg.operators().forEach(o -> l.add(o.code().version()));
        return l;
    }
}
