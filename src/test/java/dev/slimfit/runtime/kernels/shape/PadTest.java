package dev.slimfit.runtime.kernels.shape;

import static dev.slimfit.runtime.kernels.shape.ShapeTesting.q;

import dev.slimfit.model.BuiltinOp;
import dev.slimfit.model.TensorType;
import dev.slimfit.testing.SingleOpModel;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PadTest {
    private static final int[] PADS = {0, 1, 2, 1, 1, 0, 0, 2};

    @ParameterizedTest
    @EnumSource(value = TensorType.class, names = {"FLOAT32", "INT8", "UINT8", "INT16", "INT32", "INT64"})
    void padFillsWithZeroOrOutputZeroPoint(TensorType t) {
        ShapeTesting.check(new SingleOpModel(BuiltinOp.PAD, 2)
                .input("x", t, new int[] {1, 2, 3, 2}, q(t))
                .constant("p", TensorType.INT32, new int[] {4, 2}, null, PADS)
                .output("y", t, new int[] {2, 5, 4, 4}, q(t)));
    }

    @Test
    void padReadsInt64PaddingsAsInt32WordsLike262() {
        ShapeTesting.check(new SingleOpModel(BuiltinOp.PAD, 2)
                .input("x", TensorType.FLOAT32, new int[] {3, 2})
                .constant("p", TensorType.INT64, new int[] {2, 2}, null, new long[] {1, 0, 2, 3})
                .output("y", TensorType.FLOAT32, new int[] {4, 2}));
    }

    @Test
    void padWithComputedPaddingsSizesOutputInEval() {
        SingleOpModel m = new SingleOpModel(BuiltinOp.PAD, 2)
                .input("x", TensorType.INT8, new int[] {2, 3}, q(TensorType.INT8))
                .input("p", TensorType.INT32, new int[] {2, 2})
                .output("y", TensorType.INT8, new int[] {5, 4}, q(TensorType.INT8));
        ShapeTesting.checkWith(m, List.of(ShapeTesting.seeded(TensorType.INT8, new int[] {2, 3}, 4),
                ShapeTesting.ints(2, 1, 0, 1)));
    }

    @ParameterizedTest
    @EnumSource(value = TensorType.class, names = {"FLOAT32", "INT8", "UINT8", "INT32", "INT64"})
    void padV2UsesConstantValue(TensorType t) {
        Object v = switch (t) {
            case FLOAT32 -> new float[] {2.5f};
            case INT8 -> new byte[] {-7};
            case UINT8 -> new byte[] {(byte) 200};
            case INT32 -> new int[] {-9};
            default -> new long[] {123456789012L};
        };
        ShapeTesting.check(new SingleOpModel(BuiltinOp.PADV2, 2)
                .input("x", t, new int[] {1, 2, 3, 2}, q(t))
                .constant("p", TensorType.INT32, new int[] {4, 2}, null, PADS)
                .constant("c", t, new int[] {1}, q(t), v)
                .output("y", t, new int[] {2, 5, 4, 4}, q(t)));
    }
}
