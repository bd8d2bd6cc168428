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

class ConcatenationTest {
    private static SingleOpModel concat(TensorType t, int axis, QuantizationParams qa, QuantizationParams qb,
                                        QuantizationParams qo) {
        return new SingleOpModel(BuiltinOp.CONCATENATION, 1)
                .input("a", t, new int[] {2, 3, 4}, qa)
                .input("b", t, new int[] {2, 3, 4}, qb)
                .output("y", t, axis == 1 || axis == -2 ? new int[] {2, 6, 4} : new int[] {2, 3, 8}, qo)
                .options("ConcatenationOptions", Map.of("axis", axis, "fusedActivationFunction", (byte) 0));
    }

    @ParameterizedTest
    @EnumSource(value = TensorType.class, names = {"FLOAT32", "INT8", "UINT8", "INT16", "INT32", "INT64", "BOOL"})
    void concatenatesAlongMiddleAxis(TensorType t) {
        ShapeTesting.check(concat(t, 1, q(t), q(t), q(t)));
    }

    @ParameterizedTest
    @EnumSource(value = TensorType.class, names = {"FLOAT32", "INT8", "UINT8", "INT32"})
    void concatenatesAlongNegativeLastAxis(TensorType t) {
        ShapeTesting.check(concat(t, -1, q(t), q(t), q(t)));
    }

    @Test
    void uint8WithDifferingScalesRequantizes() {
        TensorType t = TensorType.UINT8;
        ShapeTesting.check(concat(t, -2, q(t), q2(t), q(t)));
        ShapeTesting.check(concat(t, 2, q2(t), q(t), QuantizationParams.perTensor(0.011f, 3)));
    }

    @Test
    void concatenatesThreeUnequalInputsOnAxisZero() {
        ShapeTesting.check(new SingleOpModel(BuiltinOp.CONCATENATION, 1)
                .input("a", TensorType.FLOAT32, new int[] {1, 5})
                .input("b", TensorType.FLOAT32, new int[] {3, 5})
                .input("c", TensorType.FLOAT32, new int[] {2, 5})
                .output("y", TensorType.FLOAT32, new int[] {6, 5})
                .options("ConcatenationOptions", Map.of("axis", 0, "fusedActivationFunction", (byte) 0)));
    }
}
