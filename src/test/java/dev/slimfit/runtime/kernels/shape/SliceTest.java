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

class SliceTest {
    @ParameterizedTest
    @EnumSource(value = TensorType.class, names = {"FLOAT32", "INT8", "UINT8", "INT16", "INT32", "INT64", "BOOL"})
    void sliceWithMinusOneSize(TensorType t) {
        ShapeTesting.check(new SingleOpModel(BuiltinOp.SLICE, 1)
                .input("x", t, new int[] {3, 4, 5}, q(t))
                .constant("b", TensorType.INT32, new int[] {3}, null, new int[] {1, 0, 2})
                .constant("s", TensorType.INT32, new int[] {3}, null, new int[] {2, -1, 2})
                .output("y", t, new int[] {2, 4, 2}, q(t)));
    }

    @Test
    void sliceWithInt64BeginAndSize() {
        ShapeTesting.check(new SingleOpModel(BuiltinOp.SLICE, 1)
                .input("x", TensorType.FLOAT32, new int[] {4, 6})
                .constant("b", TensorType.INT64, new int[] {2}, null, new long[] {1, 3})
                .constant("s", TensorType.INT64, new int[] {2}, null, new long[] {3, 3})
                .output("y", TensorType.FLOAT32, new int[] {3, 3}));
    }

    @Test
    void sliceWithComputedBeginSizesOutputInEval() {
        SingleOpModel m = new SingleOpModel(BuiltinOp.SLICE, 1)
                .input("x", TensorType.FLOAT32, new int[] {4, 6})
                .input("b", TensorType.INT32, new int[] {2})
                .constant("s", TensorType.INT32, new int[] {2}, null, new int[] {2, -1})
                .output("y", TensorType.FLOAT32, new int[] {2, 2});
        ShapeTesting.checkWith(m, List.of(ShapeTesting.seeded(TensorType.FLOAT32, new int[] {4, 6}, 3),
                ShapeTesting.ints(1, 4)));
    }

    private static SingleOpModel strided(TensorType t, int[] in, int[] b, int[] e, int[] s, int[] out,
                                         int beginMask, int endMask, int shrinkMask) {
        return strided(t, in, b, e, s, out, beginMask, endMask, 0, 0, shrinkMask);
    }

    private static SingleOpModel strided(TensorType t, int[] in, int[] b, int[] e, int[] s, int[] out,
                                         int beginMask, int endMask, int ellipsisMask, int newAxisMask,
                                         int shrinkMask) {
        return new SingleOpModel(BuiltinOp.STRIDED_SLICE, 1)
                .input("x", t, in, q(t))
                .constant("b", TensorType.INT32, new int[] {b.length}, null, b)
                .constant("e", TensorType.INT32, new int[] {e.length}, null, e)
                .constant("s", TensorType.INT32, new int[] {s.length}, null, s)
                .output("y", t, out, q(t))
                .options("StridedSliceOptions", Map.of("beginMask", beginMask, "endMask", endMask,
                        "ellipsisMask", ellipsisMask, "newAxisMask", newAxisMask, "shrinkAxisMask", shrinkMask));
    }

    @Test
    void stridedSliceNewAxisInsertsUnitDim() {
        ShapeTesting.check(strided(TensorType.FLOAT32, new int[] {4, 6}, new int[] {0, 0, 1}, new int[] {4, 1, 5},
                new int[] {1, 1, 2}, new int[] {4, 1, 2}, 0, 0, 0, 0b010, 0));
    }

    @Test
    void stridedSliceEllipsisExpandsToLeadingDims() {
        ShapeTesting.check(strided(TensorType.INT8, new int[] {2, 4, 6}, new int[] {0, 5}, new int[] {0, 1},
                new int[] {1, -2}, new int[] {2, 4, 2}, 0, 0, 0b01, 0, 0));
    }

    @Test
    void stridedSliceEllipsisInTheMiddleWithShrinkAndNewAxis() {
        ShapeTesting.check(strided(TensorType.FLOAT32, new int[] {3, 2, 4, 5}, new int[] {1, 0, 0, 2},
                new int[] {2, 0, 1, 4}, new int[] {1, 1, 1, 1}, new int[] {2, 4, 1, 2}, 0, 0, 0b0010, 0b0100,
                0b0001));
    }

    @Test
    void stridedSliceWithShortSpecKeepsTrailingDims() {
        ShapeTesting.check(strided(TensorType.UINT8, new int[] {4, 6, 2}, new int[] {1}, new int[] {3},
                new int[] {1}, new int[] {2, 6, 2}, 0, 0, 0));
    }

    @Test
    void stridedSliceNewAxisAndEllipsisAtSameIndexIgnoresNewAxis() {
        ShapeTesting.check(strided(TensorType.FLOAT32, new int[] {3, 4}, new int[] {0, 1}, new int[] {0, 3},
                new int[] {1, 1}, new int[] {3, 2}, 0, 0, 0b01, 0b01, 0));
    }

    @ParameterizedTest
    @EnumSource(value = TensorType.class, names = {"FLOAT32", "INT8", "UINT8", "INT16", "INT32", "INT64", "BOOL"})
    void stridedSliceWithStepsAndMasks(TensorType t) {
        ShapeTesting.check(strided(t, new int[] {4, 6, 3}, new int[] {1, 0, 0}, new int[] {4, 5, 2},
                new int[] {2, 2, 1}, new int[] {2, 3, 3}, 0b010, 0b100, 0));
    }

    @Test
    void stridedSliceWithNegativeStridesReverses() {
        ShapeTesting.check(strided(TensorType.FLOAT32, new int[] {4, 6}, new int[] {-1, 5}, new int[] {0, 0},
                new int[] {-1, -2}, new int[] {4, 3}, 0b10, 0b01, 0));
    }

    @Test
    void stridedSliceShrinksAxisWithNegativeBegin() {
        ShapeTesting.check(strided(TensorType.INT8, new int[] {3, 4, 5}, new int[] {0, -1, 1},
                new int[] {3, 0, -1}, new int[] {1, 1, 1}, new int[] {3, 3}, 0b001, 0, 0b010));
    }

    @Test
    void stridedSliceClampsOutOfRangeIndices() {
        ShapeTesting.check(strided(TensorType.FLOAT32, new int[] {5, 4}, new int[] {-10, 1}, new int[] {10, 100},
                new int[] {3, 1}, new int[] {2, 3}, 0, 0, 0));
    }

    @Test
    void stridedSliceWithComputedBeginSizesOutputInEval() {
        SingleOpModel m = new SingleOpModel(BuiltinOp.STRIDED_SLICE, 1)
                .input("x", TensorType.FLOAT32, new int[] {4, 6})
                .input("b", TensorType.INT32, new int[] {2})
                .constant("e", TensorType.INT32, new int[] {2}, null, new int[] {4, 6})
                .constant("s", TensorType.INT32, new int[] {2}, null, new int[] {1, 2})
                .output("y", TensorType.FLOAT32, new int[] {3, 2})
                .options("StridedSliceOptions", Map.of("beginMask", 0, "endMask", 0,
                        "ellipsisMask", 0, "newAxisMask", 0, "shrinkAxisMask", 0));
        ShapeTesting.checkWith(m, List.of(ShapeTesting.seeded(TensorType.FLOAT32, new int[] {4, 6}, 3),
                ShapeTesting.ints(1, 1)));
    }
}
