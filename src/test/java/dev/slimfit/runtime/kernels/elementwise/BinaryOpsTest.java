package dev.slimfit.runtime.kernels.elementwise;

import static dev.slimfit.runtime.kernels.elementwise.OpTests.binary;
import static dev.slimfit.runtime.kernels.elementwise.OpTests.check;
import static dev.slimfit.runtime.kernels.elementwise.OpTests.q;

import dev.slimfit.model.BuiltinOp;
import dev.slimfit.model.Model;
import dev.slimfit.model.QuantizationParams;
import dev.slimfit.model.TensorType;
import dev.slimfit.testing.SingleOpModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Comparison, min/max, floor div/mod, pow, squared difference and logical ops against TFLite 2.6.2. */
class BinaryOpsTest {
    private static final int[] A = {2, 3, 4};
    private static final int[] B = {3, 1};

    private static boolean isComparison(BuiltinOp op) {
        return switch (op) {
            case LESS, LESS_EQUAL, GREATER, GREATER_EQUAL, EQUAL, NOT_EQUAL -> true;
            default -> false;
        };
    }

    private static Model model(BuiltinOp op, int version, TensorType t, QuantizationParams qa, QuantizationParams qb,
                               QuantizationParams qo) {
        TensorType out = isComparison(op) ? TensorType.BOOL : t;
        return new SingleOpModel(op, version).input("a", t, A, qa).input("b", t, B, qb)
                .output("y", out, A, isComparison(op) ? null : qo).build();
    }

    @ParameterizedTest
    @EnumSource(value = BuiltinOp.class, names = {"MAXIMUM", "MINIMUM", "LESS", "LESS_EQUAL", "GREATER",
            "GREATER_EQUAL", "EQUAL", "NOT_EQUAL", "POW", "SQUARED_DIFFERENCE", "FLOOR_DIV", "FLOOR_MOD"})
    void floats(BuiltinOp op) {
        check(model(op, 1, TensorType.FLOAT32, null, null, null));
    }

    @ParameterizedTest
    @CsvSource({"MAXIMUM,INT32", "MAXIMUM,INT64", "MINIMUM,INT32", "MINIMUM,INT64", "LESS,INT32", "GREATER,INT64",
            "EQUAL,INT32", "NOT_EQUAL,INT64", "LESS_EQUAL,INT32", "GREATER_EQUAL,INT32", "POW,INT32",
            "SQUARED_DIFFERENCE,INT32", "EQUAL,BOOL", "NOT_EQUAL,BOOL", "LOGICAL_AND,BOOL", "LOGICAL_OR,BOOL"})
    void integersAndBools(BuiltinOp op, TensorType t) {
        check(model(op, 1, t, null, null, null));
    }

    @ParameterizedTest
    @CsvSource({"MAXIMUM,INT8,2", "MINIMUM,INT8,2", "MAXIMUM,UINT8,1", "MINIMUM,UINT8,1", "MAXIMUM,INT16,4",
            "MINIMUM,INT16,4"})
    void minMaxOnQuantizedCodes(BuiltinOp op, TensorType t, int version) {
        QuantizationParams p = t == TensorType.INT16 ? q(0.001, 0) : q(0.05, t == TensorType.UINT8 ? 128 : -3);
        check(model(op, version, t, p, p, p));
    }

    @ParameterizedTest
    @CsvSource({"LESS,INT8", "GREATER_EQUAL,INT8", "EQUAL,INT8", "NOT_EQUAL,UINT8", "LESS_EQUAL,UINT8",
            "GREATER,UINT8"})
    void quantizedComparisonsRescaleBothSides(BuiltinOp op, TensorType t) {
        int z = t == TensorType.UINT8 ? 128 : 0;
        check(model(op, 2, t, q(0.05, z - 3), q(0.021, z + 11), null));
        check(model(op, 2, t, q(0.05, z), q(0.05, z), null));
    }

    @Test
    void int8SquaredDifference() {
        check(model(BuiltinOp.SQUARED_DIFFERENCE, 2, TensorType.INT8, q(0.05, -3), q(0.03, 7), q(0.09, -128)));
    }

    @ParameterizedTest
    @CsvSource({"FLOOR_DIV,INT32", "FLOOR_MOD,INT32", "FLOOR_MOD,INT64"})
    void floorDivModByNonZeroConstants(BuiltinOp op, TensorType t) {
        SingleOpModel m = new SingleOpModel(op, 1).input("a", t, A);
        if (t == TensorType.INT32) {
            m.constant("b", t, new int[] {4}, null, new int[] {3, -2, 7, -5});
        } else {
            m.constant("b", t, new int[] {4}, null, new long[] {3, -2, 7, -5});
        }
        check(m.output("y", t, A).build());
        // Negative dividends: a - 4 covers [-4, 3].
        SingleOpModel n = new SingleOpModel(op, 1).constant("a", TensorType.FLOAT32, new int[] {4}, null,
                new float[] {-7.5f, 7.5f, -0.25f, 3f}).input("b", TensorType.FLOAT32, new int[] {2, 4});
        check(n.output("y", TensorType.FLOAT32, new int[] {2, 4}).build());
    }
}
