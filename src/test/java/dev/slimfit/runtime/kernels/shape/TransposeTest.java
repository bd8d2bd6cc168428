package dev.slimfit.runtime.kernels.shape;

import static dev.slimfit.runtime.kernels.shape.ShapeTesting.q;

import dev.slimfit.model.BuiltinOp;
import dev.slimfit.model.TensorType;
import dev.slimfit.testing.SingleOpModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TransposeTest {
    private static SingleOpModel transpose(TensorType t, int[] in, int[] perm) {
        int[] out = new int[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = in[perm[i]];
        }
        return new SingleOpModel(BuiltinOp.TRANSPOSE, 1)
                .input("x", t, in, q(t))
                .constant("perm", TensorType.INT32, new int[] {perm.length}, null, perm)
                .output("y", t, out, q(t));
    }

    @ParameterizedTest
    @EnumSource(value = TensorType.class, names = {"FLOAT32", "INT8", "UINT8", "INT16", "INT32", "INT64", "BOOL"})
    void nhwcToNchw(TensorType t) {
        ShapeTesting.check(transpose(t, new int[] {2, 3, 4, 5}, new int[] {0, 3, 1, 2}));
    }

    @Test
    void keepsLastAxisAsRuns() {
        ShapeTesting.check(transpose(TensorType.FLOAT32, new int[] {3, 4, 5}, new int[] {1, 0, 2}));
    }

    @Test
    void reversesAllAxesOfRank5() {
        ShapeTesting.check(transpose(TensorType.INT8, new int[] {2, 3, 1, 4, 2}, new int[] {4, 3, 2, 1, 0}));
    }

    @ParameterizedTest
    @EnumSource(value = TensorType.class, names = {"FLOAT32", "INT8", "INT16", "INT64"})
    void largeNhwcToNchwTakesTheTiledPath(TensorType t) {
        ShapeTesting.check(transpose(t, new int[] {2, 17, 19, 40}, new int[] {0, 3, 1, 2}));
        ShapeTesting.check(transpose(t, new int[] {2, 40, 17, 19}, new int[] {0, 2, 3, 1}));
    }
}
