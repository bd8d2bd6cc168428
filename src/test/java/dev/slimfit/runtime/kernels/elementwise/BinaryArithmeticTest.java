package dev.slimfit.runtime.kernels.elementwise;

import static dev.slimfit.runtime.kernels.elementwise.OpTests.binary;
import static dev.slimfit.runtime.kernels.elementwise.OpTests.check;
import static dev.slimfit.runtime.kernels.elementwise.OpTests.q;

import dev.slimfit.model.BuiltinOp;
import dev.slimfit.model.Model;
import dev.slimfit.model.QuantizationParams;
import dev.slimfit.model.TensorType;
import dev.slimfit.testing.SingleOpModel;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** ADD / SUB / MUL / DIV against TFLite 2.6.2. */
class BinaryArithmeticTest {
    private static final int[] S = {2, 3, 4};

    private static String table(BuiltinOp op) {
        return switch (op) {
            case ADD -> "AddOptions";
            case SUB -> "SubOptions";
            case MUL -> "MulOptions";
            default -> "DivOptions";
        };
    }

    private static Map<String, Object> act(int a) {
        return Map.of("fusedActivationFunction", (byte) a);
    }

    @ParameterizedTest
    @CsvSource({"ADD,0", "ADD,1", "ADD,3", "SUB,0", "SUB,2", "MUL,0", "MUL,3", "DIV,0", "DIV,1"})
    void floatSameShapeWithFusedActivation(BuiltinOp op, int activation) {
        check(binary(op, 1, TensorType.FLOAT32, S, null, S, null, S, null, table(op), act(activation)));
    }

    @ParameterizedTest
    @EnumSource(value = BuiltinOp.class, names = {"ADD", "SUB", "MUL", "DIV"})
    void floatBroadcastsAlongEveryPattern(BuiltinOp op) {
        check(binary(op, 1, TensorType.FLOAT32, new int[] {2, 3, 4}, null, new int[] {4}, null,
                new int[] {2, 3, 4}, null, table(op), act(0)));
        check(binary(op, 1, TensorType.FLOAT32, new int[] {2, 1, 4}, null, new int[] {3, 1}, null,
                new int[] {2, 3, 4}, null, table(op), act(0)));
        check(binary(op, 1, TensorType.FLOAT32, new int[] {1}, null, new int[] {2, 2, 3, 5}, null,
                new int[] {2, 2, 3, 5}, null, table(op), act(0)));
        check(binary(op, 1, TensorType.FLOAT32, new int[] {2, 1, 3, 1}, null, new int[] {1, 4, 1, 5}, null,
                new int[] {2, 4, 3, 5}, null, table(op), act(1)));
    }

    @Test
    void floatSubBroadcastsAtRankFive() {
        check(binary(BuiltinOp.SUB, 1, TensorType.FLOAT32, new int[] {2, 1, 3, 1, 2}, null, new int[] {3, 2, 2}, null,
                new int[] {2, 1, 3, 2, 2}, null, "SubOptions", act(0)));
    }

    @ParameterizedTest
    @CsvSource({"ADD,0", "ADD,1", "SUB,0", "SUB,3", "MUL,0", "MUL,1"})
    void int32WrapsAndClamps(BuiltinOp op, int activation) {
        check(binary(op, 1, TensorType.INT32, S, null, new int[] {3, 1}, null, S, null, table(op), act(activation)));
    }

    @Test
    void int32DivTruncatesTowardZero() {
        Model m = new SingleOpModel(BuiltinOp.DIV, 1)
                .input("a", TensorType.INT32, new int[] {2, 4})
                .constant("b", TensorType.INT32, new int[] {4}, null, new int[] {3, -2, 7, 1})
                .output("y", TensorType.INT32, new int[] {2, 4})
                .options("DivOptions", act(0)).build();
        check(m);
    }

    @ParameterizedTest
    @CsvSource({"ADD,0", "SUB,0", "MUL,0", "ADD,1", "MUL,3"})
    void int64(BuiltinOp op, int activation) {
        check(binary(op, 3, TensorType.INT64, S, null, new int[] {4}, null, S, null, table(op), act(activation)));
    }

    @ParameterizedTest
    @CsvSource({"ADD,INT8,0", "ADD,INT8,1", "ADD,UINT8,3", "ADD,UINT8,0", "SUB,INT8,0", "SUB,INT8,2", "SUB,UINT8,0",
            "MUL,INT8,0", "MUL,INT8,1", "MUL,UINT8,0", "MUL,UINT8,3"})
    void eightBitWithDifferentScales(BuiltinOp op, TensorType t, int activation) {
        int z = t == TensorType.INT8 ? 0 : 128;
        QuantizationParams qa = q(0.05, z - 3);
        QuantizationParams qb = q(0.013, z + 9);
        QuantizationParams qo = op == BuiltinOp.MUL ? q(0.004, z + 1) : q(0.07, z - 5);
        check(binary(op, 2, t, S, qa, S, qb, S, qo, table(op), act(activation)));
        check(binary(op, 2, t, new int[] {2, 1, 4}, qa, new int[] {3, 1}, qb, S, qo, table(op), act(activation)));
    }

    @ParameterizedTest
    @EnumSource(value = BuiltinOp.class, names = {"ADD", "SUB"})
    void int16GeneralScales(BuiltinOp op) {
        Map<String, Object> o = Map.of("fusedActivationFunction", (byte) 0, "potScaleInt16", false);
        check(binary(op, 3, TensorType.INT16, S, q(0.0007, 0), S, q(0.0003, 0), S, q(0.0011, 0), table(op), o));
        check(binary(op, 3, TensorType.INT16, S, q(0.0007, 0), new int[] {4}, q(0.0003, 0), S, q(0.0011, 0),
                table(op), o));
    }

    @ParameterizedTest
    @EnumSource(value = BuiltinOp.class, names = {"ADD", "SUB"})
    void int16PowerOfTwoScales(BuiltinOp op) {
        Map<String, Object> o = Map.of("fusedActivationFunction", (byte) 0, "potScaleInt16", true);
        check(binary(op, 3, TensorType.INT16, S, q(1.0 / 4096, 0), S, q(1.0 / 1024, 0), S, q(1.0 / 1024, 0),
                table(op), o));
        check(binary(op, 3, TensorType.INT16, S, q(1.0 / 2048, 0), S, q(1.0 / 32768, 0), S, q(1.0 / 2048, 0),
                table(op), act(1)));
    }

    @Test
    void int16SubBroadcastsOnTheGeneralPath() {
        Map<String, Object> o = Map.of("fusedActivationFunction", (byte) 0, "potScaleInt16", false);
        check(binary(BuiltinOp.SUB, 3, TensorType.INT16, S, q(0.0007, 0), new int[] {3, 1}, q(0.0003, 0), S,
                q(0.0011, 0), "SubOptions", o));
    }

    @Test
    void int16PowerOfTwoRefusesBroadcast() {
        OpTests.weReject(binary(BuiltinOp.ADD, 3, TensorType.INT16, S, q(1.0 / 4096, 0), new int[] {4},
                q(1.0 / 1024, 0), S, q(1.0 / 1024, 0), "AddOptions", act(0)));
    }

    @Test
    void int16Mul() {
        check(binary(BuiltinOp.MUL, 4, TensorType.INT16, S, q(0.0007, 0), S, q(0.0003, 0), S, q(0.00001, 0), "MulOptions", act(0)));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void uint8DivByConstant(int activation) {
        Model m = new SingleOpModel(BuiltinOp.DIV, 2)
                .input("a", TensorType.UINT8, S, q(0.05, 120))
                .constant("b", TensorType.UINT8, new int[] {4}, q(0.02, 100), new byte[] {(byte) 150, 20, (byte) 255, 101})
                .output("y", TensorType.UINT8, S, q(0.1, 128))
                .options("DivOptions", act(activation)).build();
        check(m);
    }
}
