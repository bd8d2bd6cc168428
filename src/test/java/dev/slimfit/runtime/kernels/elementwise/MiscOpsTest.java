package dev.slimfit.runtime.kernels.elementwise;

import static dev.slimfit.runtime.kernels.elementwise.OpTests.check;
import static dev.slimfit.runtime.kernels.elementwise.OpTests.q;
import static dev.slimfit.runtime.kernels.elementwise.OpTests.unary;

import dev.slimfit.model.BuiltinOp;
import dev.slimfit.model.TensorType;
import dev.slimfit.testing.SingleOpModel;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** SELECT/SELECT_V2, CAST, FILL, ZEROS_LIKE, ADD_N, L2_NORMALIZATION, LOGICAL_NOT against TFLite 2.6.2. */
class MiscOpsTest {
    private static final int[] S = {2, 3, 4};

    @ParameterizedTest
    @EnumSource(value = TensorType.class, names = {"FLOAT32", "INT8", "UINT8", "INT16", "INT32", "INT64", "BOOL"})
    void selectSameShape(TensorType t) {
        check(new SingleOpModel(BuiltinOp.SELECT, 2).input("c", TensorType.BOOL, S).input("x", t, S).input("y", t, S)
                .output("z", t, S).build());
    }

    @Test
    void selectPicksRowsWithAVectorCondition() {
        check(new SingleOpModel(BuiltinOp.SELECT, 1).input("c", TensorType.BOOL, new int[] {2})
                .input("x", TensorType.FLOAT32, S).input("y", TensorType.FLOAT32, S)
                .output("z", TensorType.FLOAT32, S).build());
    }

    @Test
    void selectV2Broadcasts() {
        check(new SingleOpModel(BuiltinOp.SELECT_V2, 1).input("c", TensorType.BOOL, new int[] {3, 1})
                .input("x", TensorType.FLOAT32, new int[] {2, 1, 4}).input("y", TensorType.FLOAT32, new int[] {4})
                .output("z", TensorType.FLOAT32, S).build());
    }

    @ParameterizedTest
    @CsvSource({"FLOAT32,INT32", "FLOAT32,INT64", "FLOAT32,BOOL", "FLOAT32,UINT8", "INT32,FLOAT32", "INT64,FLOAT32",
            "INT32,INT64", "INT64,INT32", "UINT8,FLOAT32", "UINT8,INT32", "INT32,UINT8", "BOOL,FLOAT32", "BOOL,INT32",
            "INT32,BOOL", "INT16,FLOAT32", "INT16,INT32", "FLOAT32,INT16"})
    void cast(TensorType from, TensorType to) {
        check(unary(BuiltinOp.CAST, 1, from, null, to, null, S, null, null));
    }

    @Test
    void castRefusesInt8AsTflite262() {
        OpTests.weReject(unary(BuiltinOp.CAST, 1, TensorType.INT8, null, TensorType.FLOAT32, null, S, null, null));
        OpTests.weReject(unary(BuiltinOp.CAST, 1, TensorType.FLOAT32, null, TensorType.INT8, null, S, null, null));
    }

    @ParameterizedTest
    @EnumSource(value = TensorType.class, names = {"FLOAT32", "INT32", "INT64", "BOOL"})
    void fill(TensorType t) {
        check(new SingleOpModel(BuiltinOp.FILL, 1)
                .constant("dims", TensorType.INT32, new int[] {3}, null, new int[] {2, 3, 4})
                .input("v", t, new int[0]).output("y", t, S).build());
    }

    @ParameterizedTest
    @EnumSource(value = TensorType.class, names = {"FLOAT32", "INT32", "INT64"})
    void zerosLike(TensorType t) {
        check(unary(BuiltinOp.ZEROS_LIKE, 1, t, null, t, null, S, null, null));
    }

    @ParameterizedTest
    @EnumSource(value = TensorType.class, names = {"FLOAT32", "INT32"})
    void addN(TensorType t) {
        check(new SingleOpModel(BuiltinOp.ADD_N, 1).input("a", t, S).input("b", t, S).input("c", t, S)
                .input("d", t, S).output("y", t, S).build());
    }

    @Test
    void floatL2Normalization() {
        check(unary(BuiltinOp.L2_NORMALIZATION, 1, TensorType.FLOAT32, null, TensorType.FLOAT32, null, S,
                "L2NormOptions", Map.of("fusedActivationFunction", (byte) 0)));
    }

    @ParameterizedTest
    @CsvSource({"INT8,0.05,-3,0", "UINT8,0.05,128,128"})
    void quantizedL2Normalization(TensorType t, double si, long zi, long zo) {
        check(unary(BuiltinOp.L2_NORMALIZATION, 2, t, q(si, zi), t, q(1.0 / 128, zo), new int[] {2, 3, 16},
                "L2NormOptions", Map.of("fusedActivationFunction", (byte) 0)));
    }

    @Test
    void logicalNot() {
        check(unary(BuiltinOp.LOGICAL_NOT, 1, TensorType.BOOL, null, TensorType.BOOL, null, S, null, null));
    }
}
