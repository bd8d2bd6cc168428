package dev.slimfit.runtime.kernels.shape;

import static dev.slimfit.runtime.kernels.shape.ShapeTesting.q;

import dev.slimfit.model.BuiltinOp;
import dev.slimfit.model.TensorType;
import dev.slimfit.testing.SingleOpModel;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ArgMinMaxTest {
    private static SingleOpModel arg(BuiltinOp op, TensorType t, int[] in, int axis, int[] out, TensorType outType) {
        return new SingleOpModel(op, 2)
                .input("x", t, in, q(t))
                .constant("axis", TensorType.INT32, new int[] {1}, null, new int[] {axis})
                .output("y", outType, out)
                .options(op == BuiltinOp.ARG_MAX ? "ArgMaxOptions" : "ArgMinOptions",
                        Map.of("outputType", (byte) outType.code()));
    }

    @ParameterizedTest
    @EnumSource(value = TensorType.class, names = {"FLOAT32", "INT8", "UINT8", "INT32"})
    void argMaxOverMiddleAxis(TensorType t) {
        ShapeTesting.check(arg(BuiltinOp.ARG_MAX, t, new int[] {3, 7, 4}, 1, new int[] {3, 4}, TensorType.INT32));
    }

    @ParameterizedTest
    @EnumSource(value = TensorType.class, names = {"FLOAT32", "INT8", "UINT8", "INT32"})
    void argMinOverLastAxisToInt64(TensorType t) {
        ShapeTesting.check(arg(BuiltinOp.ARG_MIN, t, new int[] {3, 7, 4}, -1, new int[] {3, 7}, TensorType.INT64));
    }

    @Test
    void tiesPickTheLowestIndex() {
        // 600 uint8 values along the axis must repeat the extreme value.
        ShapeTesting.check(arg(BuiltinOp.ARG_MAX, TensorType.UINT8, new int[] {2, 600}, 1, new int[] {2},
                TensorType.INT32));
        ShapeTesting.check(arg(BuiltinOp.ARG_MIN, TensorType.INT8, new int[] {600, 2}, 0, new int[] {2},
                TensorType.INT64));
    }
}
