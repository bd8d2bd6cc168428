package dev.slimfit.runtime.kernels.elementwise;

import static dev.slimfit.runtime.kernels.elementwise.OpTests.check;
import static dev.slimfit.runtime.kernels.elementwise.OpTests.q;
import static dev.slimfit.runtime.kernels.elementwise.OpTests.unary;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.slimfit.model.BuiltinOp;
import dev.slimfit.model.Model;
import dev.slimfit.model.QuantizationParams;
import dev.slimfit.model.TensorType;
import dev.slimfit.runtime.Interpreter;
import java.nio.ByteBuffer;
import java.util.Arrays;
import dev.slimfit.testing.SingleOpModel;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** QUANTIZE and DEQUANTIZE against TFLite 2.6.2. */
class QuantizeDequantizeTest {
    private static final int[] S = {3, 5, 7};

    @ParameterizedTest
    @CsvSource({"INT8,0.01,3", "INT8,0.003,-20", "UINT8,0.008,128", "UINT8,0.002,10", "INT16,0.0001,0"})
    void quantizesFloatsWithSaturation(TensorType t, double scale, long zp) {
        check(unary(BuiltinOp.QUANTIZE, 1, TensorType.FLOAT32, null, t, q(scale, zp), S, null, null));
    }

    @Test
    void quantizeRoundsTiesAwayFromZero() {
        Model m = unary(BuiltinOp.QUANTIZE, 1, TensorType.FLOAT32, null, TensorType.INT8, q(0.5, 1), new int[] {8},
                null, null);
        OpTests.checkWith(m, List.of(OpTests.floats(0.25f, 0.75f, -0.25f, -0.75f, 1.25f, -1.25f, 100f, -100f)));
    }

    @ParameterizedTest
    @CsvSource({"INT8,0.02,-3,UINT8,0.03,130", "UINT8,0.02,128,INT8,0.02,0", "INT8,0.02,5,INT8,0.011,-7",
            "UINT8,0.05,3,UINT8,0.02,200", "INT16,0.0003,0,INT8,0.05,4", "INT16,0.0003,0,INT16,0.0007,0",
            "INT16,0.0003,0,INT32,0.00001,0"})
    void requantizes(TensorType from, double s1, long z1, TensorType to, double s2, long z2) {
        check(unary(BuiltinOp.QUANTIZE, 2, from, q(s1, z1), to, q(s2, z2), S, null, null));
    }

    @ParameterizedTest
    @CsvSource({"INT8,0.02,-3", "UINT8,0.007,128", "INT16,0.0003,0"})
    void dequantizesPerTensor(TensorType t, double scale, long zp) {
        check(unary(BuiltinOp.DEQUANTIZE, 2, t, q(scale, zp), TensorType.FLOAT32, null, S, null, null));
    }

    /**
     * TFLite 2.6.2 cannot judge this: for a per-channel tensor it reads the legacy per-tensor scale,
     * which is 0 when there are several scales, and returns zeros (checked with the oracle). We
     * dequantize per channel, {@code scale[c] * (q - zp[c])}, and check that formula.
     */
    @Test
    void dequantizesPerChannelInt8AsTflite262DoesAndWarns() throws Exception {
        // 2.6.2 has no per-channel DEQUANTIZE: it uses the legacy scale 0, so all outputs are ±0.
        QuantizationParams pc = QuantizationParams.perChannel(new float[] {0.1f, 0.02f, 0.003f, 0.5f},
                new long[] {0, 1, -2, 3}, 2);
        Model m = new SingleOpModel(BuiltinOp.DEQUANTIZE, 4)
                .input("w", TensorType.INT8, new int[] {3, 2, 4}, pc)
                .output("y", TensorType.FLOAT32, new int[] {3, 2, 4})
                .build();
        dev.slimfit.testing.Conformance.check(m, 3);
        try (Interpreter it = Interpreter.create(m)) {
            byte[] in = new byte[24];
            for (int i = 0; i < in.length; i++) {
                in[i] = (byte) (i * 37 - 100);
            }
            it.input(0).copyFrom(ByteBuffer.wrap(in));
            it.invoke();
            for (float y : Arrays.copyOf(it.output(0).floats(), 24)) {
                org.junit.jupiter.api.Assertions.assertEquals(0f, Math.abs(y));
            }
            org.junit.jupiter.api.Assertions.assertTrue(it.warnings().stream().anyMatch(w -> w.message().contains("scale 0")),
                    "the user is told: " + it.warnings());
        }
    }

    /**
     * TFLite 2.6.2's Java API cannot feed a FLOAT16 input and refuses a model without inputs, so this
     * checks the conversion against IEEE 754 binary16 values that are exact in float.
     */
    @Test
    void dequantizesFloat16Exactly() throws Exception {
        short[] h = {0x0000, (short) 0x8000, 0x3C00, (short) 0xC100, 0x7BFF, 0x0001, 0x0400, 0x3555, 0x7C00,
                (short) 0xFC00};
        float[] expected = {0f, -0f, 1f, -2.5f, 65504f, 0x1p-24f, 0x1p-14f, 0x1.554p-2f, Float.POSITIVE_INFINITY,
                Float.NEGATIVE_INFINITY};
        Model m = new SingleOpModel(BuiltinOp.DEQUANTIZE, 3)
                .input("h", TensorType.FLOAT16, new int[] {h.length})
                .output("y", TensorType.FLOAT32, new int[] {h.length})
                .build();
        try (Interpreter it = Interpreter.create(m)) {
            it.input(0).copyFrom(ByteBuffer.wrap(SingleOpModel.toBytes(h)));
            it.invoke();
            float[] got = Arrays.copyOf(it.output(0).floats(), h.length);
            for (int i = 0; i < h.length; i++) {
                assertEquals(Float.floatToIntBits(expected[i]), Float.floatToIntBits(got[i]), "half " + h[i]);
            }
        }
    }
}
