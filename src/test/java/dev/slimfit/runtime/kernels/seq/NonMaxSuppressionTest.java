package dev.slimfit.runtime.kernels.seq;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.slimfit.model.BuiltinOp;
import dev.slimfit.model.Model;
import dev.slimfit.model.TensorType;
import dev.slimfit.oracle.InProcessOracle;
import dev.slimfit.oracle.OracleOptions;
import dev.slimfit.oracle.OracleResult;
import dev.slimfit.testing.Conformance;
import dev.slimfit.testing.SingleOpModel;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NonMaxSuppressionTest {
    /** Ties on purpose: TFLite's priority-queue order decides which tied box wins. */
    private static final float[] TIED_SCORES = {0.9f, 0.5f, 0.9f, 0.5f, 0.3f, 0.9f, 0.7f, 0.5f, 0.2f, 0.5f};

    private static SingleOpModel v4(int n, boolean scoresAsInput, int max, float iou, float scoreThreshold) {
        SingleOpModel b = new SingleOpModel(BuiltinOp.NON_MAX_SUPPRESSION_V4, 1)
                .input("boxes", TensorType.FLOAT32, new int[] {n, 4});
        if (scoresAsInput) {
            b.input("scores", TensorType.FLOAT32, new int[] {n});
        } else {
            b.constant("scores", TensorType.FLOAT32, new int[] {n}, null, TIED_SCORES);
        }
        return b.constant("max", TensorType.INT32, new int[0], null, new int[] {max})
                .constant("iou", TensorType.FLOAT32, new int[0], null, new float[] {iou})
                .constant("score_threshold", TensorType.FLOAT32, new int[0], null, new float[] {scoreThreshold})
                .output("selected", TensorType.INT32, new int[] {max})
                .output("valid", TensorType.INT32, new int[0])
                .options("NonMaxSuppressionV4Options", Map.of());
    }

    @Test
    void v4RandomBoxesAndScores() {
        Conformance.check(v4(40, true, 12, 0.3f, -0.2f).build(), 3);
    }

    @Test
    void v4TiedScoresFollowTflitesQueueOrder() {
        Conformance.check(v4(10, false, 8, 0.6f, 0.25f).build(), 3);
        Conformance.check(v4(10, false, 10, 1.0f, 0f).build(), 3);
    }

    @Test
    void v4MoreRequestedThanAvailablePadsWithZeros() {
        Conformance.check(v4(10, false, 16, 0.1f, 0.6f).build(), 2);
    }

    @Test
    void v5SoftNmsDecaysScores() {
        for (float sigma : new float[] {0f, 0.5f, 2f}) {
            Model m = new SingleOpModel(BuiltinOp.NON_MAX_SUPPRESSION_V5, 1)
                    .input("boxes", TensorType.FLOAT32, new int[] {30, 4})
                    .input("scores", TensorType.FLOAT32, new int[] {30})
                    .constant("max", TensorType.INT32, new int[0], null, new int[] {10})
                    .constant("iou", TensorType.FLOAT32, new int[0], null, new float[] {0.7f})
                    .constant("score_threshold", TensorType.FLOAT32, new int[0], null, new float[] {0.1f})
                    .constant("sigma", TensorType.FLOAT32, new int[0], null, new float[] {sigma})
                    .output("selected", TensorType.INT32, new int[] {10})
                    .output("selected_scores", TensorType.FLOAT32, new int[] {10})
                    .output("valid", TensorType.INT32, new int[0])
                    .options("NonMaxSuppressionV5Options", Map.of())
                    .build();
            Conformance.check(m, 3);
        }
    }

    @Test
    void v4MaxOutputSizeAsInputResizesOutputs() throws Exception {
        Model m = new SingleOpModel(BuiltinOp.NON_MAX_SUPPRESSION_V4, 1)
                .input("boxes", TensorType.FLOAT32, new int[] {10, 4})
                .constant("scores", TensorType.FLOAT32, new int[] {10}, null, TIED_SCORES)
                .input("max", TensorType.INT32, new int[0])
                .constant("iou", TensorType.FLOAT32, new int[0], null, new float[] {0.5f})
                .constant("score_threshold", TensorType.FLOAT32, new int[0], null, new float[] {0f})
                .output("selected", TensorType.INT32, new int[] {1})
                .output("valid", TensorType.INT32, new int[0])
                .options("NonMaxSuppressionV4Options", Map.of())
                .build();
        byte[] boxes = Conformance.inputs(m, 1).get(0);
        byte[] max = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(5).array();
        OracleResult ref = InProcessOracle.get().run(SingleOpModelBytes.of(m), List.of(boxes, max),
                OracleOptions.DEFAULT).requireOk();
        List<byte[]> got = Conformance.runOurs(m, List.of(boxes, max), 1);
        assertEquals(20, got.get(0).length);
        Conformance.compare("selected", TensorType.INT32, ref.outputBytes(0), got.get(0), 0, "max 5");
        Conformance.compare("valid", TensorType.INT32, ref.outputBytes(1), got.get(1), 0, "max 5");
    }
}
