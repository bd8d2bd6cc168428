package dev.slimfit.runtime.kernels.elementwise;

import static dev.slimfit.runtime.kernels.elementwise.OpTests.check;
import static dev.slimfit.runtime.kernels.elementwise.OpTests.q;
import static dev.slimfit.runtime.kernels.elementwise.OpTests.unary;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.slimfit.model.BuiltinOp;
import dev.slimfit.model.Model;
import dev.slimfit.model.TensorType;
import dev.slimfit.runtime.Interpreter;
import java.nio.ByteBuffer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** RELU family, LEAKY_RELU, HARD_SWISH, ELU against TFLite 2.6.2 (RELU_0_TO_1 against its formula). */
class ActivationsTest {
    private static final int[] S = {2, 3, 4, 5};

    @ParameterizedTest
    @EnumSource(value = BuiltinOp.class, names = {"RELU", "RELU6", "RELU_N1_TO_1"})
    void floatClamps(BuiltinOp op) {
        Model m = unary(op, 1, TensorType.FLOAT32, null, TensorType.FLOAT32, null, S, null, null);
        check(m);
        OpTests.checkWith(m, java.util.List.of(OpTests.floats(new float[120])));
    }

    @ParameterizedTest
    @CsvSource({"RELU,INT8,0.05,-10,0.03,-128", "RELU,UINT8,0.05,128,0.05,0", "RELU6,INT8,0.05,3,0.03,-128",
            "RELU6,UINT8,0.1,100,0.025,0", "RELU_N1_TO_1,INT8,0.02,0,0.01,0", "RELU_N1_TO_1,UINT8,0.02,128,0.01,128",
            "RELU,INT16,0.001,0,0.0005,0", "RELU6,INT16,0.001,0,0.0005,0"})
    void quantizedRequantizesAndClamps(BuiltinOp op, TensorType t, double si, long zi, double so, long zo) {
        check(unary(op, op == BuiltinOp.RELU_N1_TO_1 ? 1 : 2, t, q(si, zi), t, q(so, zo), S, null, null));
    }

    @Test
    void relu0To1FollowsItsFormulaSinceTflite262LacksIt() throws Exception {
        Model m = unary(BuiltinOp.RELU_0_TO_1, 1, TensorType.FLOAT32, null, TensorType.FLOAT32, null, new int[] {6},
                null, null);
        float[] x = {-2f, -0.5f, 0f, 0.25f, 1f, 3f};
        try (Interpreter it = Interpreter.create(m)) {
            it.input(0).copyFrom(ByteBuffer.wrap(OpTests.floats(x)));
            it.invoke();
            assertArrayEquals(new float[] {0f, 0f, 0f, 0.25f, 1f, 1f}, it.output(0).floats(), 0f);
        }
        Model q8 = unary(BuiltinOp.RELU_0_TO_1, 1, TensorType.INT8, q(0.01, -20), TensorType.INT8, q(0.01, -20),
                new int[] {5}, null, null);
        try (Interpreter it = Interpreter.create(q8)) {
            // codes -120, -30, -20, 50, 127: reals -1.0, -0.1, 0, 0.7, 1.47 -> 0, 0, 0, 0.7, 1.0
            it.input(0).copyFrom(ByteBuffer.wrap(new byte[] {-120, -30, -20, 50, 127}));
            it.invoke();
            assertArrayEquals(new byte[] {-20, -20, -20, 50, 80}, java.util.Arrays.copyOf(it.output(0).bytes(), 5));
        }
    }

    @ParameterizedTest
    @CsvSource({"FLOAT32,0,0,0,0", "INT8,0.02,-5,0.015,3", "UINT8,0.02,128,0.01,100", "INT16,0.0002,0,0.0001,0"})
    void leakyRelu(TensorType t, double si, long zi, double so, long zo) {
        boolean f = t == TensorType.FLOAT32;
        check(unary(BuiltinOp.LEAKY_RELU, 2, t, f ? null : q(si, zi), t, f ? null : q(so, zo), S, "LeakyReluOptions",
                Map.of("alpha", 0.17f)));
    }

    @ParameterizedTest
    @CsvSource({"FLOAT32,0,0,0,0", "INT8,0.05,-5,0.03,-100", "UINT8,0.04,128,0.03,20", "INT8,0.01,0,0.02,-128"})
    void hardSwish(TensorType t, double si, long zi, double so, long zo) {
        boolean f = t == TensorType.FLOAT32;
        check(unary(BuiltinOp.HARD_SWISH, 1, t, f ? null : q(si, zi), t, f ? null : q(so, zo), S, null, null));
    }

    @ParameterizedTest
    @CsvSource({"FLOAT32,0,0,0,0", "INT8,0.03,-5,0.02,60"})
    void elu(TensorType t, double si, long zi, double so, long zo) {
        boolean f = t == TensorType.FLOAT32;
        check(unary(BuiltinOp.ELU, 1, t, f ? null : q(si, zi), t, f ? null : q(so, zo), S, null, null));
    }
}
