package dev.slimfit.runtime.kernels.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.slimfit.model.BuiltinOp;
import dev.slimfit.model.Model;
import dev.slimfit.model.TensorType;
import dev.slimfit.testing.Conformance;
import dev.slimfit.testing.SingleOpModel;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DepthwiseConv2DKernelTest {
    static final int SAME = 0;
    static final int VALID = 1;

    record Case(TensorType in, TensorType filter, int[] inShape, int mult, int fh, int fw, int sh, int sw, int dh,
                int dw, int padding, int act, boolean perChannel) {
    }

    static Model model(Case c, long seed) {
        int inC = c.inShape[3];
        int outC = inC * c.mult;
        int[] outShape = {c.inShape[0], Conv2DKernelTest.outSize(c.inShape[1], c.fh, c.sh, c.dh, c.padding),
                Conv2DKernelTest.outSize(c.inShape[2], c.fw, c.sw, c.dw, c.padding), outC};
        int version = c.in == TensorType.FLOAT32 && c.filter == TensorType.INT8 ? 6
                : c.in == TensorType.INT16 ? 5 : c.in == TensorType.INT8 ? 3 : c.dh != 1 || c.dw != 1 ? 2 : 1;
        SingleOpModel m = new SingleOpModel(BuiltinOp.DEPTHWISE_CONV_2D, version);
        ConvModels.convLike(m, new Random(seed), c.in, c.filter, c.inShape, new int[] {1, c.fh, c.fw, outC}, outC, 3,
                c.perChannel, c.fh * c.fw, true, outShape);
        m.options("DepthwiseConv2DOptions", Map.of("padding", (byte) c.padding, "strideW", c.sw, "strideH", c.sh,
                "depthMultiplier", c.mult, "fusedActivationFunction", (byte) c.act, "dilationWFactor", c.dw,
                "dilationHFactor", c.dh));
        return m.build();
    }

    static void checkAll(TensorType t, TensorType f) {
        Case[] cases = {
            new Case(t, f, new int[] {1, 7, 9, 5}, 1, 3, 3, 1, 1, 1, 1, SAME, 0, true),
            new Case(t, f, new int[] {2, 8, 6, 3}, 2, 3, 3, 2, 2, 1, 1, SAME, 1, true),
            new Case(t, f, new int[] {1, 9, 10, 4}, 3, 3, 2, 2, 1, 1, 1, VALID, 3, true),
            new Case(t, f, new int[] {1, 9, 9, 6}, 1, 3, 3, 1, 1, 2, 3, SAME, 2, true),
            new Case(t, f, new int[] {1, 6, 7, 16}, 1, 3, 3, 2, 2, 1, 1, SAME, 3, true),
            new Case(t, f, new int[] {1, 5, 5, 2}, 2, 5, 5, 1, 1, 1, 1, VALID, 4, false),
            new Case(t, f, new int[] {1, 4, 5, 3}, 1, 1, 1, 1, 1, 1, 1, SAME, 0, false),
            new Case(t, f, new int[] {1, 20, 20, 32}, 1, 3, 3, 1, 1, 1, 1, SAME, 0, true),
            // 17x16 = 272 taps: beyond the exact-float range, the 8-bit paths accumulate in int.
            new Case(t, f, new int[] {1, 5, 6, 2}, 1, 17, 16, 1, 1, 1, 1, SAME, 1, true),
        };
        for (Case c : cases) {
            Conformance.check(model(c, 13), 2);
        }
    }

    @Test
    void float32MatchesTfliteIncludingDepthMultiplierAndDilation() {
        checkAll(TensorType.FLOAT32, TensorType.FLOAT32);
    }

    @Test
    void uint8UsesLegacyMultiplierAndFilterZeroPoint() {
        checkAll(TensorType.UINT8, TensorType.UINT8);
    }

    @Test
    void int8PerChannelIsBitExact() {
        checkAll(TensorType.INT8, TensorType.INT8);
    }

    @Test
    void int16ActivationsWithInt8FiltersAreBitExact() {
        checkAll(TensorType.INT16, TensorType.INT8);
    }

    @Test
    void hybridFloatInputWithInt8PerChannelFilterIsBitExact() throws Exception {
        Case[] cases = {
            new Case(TensorType.FLOAT32, TensorType.INT8, new int[] {1, 7, 9, 5}, 1, 3, 3, 1, 1, 1, 1, SAME, 0, true),
            new Case(TensorType.FLOAT32, TensorType.INT8, new int[] {2, 8, 6, 3}, 2, 3, 3, 2, 2, 1, 1, SAME, 1, true),
            new Case(TensorType.FLOAT32, TensorType.INT8, new int[] {1, 9, 10, 4}, 3, 3, 2, 2, 1, 1, 1, VALID, 3,
                    true),
            new Case(TensorType.FLOAT32, TensorType.INT8, new int[] {1, 9, 9, 6}, 1, 3, 3, 1, 1, 2, 3, SAME, 2, true),
            new Case(TensorType.FLOAT32, TensorType.INT8, new int[] {1, 12, 12, 16}, 1, 3, 3, 2, 2, 1, 1, SAME, 3,
                    true),
            new Case(TensorType.FLOAT32, TensorType.INT8, new int[] {1, 6, 7, 32}, 1, 5, 5, 1, 1, 1, 1, SAME, 0,
                    true),
        };
        for (Case c : cases) {
            Model m = model(c, 21);
            Conformance.check(m, 2, 0.0, dev.slimfit.oracle.InProcessOracle.get());
            // Non-negative inputs: asymmetric zero point -128, so skipped padding taps would show.
            byte[] file = ConvModels.bytes(m);
            for (int seed = 0; seed < 2; seed++) {
                var in = Conformance.inputs(m, seed);
                var bb = java.nio.ByteBuffer.wrap(in.get(0)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < in.get(0).length / 4; i++) {
                    bb.putFloat(4 * i, Math.abs(bb.getFloat(4 * i)) * 6);
                }
                var ref = dev.slimfit.oracle.InProcessOracle.get().run(file, in,
                        dev.slimfit.oracle.OracleOptions.DEFAULT);
                org.junit.jupiter.api.Assertions.assertTrue(ref.isOk(), ref.message());
                Conformance.compare("y", TensorType.FLOAT32, ref.outputBytes(0), Conformance.runOurs(m, in, 1).get(0),
                        0.0, "non-negative input, seed " + seed);
            }
        }
    }

    @Test
    void twoThreadsGiveTheSameBytesAsOne() throws Exception {
        for (TensorType t : new TensorType[] {TensorType.FLOAT32, TensorType.UINT8}) {
            Model m = model(new Case(t, t, new int[] {1, 40, 33, 32}, 1, 3, 3, 1, 1, 1, 1, SAME, 3, true), 5);
            var in = Conformance.inputs(m, 3);
            assertArrayEquals(Conformance.runOurs(m, in, 1).get(0), Conformance.runOurs(m, in, 2).get(0));
        }
    }
}
