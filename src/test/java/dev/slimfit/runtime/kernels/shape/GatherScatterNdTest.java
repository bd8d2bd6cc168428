package dev.slimfit.runtime.kernels.shape;

import static dev.slimfit.runtime.kernels.shape.ShapeTesting.q;

import dev.slimfit.model.BuiltinOp;
import dev.slimfit.model.TensorType;
import dev.slimfit.testing.SingleOpModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GatherScatterNdTest {
    @ParameterizedTest
    @EnumSource(value = TensorType.class, names = {"FLOAT32", "INT8", "UINT8", "INT16", "INT32", "INT64"})
    void gatherNdSlicesWithPartialIndices(TensorType t) {
        ShapeTesting.check(new SingleOpModel(BuiltinOp.GATHER_ND, 1)
                .input("x", t, new int[] {3, 4, 2}, q(t))
                .constant("i", TensorType.INT32, new int[] {3, 2}, null, new int[] {2, 3, 0, 0, 1, 2})
                .output("y", t, new int[] {3, 2}, q(t)));
    }

    @Test
    void gatherNdWithFullDepthInt64Indices() {
        ShapeTesting.check(new SingleOpModel(BuiltinOp.GATHER_ND, 1)
                .input("x", TensorType.FLOAT32, new int[] {3, 4})
                .constant("i", TensorType.INT64, new int[] {2, 2, 2}, null, new long[] {0, 1, 2, 3, 1, 1, 0, 0})
                .output("y", TensorType.FLOAT32, new int[] {2, 2}));
    }

    @ParameterizedTest
    @EnumSource(value = TensorType.class, names = {"FLOAT32", "INT8", "UINT8", "INT32", "INT64"})
    void scatterNdAddsDuplicateIndices(TensorType t) {
        ShapeTesting.check(new SingleOpModel(BuiltinOp.SCATTER_ND, 1)
                .constant("i", TensorType.INT32, new int[] {4, 1}, null, new int[] {3, 0, 3, 1})
                .input("u", t, new int[] {4, 3}, q(t))
                .constant("s", TensorType.INT32, new int[] {2}, null, new int[] {5, 3})
                .output("y", t, new int[] {5, 3}, q(t)));
    }
}
