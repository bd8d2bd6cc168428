package dev.slimfit.runtime.kernels.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.slimfit.model.BuiltinOp;
import dev.slimfit.model.Model;
import dev.slimfit.model.TensorType;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.testing.Conformance;
import dev.slimfit.testing.SingleOpModel;
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

    @Test
    void perChannelWeightsAreRejectedBecauseTflite262OutputsZeros() {
        SingleOpModel m = new SingleOpModel(BuiltinOp.FULLY_CONNECTED, 4);
        Random r = new Random(1);
        var fq = ConvModels.perChannel(r, 4, 0, 0.02f);
        m.input("x", TensorType.INT8, new int[] {1, 6}, ConvModels.q(0.03f, 0));
        m.constant("w", TensorType.INT8, new int[] {4, 6}, fq, ConvModels.codes(r, 24, TensorType.INT8));
        ConvModels.bias(m, r, TensorType.INT32, 0.03f, fq, 4);
        m.output("y", TensorType.INT8, new int[] {1, 4}, ConvModels.q(0.05f, 0));
        Model model = m.options("FullyConnectedOptions", Map.of()).build();
        assertThrows(KernelException.class, () -> Conformance.runOurs(model, Conformance.inputs(model, 0), 1));
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
}
