package dev.slimfit.runtime.kernels.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.slimfit.model.BuiltinOp;
import dev.slimfit.model.Model;
import dev.slimfit.model.TensorType;
import dev.slimfit.testing.Conformance;
import dev.slimfit.testing.SingleOpModel;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchMatMulKernelTest {
    static Model model(TensorType t, int[] a, int[] b, boolean adjX, boolean adjY) {
        int ra = a.length;
        int rb = b.length;
        int m = adjX ? a[ra - 1] : a[ra - 2];
        int k = adjX ? a[ra - 2] : a[ra - 1];
        int n = adjY ? b[rb - 2] : b[rb - 1];
        int rank = Math.max(ra, rb);
        int[] out = new int[rank];
        for (int d = 0; d < rank - 2; d++) {
            int da = d - (rank - ra) >= 0 ? a[d - (rank - ra)] : 1;
            int db = d - (rank - rb) >= 0 ? b[d - (rank - rb)] : 1;
            out[d] = Math.max(da, db);
        }
        out[rank - 2] = m;
        out[rank - 1] = n;
        var qa = t == TensorType.INT8 ? ConvModels.q(0.05f, -7) : t == TensorType.INT16 ? ConvModels.q(0.001f, 0) : null;
        var qb = t == TensorType.INT8 ? ConvModels.q(0.04f, 3) : t == TensorType.INT16 ? ConvModels.q(0.002f, 0) : null;
        float outScale = (float) (Math.sqrt(k) * (t == TensorType.INT16 ? 0.001 * 0.002 * 32768 * 32768 / 3 / 12000
                : 0.05 * 0.04 * 128 * 128 / 3 / 60));
        var qo = t == TensorType.FLOAT32 ? null : ConvModels.q(outScale, t == TensorType.INT8 ? 2 : 0);
        int version = t == TensorType.INT16 ? 3 : t == TensorType.INT8 ? 2 : 1;
        return new SingleOpModel(BuiltinOp.BATCH_MATMUL, version)
                .input("a", t, a, qa)
                .input("b", t, b, qb)
                .output("y", t, out, qo)
                .options("BatchMatMulOptions", Map.of("adjX", adjX, "adjY", adjY))
                .build();
    }

    static void checkAll(TensorType t) {
        Conformance.check(model(t, new int[] {3, 5}, new int[] {5, 4}, false, false), 2);
        Conformance.check(model(t, new int[] {2, 3, 5}, new int[] {2, 5, 4}, false, false), 2);
        Conformance.check(model(t, new int[] {2, 5, 3}, new int[] {2, 5, 4}, true, false), 2);
        Conformance.check(model(t, new int[] {2, 3, 5}, new int[] {2, 4, 5}, false, true), 2);
        Conformance.check(model(t, new int[] {2, 5, 3}, new int[] {1, 4, 5}, true, true), 2);
        Conformance.check(model(t, new int[] {2, 1, 3, 6}, new int[] {4, 6, 2}, false, false), 2);
        Conformance.check(model(t, new int[] {3, 6}, new int[] {2, 2, 6, 5}, false, false), 2);
        Conformance.check(model(t, new int[] {4, 16, 32}, new int[] {4, 32, 24}, false, false), 2);
    }

    @Test
    void float32WithAdjointsAndBroadcastBatchDims() {
        checkAll(TensorType.FLOAT32);
    }

    @Test
    void int8IsBitExact() {
        checkAll(TensorType.INT8);
    }

    @Test
    void int16IsBitExact() {
        checkAll(TensorType.INT16);
    }

    @Test
    void twoThreadsGiveTheSameBytesAsOne() throws Exception {
        for (TensorType t : new TensorType[] {TensorType.FLOAT32, TensorType.INT8, TensorType.INT16}) {
            // 2 batches of 48x96 x 96x80: enough work per batch for the kernel to split it over two threads.
            for (boolean adj : new boolean[] {false, true}) {
                Model m = model(t, adj ? new int[] {2, 96, 48} : new int[] {2, 48, 96},
                        adj ? new int[] {1, 80, 96} : new int[] {1, 96, 80}, adj, adj);
                var in = Conformance.inputs(m, 4);
                assertArrayEquals(Conformance.runOurs(m, in, 1).get(0),
                        Conformance.runOurs(m, in, 2).get(0), t + " adj=" + adj);
            }
        }
    }
}
