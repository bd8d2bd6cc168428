package dev.slimfit.runtime.kernels.shape;

import static dev.slimfit.runtime.kernels.shape.ShapeTesting.q;
import static dev.slimfit.runtime.kernels.shape.ShapeTesting.q2;

import dev.slimfit.model.BuiltinOp;
import dev.slimfit.model.QuantizationParams;
import dev.slimfit.model.TensorType;
import dev.slimfit.testing.SingleOpModel;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MeanTest {
    static SingleOpModel reduce(BuiltinOp op, TensorType t, int[] in, int[] axes, boolean keep, int[] out,
                                QuantizationParams qi, QuantizationParams qo) {
        return new SingleOpModel(op, 1)
                .input("x", t, in, qi)
                .constant("axis", TensorType.INT32, new int[] {axes.length}, null, axes)
                .output("y", t, out, qo)
                .options("ReducerOptions", Map.of("keepDims", keep));
    }

    @ParameterizedTest
    @EnumSource(value = TensorType.class, names = {"FLOAT32", "INT8", "UINT8", "INT16", "INT32", "INT64"})
    void spatialMeanKeepDimsSameQuantization(TensorType t) {
        ShapeTesting.check(reduce(BuiltinOp.MEAN, t, new int[] {2, 5, 7, 3}, new int[] {1, 2}, true,
                new int[] {2, 1, 1, 3}, q(t), q(t)));
    }

    @ParameterizedTest
    @EnumSource(value = TensorType.class, names = {"INT8", "UINT8", "INT16"})
    void spatialMeanRequantizes(TensorType t) {
        ShapeTesting.check(reduce(BuiltinOp.MEAN, t, new int[] {1, 7, 7, 8}, new int[] {2, 1}, true,
                new int[] {1, 1, 1, 8}, q(t), q2(t)));
    }

    @ParameterizedTest
    @EnumSource(value = TensorType.class, names = {"FLOAT32", "INT8", "UINT8", "INT16", "INT32", "INT64"})
    void meanOverLastAxisWithoutKeepDims(TensorType t) {
        ShapeTesting.check(reduce(BuiltinOp.MEAN, t, new int[] {3, 4, 9}, new int[] {-1}, false,
                new int[] {3, 4}, q(t), q(t)));
    }

    @ParameterizedTest
    @EnumSource(value = TensorType.class, names = {"INT8", "UINT8", "INT16"})
    void meanOverOuterAxesRequantizesInFloat(TensorType t) {
        ShapeTesting.check(reduce(BuiltinOp.MEAN, t, new int[] {3, 4, 5}, new int[] {0, 2}, false,
                new int[] {4}, q(t), q2(t)));
    }

    @Test
    void spatialAxesGivenNegativelyTakeTheGeneralPath() {
        TensorType t = TensorType.INT8;
        ShapeTesting.check(reduce(BuiltinOp.MEAN, t, new int[] {1, 4, 6, 5}, new int[] {-3, -2}, true,
                new int[] {1, 1, 1, 5}, q(t), q2(t)));
    }

    @Test
    void meanOfAllAxesWithDuplicates() {
        ShapeTesting.check(reduce(BuiltinOp.MEAN, TensorType.FLOAT32, new int[] {4, 3, 2}, new int[] {0, 1, 2, -1},
                false, new int[] {}, null, null));
    }

    @Test
    void meanOfScalarIsTheScalarWhateverTheAxis() {
        ShapeTesting.check(reduce(BuiltinOp.MEAN, TensorType.FLOAT32, new int[] {}, new int[] {1}, false,
                new int[] {}, null, null));
        TensorType t = TensorType.UINT8;
        ShapeTesting.check(reduce(BuiltinOp.MEAN, t, new int[] {}, new int[] {0}, true, new int[] {}, q(t), q2(t)));
    }
}
