package dev.slimfit.runtime.kernels.shape;

import static dev.slimfit.runtime.kernels.shape.MeanTest.reduce;
import static dev.slimfit.runtime.kernels.shape.ShapeTesting.q;
import static dev.slimfit.runtime.kernels.shape.ShapeTesting.q2;

import dev.slimfit.model.BuiltinOp;
import dev.slimfit.model.TensorType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ReduceTest {
    @ParameterizedTest
    @EnumSource(value = TensorType.class, names = {"FLOAT32", "INT8", "UINT8", "INT16", "INT32", "INT64"})
    void sumKeepsDimsAndWrapsInElementType(TensorType t) {
        ShapeTesting.check(reduce(BuiltinOp.SUM, t, new int[] {2, 5, 3}, new int[] {1}, true,
                new int[] {2, 1, 3}, q(t), q(t)));
    }

    @ParameterizedTest
    @EnumSource(value = TensorType.class, names = {"INT8", "UINT8"})
    void eightBitSumWithDifferentScaleRescales(TensorType t) {
        ShapeTesting.check(reduce(BuiltinOp.SUM, t, new int[] {2, 3, 4}, new int[] {0, -1}, false,
                new int[] {3}, q(t), q2(t)));
    }

    @ParameterizedTest
    @EnumSource(value = TensorType.class, names = {"FLOAT32", "INT8", "UINT8", "INT16", "INT32", "INT64"})
    void maxOverTwoAxes(TensorType t) {
        ShapeTesting.check(reduce(BuiltinOp.REDUCE_MAX, t, new int[] {3, 4, 5}, new int[] {2, 0}, false,
                new int[] {4}, q(t), q(t)));
    }

    @ParameterizedTest
    @EnumSource(value = TensorType.class, names = {"FLOAT32", "INT8", "UINT8", "INT16", "INT32", "INT64"})
    void minOverLastAxisKeepDims(TensorType t) {
        ShapeTesting.check(reduce(BuiltinOp.REDUCE_MIN, t, new int[] {3, 4, 5}, new int[] {-1}, true,
                new int[] {3, 4, 1}, q(t), q(t)));
    }

    @ParameterizedTest
    @EnumSource(value = TensorType.class, names = {"FLOAT32", "INT32", "INT64"})
    void prodOverMiddleAxis(TensorType t) {
        ShapeTesting.check(reduce(BuiltinOp.REDUCE_PROD, t, new int[] {3, 4, 5}, new int[] {1}, false,
                new int[] {3, 5}, q(t), q(t)));
    }

    @ParameterizedTest
    @EnumSource(value = TensorType.class, names = {"INT8", "UINT8", "INT16"})
    void prodOfQuantizedTypesMultipliesRawValuesLike262(TensorType t) {
        ShapeTesting.check(reduce(BuiltinOp.REDUCE_PROD, t, new int[] {3, 4, 5}, new int[] {1}, false,
                new int[] {3, 5}, q(t), q(t)));
    }
}
