package dev.slimfit.runtime.kernels.shape;

import static dev.slimfit.runtime.kernels.shape.ShapeTesting.q;

import dev.slimfit.model.BuiltinOp;
import dev.slimfit.model.TensorType;
import dev.slimfit.testing.SingleOpModel;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SplitTest {
    @ParameterizedTest
    @EnumSource(value = TensorType.class, names = {"FLOAT32", "INT8", "UINT8", "INT16", "INT32"})
    void splitsEquallyAlongNegativeAxis(TensorType t) {
        ShapeTesting.check(new SingleOpModel(BuiltinOp.SPLIT, 1)
                .constant("axis", TensorType.INT32, new int[] {}, null, new int[] {-1})
                .input("x", t, new int[] {2, 3, 6}, q(t))
                .output("a", t, new int[] {2, 3, 2}, q(t))
                .output("b", t, new int[] {2, 3, 2}, q(t))
                .output("c", t, new int[] {2, 3, 2}, q(t))
                .options("SplitOptions", Map.of("numSplits", 3)));
    }

    @ParameterizedTest
    @EnumSource(value = TensorType.class, names = {"FLOAT32", "INT8", "UINT8", "INT16", "INT32", "INT64"})
    void splitVInfersMinusOneSize(TensorType t) {
        ShapeTesting.check(new SingleOpModel(BuiltinOp.SPLIT_V, 1)
                .input("x", t, new int[] {2, 7, 3}, q(t))
                .constant("sizes", TensorType.INT32, new int[] {3}, null, new int[] {2, -1, 1})
                .constant("axis", TensorType.INT32, new int[] {}, null, new int[] {1})
                .output("a", t, new int[] {2, 2, 3}, q(t))
                .output("b", t, new int[] {2, 4, 3}, q(t))
                .output("c", t, new int[] {2, 1, 3}, q(t))
                .options("SplitVOptions", Map.of("numSplits", 3)));
    }

    @Test
    void splitAlongAxisZero() {
        ShapeTesting.check(new SingleOpModel(BuiltinOp.SPLIT, 1)
                .constant("axis", TensorType.INT32, new int[] {1}, null, new int[] {0})
                .input("x", TensorType.FLOAT32, new int[] {4, 3})
                .output("a", TensorType.FLOAT32, new int[] {2, 3})
                .output("b", TensorType.FLOAT32, new int[] {2, 3})
                .options("SplitOptions", Map.of("numSplits", 2)));
    }
}
