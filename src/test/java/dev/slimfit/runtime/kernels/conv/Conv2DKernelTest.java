package dev.slimfit.runtime.kernels.conv;

import static dev.slimfit.runtime.kernels.conv.ConvModels.q;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.slimfit.model.BuiltinOp;
import dev.slimfit.model.Model;
import dev.slimfit.model.QuantizationParams;
import dev.slimfit.model.TensorType;
import dev.slimfit.testing.Conformance;
import dev.slimfit.testing.SingleOpModel;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Conv2DKernelTest {
    static final int SAME = 0;
    static final int VALID = 1;

    /** One conv case: NHWC input, OHWI filter, options. */
    record Case(TensorType in, TensorType filter, int[] inShape, int outC, int fh, int fw, int sh, int sw, int dh,
                int dw, int padding, int act, boolean bias, boolean perChannel) {
        Case with(TensorType i, TensorType f) {
            return new Case(i, f, inShape, outC, fh, fw, sh, sw, dh, dw, padding, act, bias, perChannel);
        }
    }

    static int outSize(int in, int f, int s, int d, int padding) {
        int eff = (f - 1) * d + 1;
        return padding == SAME ? (in + s - 1) / s : (in + s - eff) / s;
    }

    static Model model(Case c, long seed) {
        Random r = new Random(seed);
        int inC = c.inShape[3];
        int[] fShape = {c.outC, c.fh, c.fw, inC};
        int n = c.outC * c.fh * c.fw * inC;
        int[] outShape = {c.inShape[0], outSize(c.inShape[1], c.fh, c.sh, c.dh, c.padding),
                outSize(c.inShape[2], c.fw, c.sw, c.dw, c.padding), c.outC};
        int version = c.in == TensorType.INT16 ? 4 : c.in == TensorType.INT8 ? 3
                : c.dh != 1 || c.dw != 1 ? 2 : c.filter == TensorType.INT8 ? 2 : 1;
        SingleOpModel m = new SingleOpModel(BuiltinOp.CONV_2D, version);
        double spread = Math.sqrt(c.fh * c.fw * inC);
        switch (c.in) {
            case FLOAT32 -> {
                m.input("x", TensorType.FLOAT32, c.inShape);
                if (c.filter == TensorType.FLOAT32) {
                    m.constant("w", TensorType.FLOAT32, fShape, null, ConvModels.floats(r, n, 1f));
                } else {
                    QuantizationParams fq = c.perChannel ? ConvModels.perChannel(r, c.outC, 0, 0.01f) : q(0.01f, 0);
                    m.constant("w", TensorType.INT8, fShape, fq, ConvModels.codes(r, n, TensorType.INT8));
                }
                if (c.bias) {
                    ConvModels.floatBias(m, r, c.outC);
                } else {
                    m.omitted();
                }
                m.output("y", TensorType.FLOAT32, outShape);
            }
            case UINT8 -> {
                float inScale = 0.05f;
                QuantizationParams fq = q(0.02f, 131);
                m.input("x", TensorType.UINT8, c.inShape, q(inScale, 120));
                m.constant("w", TensorType.UINT8, fShape, fq, ConvModels.codes(r, n, TensorType.UINT8));
                if (c.bias) {
                    ConvModels.bias(m, r, TensorType.INT32, inScale, fq, c.outC);
                } else {
                    m.omitted();
                }
                m.output("y", TensorType.UINT8, outShape, q((float) (inScale * 0.02f * spread * 128 * 74 / 3 / 100), 97));
            }
            case INT8 -> {
                float inScale = 0.03f;
                QuantizationParams fq = c.perChannel ? ConvModels.perChannel(r, c.outC, 0, 0.02f) : q(0.02f, 0);
                m.input("x", TensorType.INT8, c.inShape, q(inScale, -3));
                m.constant("w", TensorType.INT8, fShape, fq, ConvModels.codes(r, n, TensorType.INT8));
                if (c.bias) {
                    ConvModels.bias(m, r, TensorType.INT32, inScale, fq, c.outC);
                } else {
                    m.omitted();
                }
                m.output("y", TensorType.INT8, outShape, q((float) (inScale * 0.02f * spread * 128 * 74 / 3 / 100), 5));
            }
            case INT16 -> {
                float inScale = 0.001f;
                QuantizationParams fq = c.perChannel ? ConvModels.perChannel(r, c.outC, 0, 0.02f) : q(0.02f, 0);
                m.input("x", TensorType.INT16, c.inShape, q(inScale, 0));
                m.constant("w", TensorType.INT8, fShape, fq, ConvModels.codes(r, n, TensorType.INT8));
                if (c.bias) {
                    ConvModels.bias(m, r, TensorType.INT64, inScale, fq, c.outC);
                } else {
                    m.omitted();
                }
                m.output("y", TensorType.INT16, outShape,
                        q((float) (inScale * 0.02f * spread * 32768 * 74 / 3 / 20000), 0));
            }
            default -> throw new IllegalArgumentException(c.in.toString());
        }
        m.options("Conv2DOptions", Map.of("padding", (byte) c.padding, "strideW", c.sw, "strideH", c.sh,
                "fusedActivationFunction", (byte) c.act, "dilationWFactor", c.dw, "dilationHFactor", c.dh));
        return m.build();
    }

    static Case base(TensorType t, TensorType f) {
        return new Case(t, f, new int[] {1, 7, 9, 5}, 6, 3, 3, 1, 1, 1, 1, SAME, 0, true, true);
    }

    static void checkAll(TensorType t, TensorType f) {
        checkAll(t, f, Conformance.FLOAT_TOL);
    }

    static void checkAll(TensorType t, TensorType f, double floatTol) {
        Case b = base(t, f);
        Case[] cases = {
            b,
            new Case(t, f, new int[] {2, 8, 6, 3}, 4, 3, 3, 2, 2, 1, 1, SAME, 1, true, true),
            new Case(t, f, new int[] {1, 9, 10, 4}, 7, 3, 2, 2, 1, 1, 1, VALID, 3, true, true),
            new Case(t, f, new int[] {1, 9, 9, 3}, 5, 3, 3, 1, 1, 2, 3, SAME, 2, true, true),
            new Case(t, f, new int[] {1, 6, 7, 8}, 9, 1, 1, 1, 1, 1, 1, VALID, 0, true, true),
            new Case(t, f, new int[] {1, 7, 7, 8}, 3, 1, 1, 2, 2, 1, 1, SAME, 3, true, true),
            new Case(t, f, new int[] {1, 5, 5, 2}, 3, 5, 5, 1, 1, 1, 1, VALID, 4, true, false),
            new Case(t, f, new int[] {1, 4, 5, 2}, 3, 4, 4, 3, 3, 1, 1, SAME, 0, true, false),
            // 3*3*70 = 630 taps: more than one exact-float chunk of 256 in the 8-bit paths.
            new Case(t, f, new int[] {1, 6, 6, 70}, 5, 3, 3, 1, 1, 1, 1, SAME, 1, true, true),
        };
        for (Case c : cases) {
            Conformance.check(model(c, 11), 2, floatTol, dev.slimfit.oracle.InProcessOracle.get());
        }
    }

    /** Bit for bit: the summation follows 2.6.2's Eigen GEMM ({@link EigenGemm}, {@link EigenGemv}). */
    @Test
    void float32MatchesTfliteAcrossPaddingStridesDilationAndActivations() {
        checkAll(TensorType.FLOAT32, TensorType.FLOAT32, 0.0);
    }

    /**
     * Convs whose GEMM is a matrix-vector or dot product (one output pixel or one output channel):
     * 2.6.2's Eigen sums them in SSE lanes ({@link EigenGemv}), and a hybrid conv downstream turns
     * an ulp into an int8 code, so these are held bit for bit. The first two are the geometry of
     * style_transfer_dynamic_384's style-parameter convs (1x1 on a 1x1x100 bottleneck).
     */
    @Test
    void float32MatrixVectorShapesAreBitExact() {
        TensorType f = TensorType.FLOAT32;
        checkBitExact(13,
            new Case(f, f, new int[] {1, 1, 1, 100}, 8, 1, 1, 1, 1, 1, 1, VALID, 0, true, true),
            new Case(f, f, new int[] {1, 1, 1, 100}, 3, 1, 1, 1, 1, 1, 1, VALID, 0, true, true),
            new Case(f, f, new int[] {1, 1, 1, 13}, 5, 1, 1, 1, 1, 1, 1, VALID, 1, true, true),
            new Case(f, f, new int[] {1, 3, 3, 7}, 6, 3, 3, 1, 1, 1, 1, VALID, 0, true, true),
            new Case(f, f, new int[] {1, 1, 1, 6}, 4, 3, 3, 1, 1, 1, 1, SAME, 3, true, true),
            new Case(f, f, new int[] {1, 6, 7, 5}, 1, 3, 3, 1, 1, 1, 1, SAME, 0, true, true),
            new Case(f, f, new int[] {1, 9, 8, 3}, 1, 3, 3, 2, 2, 2, 1, SAME, 1, true, true),
            new Case(f, f, new int[] {1, 1, 1, 100}, 1, 1, 1, 1, 1, 1, 1, VALID, 0, true, true),
            new Case(f, f, new int[] {1, 1, 1, 21}, 1, 1, 1, 1, 1, 1, 1, VALID, 0, true, true),
            new Case(f, f, new int[] {1, 1, 1, 12}, 1, 1, 1, 1, 1, 1, 1, VALID, 0, true, true),
            new Case(f, f, new int[] {1, 1, 1, 3}, 1, 1, 1, 1, 1, 1, 1, VALID, 0, true, true));
    }

    private static void checkBitExact(long seed, Case... cases) {
        for (Case c : cases) {
            Conformance.check(model(c, seed), 3, 0.0, dev.slimfit.oracle.InProcessOracle.get());
        }
    }

    /**
     * Channel counts that are not a multiple of 8: 2.6.2's Eigen GEMM sums the last channels in
     * its one-packet / single-row micro kernels' orders, and depths beyond its L1 block in passes
     * ({@link EigenGemm}); held bit for bit. The first is deeplabv3's expanded_conv_1/project
     * (1x1, k = 48, 12 channels), on fewer pixels.
     */
    @Test
    void float32RemainderChannelsAndDepthPassesAreBitExact() {
        TensorType f = TensorType.FLOAT32;
        checkBitExact(17,
            new Case(f, f, new int[] {1, 9, 9, 48}, 12, 1, 1, 1, 1, 1, 1, VALID, 0, true, true),
            new Case(f, f, new int[] {1, 7, 6, 13}, 5, 3, 3, 1, 1, 1, 1, SAME, 1, true, true),
            new Case(f, f, new int[] {2, 8, 7, 9}, 7, 3, 3, 2, 2, 1, 1, SAME, 0, true, true),
            new Case(f, f, new int[] {1, 10, 9, 11}, 13, 3, 3, 1, 1, 2, 2, SAME, 3, true, true),
            new Case(f, f, new int[] {1, 6, 6, 70}, 21, 3, 3, 1, 1, 1, 1, VALID, 0, true, true),
            new Case(f, f, new int[] {1, 35, 35, 10}, 3, 1, 1, 1, 1, 1, 1, VALID, 0, true, true),
            // k = 900 and 1440 exceed Eigen's L1 depth block: passes of 456 + 444 and 488 + 488 + 464.
            new Case(f, f, new int[] {1, 5, 5, 100}, 16, 3, 3, 1, 1, 1, 1, SAME, 0, true, true),
            new Case(f, f, new int[] {1, 7, 7, 160}, 13, 3, 3, 1, 1, 1, 1, SAME, 1, true, true),
            new Case(f, f, new int[] {1, 6, 7, 160}, 45, 3, 3, 1, 1, 1, 1, SAME, 0, true, true));
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
    void int16ActivationsWithInt8FiltersUseInt64Accumulation() {
        checkAll(TensorType.INT16, TensorType.INT8);
    }

    /**
     * Bit for bit: the integer dot products are exact, and the per-channel dequantization is
     * {@code acc * (channelScale * inputScale) + bias} as optimized_ops::HybridConvPerChannel
     * forms it ({@code (acc * channelScale) * inputScale} was off by an ulp, which a dynamic-range
     * DeepLab turned into 0.18 at its output through later hybrid convs).
     */
    @Test
    void hybridFloatInputWithInt8FilterMatches() {
        checkAll(TensorType.FLOAT32, TensorType.INT8, 0.0);
    }

    @Test
    void missingBiasIsRejectedAsTflite262Does() {
        Model m = model(new Case(TensorType.FLOAT32, TensorType.FLOAT32, new int[] {1, 4, 4, 2}, 3, 1, 1, 1, 1, 1, 1,
                VALID, 0, false, true), 1);
        var ref = dev.slimfit.oracle.InProcessOracle.get().run(
                ConvModels.bytes(m), Conformance.inputs(m, 0),
                dev.slimfit.oracle.OracleOptions.DEFAULT);
        org.junit.jupiter.api.Assertions.assertFalse(ref.isOk(), "TFLite 2.6.2 accepted a conv without bias");
        org.junit.jupiter.api.Assertions.assertThrows(dev.slimfit.runtime.KernelException.class,
                () -> Conformance.runOurs(m, Conformance.inputs(m, 0), 1));
    }

    @Test
    void twoThreadsGiveTheSameBytesAsOne() throws Exception {
        for (TensorType t : new TensorType[] {TensorType.FLOAT32, TensorType.INT8}) {
            Case c = new Case(t, t, new int[] {1, 33, 31, 16}, 24, 3, 3, 1, 1, 1, 1, SAME, 3, true, true);
            Model m = model(c, 5);
            var in = Conformance.inputs(m, 3);
            var one = Conformance.runOurs(m, in, 1);
            var two = Conformance.runOurs(m, in, 2);
            assertArrayEquals(one.get(0), two.get(0));
        }
    }

    @Test
    void twoThreadsSplittingOneTilesChannelsGiveTheSameBytesAsOne() throws Exception {
        // A 4x4 output is one pixel tile: two threads then split its output channels.
        for (TensorType t : new TensorType[] {TensorType.FLOAT32, TensorType.INT8, TensorType.UINT8}) {
            for (int f : new int[] {1, 3}) {
                Case c = new Case(t, t, new int[] {1, 4, 4, 96}, 200, f, f, 1, 1, 1, 1, SAME, 1, true, t == TensorType.INT8);
                Model m = model(c, 9);
                var in = Conformance.inputs(m, 2);
                assertArrayEquals(Conformance.runOurs(m, in, 1).get(0), Conformance.runOurs(m, in, 2).get(0),
                        t + " " + f + "x" + f);
            }
        }
    }

    @Test
    void hybridTwoThreadsGiveTheSameBytesAsOne() throws Exception {
        for (boolean perChannel : new boolean[] {false, true}) {
            Case c = new Case(TensorType.FLOAT32, TensorType.INT8, new int[] {2, 33, 31, 16}, 24, 3, 3, 1, 1, 1, 1,
                    SAME, 3, true, perChannel);
            Model m = model(c, 5);
            var in = Conformance.inputs(m, 3);
            assertArrayEquals(Conformance.runOurs(m, in, 1).get(0), Conformance.runOurs(m, in, 2).get(0));
        }
    }
}
