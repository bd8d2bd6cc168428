package dev.slimfit.runtime.kernels.shape;

import static dev.slimfit.runtime.kernels.shape.ShapeTesting.q;

import dev.slimfit.model.BuiltinOp;
import dev.slimfit.model.TensorType;
import dev.slimfit.testing.SingleOpModel;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ResizeTest {
    static Stream<Arguments> cases() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (TensorType t : new TensorType[] {TensorType.FLOAT32, TensorType.UINT8, TensorType.INT8, TensorType.INT16}) {
            b.add(Arguments.of(t, false, false, 8, 10));
            b.add(Arguments.of(t, true, false, 7, 5));
            b.add(Arguments.of(t, false, true, 9, 13));
            b.add(Arguments.of(t, false, true, 3, 2));
            b.add(Arguments.of(t, false, false, 6, 8));
        }
        return b.build();
    }

    private static SingleOpModel resize(BuiltinOp op, TensorType t, boolean align, boolean half, int oh, int ow) {
        return new SingleOpModel(op, 3)
                .input("x", t, new int[] {2, 3, 4, 3}, q(t))
                .constant("size", TensorType.INT32, new int[] {2}, null, new int[] {oh, ow})
                .output("y", t, new int[] {2, oh, ow, 3}, q(t))
                .options(op == BuiltinOp.RESIZE_BILINEAR ? "ResizeBilinearOptions" : "ResizeNearestNeighborOptions",
                        Map.of("alignCorners", align, "halfPixelCenters", half));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void bilinear(TensorType t, boolean align, boolean half, int oh, int ow) {
        ShapeTesting.check(resize(BuiltinOp.RESIZE_BILINEAR, t, align, half, oh, ow));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void nearestNeighbor(TensorType t, boolean align, boolean half, int oh, int ow) {
        ShapeTesting.check(resize(BuiltinOp.RESIZE_NEAREST_NEIGHBOR, t, align, half, oh, ow));
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(value = TensorType.class, names = {"FLOAT32", "UINT8", "INT8"})
    void bilinearSplitOverThreadsMatches(TensorType t) {
        ShapeTesting.checkThreaded(new SingleOpModel(BuiltinOp.RESIZE_BILINEAR, 3)
                .input("x", t, new int[] {1, 33, 33, 21}, q(t))
                .constant("size", TensorType.INT32, new int[] {2}, null, new int[] {257, 257})
                .output("y", t, new int[] {1, 257, 257, 21}, q(t))
                .options("ResizeBilinearOptions", Map.of("alignCorners", true, "halfPixelCenters", false)), 2);
    }

    @Test
    void bilinearWithComputedSizeResizesInEval() {
        SingleOpModel m = new SingleOpModel(BuiltinOp.RESIZE_BILINEAR, 3)
                .input("x", TensorType.UINT8, new int[] {1, 3, 4, 2}, q(TensorType.UINT8))
                .input("size", TensorType.INT32, new int[] {2})
                .output("y", TensorType.UINT8, new int[] {1, 1, 1, 2}, q(TensorType.UINT8))
                .options("ResizeBilinearOptions", Map.of("alignCorners", false, "halfPixelCenters", true));
        ShapeTesting.checkWith(m, List.of(ShapeTesting.seeded(TensorType.UINT8, new int[] {1, 3, 4, 2}, 5),
                ShapeTesting.ints(7, 9)));
    }
}
