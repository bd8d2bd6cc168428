package dev.slimfit.runtime.kernels.conv;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.slimfit.model.BuiltinOp;
import dev.slimfit.model.Model;
import dev.slimfit.model.TensorType;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.testing.Conformance;
import dev.slimfit.testing.SingleOpModel;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PoolKernelTest {
    static Model model(BuiltinOp op, TensorType t, int[] in, int fh, int fw, int sh, int sw, int padding, int act) {
        int[] out = {in[0], Conv2DKernelTest.outSize(in[1], fh, sh, 1, padding),
                Conv2DKernelTest.outSize(in[2], fw, sw, 1, padding), in[3]};
        var q = switch (t) {
            case UINT8 -> ConvModels.q(0.05f, 128);
            case INT8 -> ConvModels.q(0.05f, -3);
            case INT16 -> ConvModels.q(0.001f, 0);
            default -> null;
        };
        int version = t == TensorType.INT16 ? 3 : t == TensorType.INT8 ? 2 : 1;
        return new SingleOpModel(op, version)
                .input("x", t, in, q)
                .output("y", t, out, q)
                .options("Pool2DOptions", Map.of("padding", (byte) padding, "strideW", sw, "strideH", sh,
                        "filterWidth", fw, "filterHeight", fh, "fusedActivationFunction", (byte) act))
                .build();
    }

    static void checkAll(BuiltinOp op, TensorType t) {
        int[][] shapes = {{1, 7, 9, 5}, {2, 8, 6, 3}, {1, 5, 5, 16}};
        int[][] geo = {{2, 2, 2, 2, 1}, {3, 3, 2, 2, 0}, {3, 2, 1, 1, 0}, {5, 5, 1, 1, 1}, {4, 4, 3, 3, 0}};
        int act = 0;
        for (int[] s : shapes) {
            for (int[] g : geo) {
                if (g[4] == 1 && (g[0] > s[1] || g[1] > s[2])) {
                    continue;
                }
                Conformance.check(model(op, t, s, g[0], g[1], g[2], g[3], g[4], act), 2);
                act = (act + 1) % 4;
            }
        }
    }

    @Test
    void averagePoolFloat32() {
        checkAll(BuiltinOp.AVERAGE_POOL_2D, TensorType.FLOAT32);
    }

    @Test
    void averagePoolUint8RoundsHalfUp() {
        checkAll(BuiltinOp.AVERAGE_POOL_2D, TensorType.UINT8);
    }

    @Test
    void averagePoolInt8RoundsHalfAwayFromZero() {
        checkAll(BuiltinOp.AVERAGE_POOL_2D, TensorType.INT8);
    }

    @Test
    void averagePoolInt16() {
        checkAll(BuiltinOp.AVERAGE_POOL_2D, TensorType.INT16);
    }

    @Test
    void maxPoolAllTypes() {
        for (TensorType t : new TensorType[] {TensorType.FLOAT32, TensorType.UINT8, TensorType.INT8, TensorType.INT16}) {
            checkAll(BuiltinOp.MAX_POOL_2D, t);
        }
    }

    @Test
    void l2PoolFloat32() {
        checkAll(BuiltinOp.L2_POOL_2D, TensorType.FLOAT32);
    }

    @Test
    void l2PoolRejectsQuantizedTypes() {
        Model m = model(BuiltinOp.L2_POOL_2D, TensorType.UINT8, new int[] {1, 4, 4, 2}, 2, 2, 2, 2, 1, 0);
        assertThrows(KernelException.class, () -> Conformance.runOurs(m, Conformance.inputs(m, 0), 1));
    }
}
