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

class ReshapeTest {
    @ParameterizedTest
    @EnumSource(value = TensorType.class, names = {"FLOAT32", "INT8", "UINT8", "INT16", "INT32", "INT64", "BOOL"})
    void reshapeWithConstantShapeTensorInfersMinusOne(TensorType t) {
        ShapeTesting.check(new SingleOpModel(BuiltinOp.RESHAPE, 1)
                .input("x", t, new int[] {2, 3, 4}, q(t))
                .constant("s", TensorType.INT32, new int[] {2}, null, new int[] {-1, 6})
                .output("y", t, new int[] {4, 6}, q(t)));
    }

    @Test
    void reshapeFromOptionsWithoutShapeTensor() {
        ShapeTesting.check(new SingleOpModel(BuiltinOp.RESHAPE, 1)
                .input("x", TensorType.FLOAT32, new int[] {1, 8})
                .output("y", TensorType.FLOAT32, new int[] {2, 2, 2})
                .options("ReshapeOptions", Map.of("newShape", new int[] {2, -1, 2})));
    }

    @Test
    void reshapeWithComputedShapeTensorSizesOutputInEval() {
        SingleOpModel m = new SingleOpModel(BuiltinOp.RESHAPE, 1)
                .input("x", TensorType.INT8, new int[] {2, 6}, q(TensorType.INT8))
                .input("s", TensorType.INT32, new int[] {3})
                .output("y", TensorType.INT8, new int[] {3, 2, 2}, q(TensorType.INT8));
        ShapeTesting.checkWith(m, List.of(ShapeTesting.seeded(TensorType.INT8, new int[] {2, 6}, 1),
                ShapeTesting.ints(3, -1, 2)));
    }

    @Test
    void reshapeToScalarWithLegacyZeroShape() {
        ShapeTesting.check(new SingleOpModel(BuiltinOp.RESHAPE, 1)
                .input("x", TensorType.FLOAT32, new int[] {1, 1})
                .output("y", TensorType.FLOAT32, new int[] {})
                .options("ReshapeOptions", Map.of("newShape", new int[] {0})));
    }

    @ParameterizedTest
    @EnumSource(value = TensorType.class, names = {"FLOAT32", "INT8", "UINT8", "INT16", "INT32", "INT64", "BOOL"})
    void squeezeDropsListedUnitDimsWithNegativeIndex(TensorType t) {
        ShapeTesting.check(new SingleOpModel(BuiltinOp.SQUEEZE, 1)
                .input("x", t, new int[] {1, 3, 1, 2}, q(t))
                .output("y", t, new int[] {1, 3, 2}, q(t))
                .options("SqueezeOptions", Map.of("squeezeDims", new int[] {-2})));
    }

    @Test
    void squeezeWithoutDimsDropsAllUnitDims() {
        ShapeTesting.check(new SingleOpModel(BuiltinOp.SQUEEZE, 1)
                .input("x", TensorType.FLOAT32, new int[] {1, 3, 1, 2})
                .output("y", TensorType.FLOAT32, new int[] {3, 2})
                .options("SqueezeOptions", Map.of("squeezeDims", new int[0])));
    }

    @ParameterizedTest
    @EnumSource(value = TensorType.class, names = {"FLOAT32", "INT8", "UINT8", "INT16", "INT32", "INT64", "BOOL"})
    void expandDimsWithNegativeConstantAxis(TensorType t) {
        ShapeTesting.check(new SingleOpModel(BuiltinOp.EXPAND_DIMS, 1)
                .input("x", t, new int[] {3, 2}, q(t))
                .constant("a", TensorType.INT32, new int[] {1}, null, new int[] {-1})
                .output("y", t, new int[] {3, 2, 1}, q(t)));
    }

    @Test
    void expandDimsWithComputedInt64Axis() {
        SingleOpModel m = new SingleOpModel(BuiltinOp.EXPAND_DIMS, 1)
                .input("x", TensorType.FLOAT32, new int[] {3, 2})
                .input("a", TensorType.INT64, new int[] {})
                .output("y", TensorType.FLOAT32, new int[] {1, 3, 2});
        ShapeTesting.checkWith(m, List.of(ShapeTesting.seeded(TensorType.FLOAT32, new int[] {3, 2}, 2),
                SingleOpModel.toBytes(new long[] {0})));
    }
}
