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

class BroadcastTileTest {
    @ParameterizedTest
    @EnumSource(value = TensorType.class, names = {"FLOAT32", "INT8", "UINT8", "INT16", "INT32", "INT64", "BOOL"})
    void broadcastToAddsAndRepeatsDims(TensorType t) {
        ShapeTesting.check(new SingleOpModel(BuiltinOp.BROADCAST_TO, 2)
                .input("x", t, new int[] {3, 1}, q(t))
                .constant("s", TensorType.INT32, new int[] {3}, null, new int[] {2, 3, 4})
                .output("y", t, new int[] {2, 3, 4}, q(t)));
    }

    @Test
    void broadcastToWithComputedShapeResizesInEval() {
        SingleOpModel m = new SingleOpModel(BuiltinOp.BROADCAST_TO, 2)
                .input("x", TensorType.FLOAT32, new int[] {1, 3})
                .input("s", TensorType.INT32, new int[] {2})
                .output("y", TensorType.FLOAT32, new int[] {1, 3});
        ShapeTesting.checkWith(m, List.of(ShapeTesting.seeded(TensorType.FLOAT32, new int[] {1, 3}, 1),
                ShapeTesting.ints(4, 3)));
    }

    @ParameterizedTest
    @EnumSource(value = TensorType.class, names = {"FLOAT32", "UINT8", "INT32", "INT64", "BOOL"})
    void tileRepeatsEveryDim(TensorType t) {
        ShapeTesting.check(new SingleOpModel(BuiltinOp.TILE, 1)
                .input("x", t, new int[] {2, 3}, q(t))
                .constant("m", TensorType.INT32, new int[] {2}, null, new int[] {3, 2})
                .output("y", t, new int[] {6, 6}, q(t)));
    }

    @Test
    void tileWithInt64MultiplesKeepsUnitMultiple() {
        ShapeTesting.check(new SingleOpModel(BuiltinOp.TILE, 1)
                .input("x", TensorType.FLOAT32, new int[] {2, 1, 3})
                .constant("m", TensorType.INT64, new int[] {3}, null, new long[] {1, 4, 2})
                .output("y", TensorType.FLOAT32, new int[] {2, 4, 6}));
    }

    @ParameterizedTest
    @EnumSource(value = TensorType.class, names = {"INT32", "INT64"})
    void shapeReportsDims(TensorType out) {
        ShapeTesting.check(new SingleOpModel(BuiltinOp.SHAPE, 1)
                .input("x", TensorType.FLOAT32, new int[] {2, 5, 1, 3})
                .output("y", out, new int[] {4})
                .options("ShapeOptions", Map.of("outType", (byte) out.code())));
    }
}
