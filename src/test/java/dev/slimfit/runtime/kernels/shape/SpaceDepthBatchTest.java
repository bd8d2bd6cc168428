package dev.slimfit.runtime.kernels.shape;

import static dev.slimfit.runtime.kernels.shape.ShapeTesting.q;

import dev.slimfit.model.BuiltinOp;
import dev.slimfit.model.TensorType;
import dev.slimfit.testing.SingleOpModel;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SpaceDepthBatchTest {
    @ParameterizedTest
    @EnumSource(value = TensorType.class, names = {"FLOAT32", "INT8", "UINT8", "INT32", "INT64"})
    void depthToSpace(TensorType t) {
        ShapeTesting.check(new SingleOpModel(BuiltinOp.DEPTH_TO_SPACE, 1)
                .input("x", t, new int[] {2, 2, 3, 8}, q(t))
                .output("y", t, new int[] {2, 4, 6, 2}, q(t))
                .options("DepthToSpaceOptions", Map.of("blockSize", 2)));
    }

    @ParameterizedTest
    @EnumSource(value = TensorType.class, names = {"FLOAT32", "INT8", "UINT8", "INT32", "INT64"})
    void spaceToDepth(TensorType t) {
        ShapeTesting.check(new SingleOpModel(BuiltinOp.SPACE_TO_DEPTH, 1)
                .input("x", t, new int[] {2, 6, 3, 2}, q(t))
                .output("y", t, new int[] {2, 2, 1, 18}, q(t))
                .options("SpaceToDepthOptions", Map.of("blockSize", 3)));
    }

    @ParameterizedTest
    @EnumSource(value = TensorType.class, names = {"FLOAT32", "INT8", "UINT8", "INT32", "INT64"})
    void spaceToBatchPadsWithZeroPoint(TensorType t) {
        ShapeTesting.check(new SingleOpModel(BuiltinOp.SPACE_TO_BATCH_ND, 1)
                .input("x", t, new int[] {2, 3, 4, 2}, q(t))
                .constant("b", TensorType.INT32, new int[] {2}, null, new int[] {2, 3})
                .constant("p", TensorType.INT32, new int[] {2, 2}, null, new int[] {1, 0, 2, 0})
                .output("y", t, new int[] {12, 2, 2, 2}, q(t)));
    }

    @ParameterizedTest
    @EnumSource(value = TensorType.class, names = {"FLOAT32", "INT8", "UINT8", "INT32", "INT64"})
    void batchToSpaceCrops(TensorType t) {
        ShapeTesting.check(new SingleOpModel(BuiltinOp.BATCH_TO_SPACE_ND, 1)
                .input("x", t, new int[] {12, 2, 2, 2}, q(t))
                .constant("b", TensorType.INT32, new int[] {2}, null, new int[] {2, 3})
                .constant("c", TensorType.INT32, new int[] {2, 2}, null, new int[] {1, 0, 2, 1})
                .output("y", t, new int[] {2, 3, 3, 2}, q(t)));
    }

    @Test
    void spaceToBatchOn3dInput() {
        ShapeTesting.check(new SingleOpModel(BuiltinOp.SPACE_TO_BATCH_ND, 1)
                .input("x", TensorType.FLOAT32, new int[] {1, 5, 2})
                .constant("b", TensorType.INT32, new int[] {1}, null, new int[] {2})
                .constant("p", TensorType.INT32, new int[] {1, 2}, null, new int[] {0, 1})
                .output("y", TensorType.FLOAT32, new int[] {2, 3, 2}));
    }
}
