package dev.slimfit.runtime.kernels.shape;

import static dev.slimfit.runtime.kernels.shape.ShapeTesting.q;

import dev.slimfit.model.BuiltinOp;
import dev.slimfit.model.TensorType;
import dev.slimfit.testing.SingleOpModel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** RANGE, REVERSE_V2, CUMSUM, TOPK_V2 and WHERE. */
class SequenceLikeTest {
    @Test
    void rangeOfIntsAndFloatsWithNegativeDelta() {
        ShapeTesting.checkWith(new SingleOpModel(BuiltinOp.RANGE, 1)
                .input("s", TensorType.INT32, new int[] {})
                .constant("l", TensorType.INT32, new int[] {}, null, new int[] {-3})
                .constant("d", TensorType.INT32, new int[] {}, null, new int[] {-4})
                .output("y", TensorType.INT32, new int[] {4}), List.of(ShapeTesting.ints(10)));
        ShapeTesting.checkWith(new SingleOpModel(BuiltinOp.RANGE, 1)
                .input("s", TensorType.FLOAT32, new int[] {})
                .constant("l", TensorType.FLOAT32, new int[] {}, null, new float[] {2.3f})
                .constant("d", TensorType.FLOAT32, new int[] {}, null, new float[] {0.3f})
                .output("y", TensorType.FLOAT32, new int[] {8}), List.of(SingleOpModel.toBytes(new float[] {0.1f})));
    }

    @Test
    void rangeWithComputedLimitSizesInEval() {
        SingleOpModel m = new SingleOpModel(BuiltinOp.RANGE, 1)
                .constant("s", TensorType.INT32, new int[] {}, null, new int[] {1})
                .input("l", TensorType.INT32, new int[] {})
                .constant("d", TensorType.INT32, new int[] {}, null, new int[] {2})
                .output("y", TensorType.INT32, new int[] {1});
        ShapeTesting.checkWith(m, List.of(ShapeTesting.ints(12)));
    }

    @ParameterizedTest
    @EnumSource(value = TensorType.class, names = {"FLOAT32", "INT8", "UINT8", "INT16", "INT32", "INT64", "BOOL"})
    void reverseMiddleAxis(TensorType t) {
        ShapeTesting.check(new SingleOpModel(BuiltinOp.REVERSE_V2, 1)
                .input("x", t, new int[] {2, 5, 3}, q(t))
                .constant("a", TensorType.INT32, new int[] {1}, null, new int[] {1})
                .output("y", t, new int[] {2, 5, 3}, q(t)));
    }

    @Test
    void reverseLastAxisGivenNegatively() {
        ShapeTesting.check(new SingleOpModel(BuiltinOp.REVERSE_V2, 1)
                .input("x", TensorType.FLOAT32, new int[] {3, 7})
                .constant("a", TensorType.INT32, new int[] {1}, null, new int[] {-1})
                .output("y", TensorType.FLOAT32, new int[] {3, 7}));
    }

    @ParameterizedTest
    @EnumSource(value = TensorType.class, names = {"FLOAT32", "INT32", "INT64"})
    void cumsumAllOptionCombinations(TensorType t) {
        for (boolean exclusive : new boolean[] {false, true}) {
            for (boolean reverse : new boolean[] {false, true}) {
                ShapeTesting.check(new SingleOpModel(BuiltinOp.CUMSUM, 1)
                        .input("x", t, new int[] {2, 6, 3})
                        .constant("a", TensorType.INT32, new int[] {}, null, new int[] {-2})
                        .output("y", t, new int[] {2, 6, 3})
                        .options("CumsumOptions", Map.of("exclusive", exclusive, "reverse", reverse)));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = TensorType.class, names = {"FLOAT32", "UINT8", "INT8", "INT32", "INT64"})
    void topKKeepsLowerIndexOnTies(TensorType t) {
        ShapeTesting.check(new SingleOpModel(BuiltinOp.TOPK_V2, 1)
                .input("x", t, new int[] {3, 400}, q(t))
                .constant("k", TensorType.INT32, new int[] {}, null, new int[] {7})
                .output("v", t, new int[] {3, 7}, q(t))
                .output("i", TensorType.INT32, new int[] {3, 7}));
    }

    @Test
    void whereListsTrueCoordinates() {
        SingleOpModel m = new SingleOpModel(BuiltinOp.WHERE, 1)
                .input("c", TensorType.BOOL, new int[] {2, 3, 2})
                .output("y", TensorType.INT64, new int[] {1, 3});
        ShapeTesting.checkWith(m, List.of(new byte[] {1, 0, 0, 1, 1, 1, 0, 0, 0, 1, 0, 1}));
        ShapeTesting.check(m);
    }
}
