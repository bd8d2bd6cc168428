package dev.slimfit.runtime.kernels.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.slimfit.model.BuiltinOp;
import dev.slimfit.model.Model;
import dev.slimfit.model.TensorType;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.testing.Conformance;
import dev.slimfit.testing.SingleOpModel;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FullyConnectedKernelTest {
    record Case(TensorType in, TensorType w, TensorType out, int[] inShape, int units, boolean keep, int act,
                boolean bias, boolean asymmetric) {
    }

    static Model model(Case c, long seed) {
        int depth = c.keep ? c.inShape[c.inShape.length - 1] : 12;
        int total = 1;
        for (int d : c.inShape) {
            total *= d;
        }
        int[] outShape = c.keep ? c.inShape.clone() : new int[] {total / depth, c.units};
        outShape[outShape.length - 1] = c.units;
        int version = c.in == TensorType.INT16 ? 7 : c.in == TensorType.INT8 ? 4 : c.keep ? 5 : 3;
        if (c.asymmetric || c.in == TensorType.FLOAT32 && c.w == TensorType.INT8) {
            version = c.asymmetric ? 9 : Math.max(version, 3);
        }
        SingleOpModel m = new SingleOpModel(BuiltinOp.FULLY_CONNECTED, version);
        Random r = new Random(seed);
        ConvModels.convLike(m, r, c.in, c.w, c.inShape, new int[] {c.units, depth}, c.units, 0, false, depth,
                c.bias, outShape);
        Model built = m.options("FullyConnectedOptions", Map.of("fusedActivationFunction", (byte) c.act,
                "keepNumDims", c.keep, "asymmetricQuantizeInputs", c.asymmetric)).build();
        if (c.out != c.in) {
            // uint8 input with int16 output: swap the output tensor's type and give it a 16-bit scale.
            var sg = built.mainSubgraph();
            var t = sg.tensor(sg.outputs()[0]);
            m = new SingleOpModel(BuiltinOp.FULLY_CONNECTED, version);
            ConvModels.convLike(m, new Random(seed), c.in, c.w, c.inShape, new int[] {c.units, depth}, c.units, 0,
                    false, depth, c.bias, outShape);
            return rebuildWithOutput(m, c, t.quantization().scale(0) / 200f, outShape);
        }
        return built;
    }

    private static Model rebuildWithOutput(SingleOpModel unused, Case c, float scale, int[] outShape) {
        SingleOpModel m = new SingleOpModel(BuiltinOp.FULLY_CONNECTED, 3);
        Random r = new Random(7);
        int depth = 12;
        m.input("x", TensorType.UINT8, c.inShape, ConvModels.q(0.05f, 120));
        var fq = ConvModels.q(0.02f, 131);
        m.constant("w", TensorType.UINT8, new int[] {c.units, depth}, fq, ConvModels.codes(r, c.units * depth,
                TensorType.UINT8));
        ConvModels.bias(m, r, TensorType.INT32, 0.05f, fq, c.units);
        m.output("y", TensorType.INT16, outShape, ConvModels.q(scale, 0));
        return m.options("FullyConnectedOptions", Map.of("fusedActivationFunction", (byte) c.act)).build();
    }

    static void checkAll(TensorType t, TensorType w) {
        int keepRank = t == TensorType.INT16 ? 2 : 3;
        Case[] cases = {
            new Case(t, w, t, new int[] {1, 12}, 7, false, 0, true, false),
            new Case(t, w, t, new int[] {5, 12}, 9, false, 1, true, false),
            new Case(t, w, t, new int[] {2, 3, 12}, 5, false, 3, false, false),
            new Case(t, w, t, keepRank == 3 ? new int[] {2, 3, 10} : new int[] {4, 10}, 6, true, 2, true, false),
            new Case(t, w, t, new int[] {8, 12}, 33, false, 0, false, false),
        };
        for (Case c : cases) {
            Conformance.check(model(c, 17), 3);
        }
    }

    @Test
    void float32MatchesTflite() {
        checkAll(TensorType.FLOAT32, TensorType.FLOAT32);
    }

    @Test
    void uint8IsBitExact() {
        checkAll(TensorType.UINT8, TensorType.UINT8);
    }

    @Test
    void uint8InputWithInt16OutputIsBitExact() {
        Conformance.check(model(new Case(TensorType.UINT8, TensorType.UINT8, TensorType.INT16, new int[] {3, 12}, 8,
                false, 0, true, false), 3), 3);
    }

    @Test
    void int8IsBitExact() {
        checkAll(TensorType.INT8, TensorType.INT8);
    }

    @Test
    void int16ActivationsWithInt8WeightsAreBitExact() {
        checkAll(TensorType.INT16, TensorType.INT8);
    }

    @Test
    void hybridSymmetricInputQuantizationMatches() {
        checkAll(TensorType.FLOAT32, TensorType.INT8);
    }

    @Test
    void hybridAsymmetricInputQuantizationMatches() {
        for (int act : new int[] {0, 1, 4}) {
            Conformance.check(model(new Case(TensorType.FLOAT32, TensorType.INT8, TensorType.FLOAT32,
                    new int[] {6, 12}, 11, false, act, true, true), 19), 3);
        }
    }

    static Model perChannelModel(TensorType t, int batches, int units, int act, long seed) {
        SingleOpModel m = new SingleOpModel(BuiltinOp.FULLY_CONNECTED, t == TensorType.INT16 ? 7 : 4);
        Random r = new Random(seed);
        var fq = ConvModels.perChannel(r, units, 0, 0.02f);
        float inScale = t == TensorType.INT16 ? 0.001f : 0.03f;
        m.input("x", t, new int[] {batches, 6}, ConvModels.q(inScale, t == TensorType.INT16 ? 0 : -3));
        m.constant("w", TensorType.INT8, new int[] {units, 6}, fq, ConvModels.codes(r, units * 6, TensorType.INT8));
        ConvModels.bias(m, r, t == TensorType.INT16 ? TensorType.INT64 : TensorType.INT32, inScale, fq, units);
        m.output("y", t, new int[] {batches, units}, ConvModels.q(0.05f, t == TensorType.INT16 ? 0 : 7));
        return m.options("FullyConnectedOptions", Map.of("fusedActivationFunction", (byte) act)).build();
    }

    @Test
    void perChannelWeightsGiveTheOutputZeroPointEverywhereAsTflite262() throws Exception {
        for (TensorType t : new TensorType[] {TensorType.INT8, TensorType.INT16}) {
            for (int act : new int[] {0, 1, 3}) {
                Model model = perChannelModel(t, 3, 5, act, act + 1);
                // The oracle itself shows the defect: every output code is the zero point.
                var in = Conformance.inputs(model, 0);
                var ref = dev.slimfit.oracle.InProcessOracle.get().run(ConvModels.bytes(model), in,
                        dev.slimfit.oracle.OracleOptions.DEFAULT);
                org.junit.jupiter.api.Assertions.assertTrue(ref.isOk(), ref.message());
                byte[] y = ref.outputBytes(0);
                int zp = t == TensorType.INT16 ? 0 : 7;
                for (int i = 0; i < y.length; i += t == TensorType.INT16 ? 2 : 1) {
                    int v = t == TensorType.INT16 ? (short) ((y[i] & 0xFF) | (y[i + 1] << 8)) : y[i];
                    assertEquals(zp, v, "TFLite 2.6.2 output code " + i);
                }
                Conformance.check(model, 3);
            }
        }
    }

    @Test
    void hybridPerChannelWeightsGiveTheBiasAsTflite262() throws Exception {
        for (int act : new int[] {0, 1, 4}) {
            for (boolean bias : new boolean[] {true, false}) {
                SingleOpModel m = new SingleOpModel(BuiltinOp.FULLY_CONNECTED, 3);
                Random r = new Random(act);
                var fq = ConvModels.perChannel(r, 5, 0, 0.02f);
                m.input("x", TensorType.FLOAT32, new int[] {3, 6});
                m.constant("w", TensorType.INT8, new int[] {5, 6}, fq, ConvModels.codes(r, 30, TensorType.INT8));
                if (bias) {
                    ConvModels.floatBias(m, r, 5);
                } else {
                    m.omitted();
                }
                m.output("y", TensorType.FLOAT32, new int[] {3, 5});
                Model model = m.options("FullyConnectedOptions", Map.of("fusedActivationFunction", (byte) act)).build();
                // Within the float bar only: 2.6.2 lands about one ulp off the bias (see the kernel).
                Conformance.check(model, 2);
                try (var it = dev.slimfit.runtime.Interpreter.create(model)) {
                    assertEquals(1, it.warnings().size());
                }
            }
        }
    }

    @Test
    void perChannelWeightsRaiseANodeWarning() throws Exception {
        Model model = perChannelModel(TensorType.INT8, 1, 4, 0, 1);
        try (var it = dev.slimfit.runtime.Interpreter.create(model)) {
            assertEquals(1, it.warnings().size());
            assertTrue(it.warnings().get(0).message().contains("zero point"), it.warnings().toString());
        }
        try (var it = dev.slimfit.runtime.Interpreter.create(model(new Case(TensorType.INT8, TensorType.INT8,
                TensorType.INT8, new int[] {1, 12}, 7, false, 0, true, false), 17))) {
            assertEquals(List.of(), it.warnings());
        }
    }

    @Test
    void int16KeepNumDimsAboveRankTwoIsRejected() {
        SingleOpModel m = new SingleOpModel(BuiltinOp.FULLY_CONNECTED, 7);
        ConvModels.convLike(m, new Random(3), TensorType.INT16, TensorType.INT8, new int[] {2, 3, 10},
                new int[] {6, 10}, 6, 0, false, 10, true, new int[] {2, 3, 6});
        Model model = m.options("FullyConnectedOptions", Map.of("keepNumDims", true)).build();
        assertThrows(KernelException.class, () -> Conformance.runOurs(model, Conformance.inputs(model, 0), 1));
    }

    @Test
    void twoThreadsGiveTheSameBytesAsOne() throws Exception {
        for (TensorType t : new TensorType[] {TensorType.FLOAT32, TensorType.INT8}) {
            Model m = model(new Case(t, t, t, new int[] {3, 12}, 4000, false, 0, true, false), 3);
            var in = Conformance.inputs(m, 1);
            assertArrayEquals(Conformance.runOurs(m, in, 1).get(0), Conformance.runOurs(m, in, 2).get(0));
        }
    }

    @Test
    void hybridTwoThreadsGiveTheSameBytesAsOne() throws Exception {
        for (boolean asymmetric : new boolean[] {false, true}) {
            Model m = model(new Case(TensorType.FLOAT32, TensorType.INT8, TensorType.FLOAT32, new int[] {3, 12}, 4000,
                    false, 0, true, asymmetric), 3);
            var in = Conformance.inputs(m, 1);
            assertArrayEquals(Conformance.runOurs(m, in, 1).get(0), Conformance.runOurs(m, in, 2).get(0));
        }
    }
}
