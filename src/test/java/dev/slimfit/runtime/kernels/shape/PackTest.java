package dev.slimfit.runtime.kernels.shape;

import static dev.slimfit.runtime.kernels.shape.ShapeTesting.q;

import dev.slimfit.model.BuiltinOp;
import dev.slimfit.model.TensorType;
import dev.slimfit.testing.SingleOpModel;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PackTest {
    @ParameterizedTest
    @EnumSource(value = TensorType.class, names = {"FLOAT32", "INT8", "UINT8", "INT16", "INT32", "INT64"})
    void packsThreeInputsAlongNegativeAxis(TensorType t) {
        ShapeTesting.check(new SingleOpModel(BuiltinOp.PACK, 1)
                .input("a", t, new int[] {2, 3}, q(t))
                .input("b", t, new int[] {2, 3}, q(t))
                .input("c", t, new int[] {2, 3}, q(t))
                .output("y", t, new int[] {2, 3, 3}, q(t))
                .options("PackOptions", Map.of("valuesCount", 3, "axis", -2)));
    }

    @ParameterizedTest
    @EnumSource(value = TensorType.class, names = {"FLOAT32", "INT8", "UINT8", "INT16", "INT32"})
    void unpacksAlongMiddleAxis(TensorType t) {
        ShapeTesting.check(new SingleOpModel(BuiltinOp.UNPACK, 1)
                .input("x", t, new int[] {2, 3, 4}, q(t))
                .output("a", t, new int[] {2, 4}, q(t))
                .output("b", t, new int[] {2, 4}, q(t))
                .output("c", t, new int[] {2, 4}, q(t))
                .options("UnpackOptions", Map.of("num", 3, "axis", 1)));
    }
}
