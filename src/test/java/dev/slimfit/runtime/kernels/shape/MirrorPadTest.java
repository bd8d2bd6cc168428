package dev.slimfit.runtime.kernels.shape;

import static dev.slimfit.runtime.kernels.shape.ShapeTesting.q;

import dev.slimfit.model.BuiltinOp;
import dev.slimfit.model.TensorType;
import dev.slimfit.testing.SingleOpModel;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MirrorPadTest {
    private static SingleOpModel mirror(TensorType t, int mode, int[] pads, int[] out) {
        return new SingleOpModel(BuiltinOp.MIRROR_PAD, 1)
                .input("x", t, new int[] {1, 3, 4, 2}, q(t))
                .constant("p", TensorType.INT32, new int[] {4, 2}, null, pads)
                .output("y", t, out, q(t))
                .options("MirrorPadOptions", Map.of("mode", (byte) mode));
    }

    @ParameterizedTest
    // TFLite 2.6.2 cannot judge int16/int32 REFLECT: it intermittently fails to invoke them (a
    // different type and padding each JVM run). The index mapping is type-independent and int32
    // runs under SYMMETRIC below.
    @EnumSource(value = TensorType.class, names = {"FLOAT32", "INT8", "UINT8", "INT64"})
    void reflectExcludesTheEdge(TensorType t) {
        ShapeTesting.checkRetryingOracleFailures(mirror(t, 0, new int[] {0, 0, 2, 1, 3, 2, 0, 1}, new int[] {1, 6, 9, 3}));
    }

    @ParameterizedTest
    @EnumSource(value = TensorType.class, names = {"FLOAT32", "INT8", "UINT8", "INT32"})
    void symmetricIncludesTheEdge(TensorType t) {
        ShapeTesting.checkRetryingOracleFailures(mirror(t, 1, new int[] {0, 1, 3, 2, 4, 1, 2, 0}, new int[] {2, 8, 9, 4}));
    }
}
