package dev.slimfit.runtime.kernels.seq;

import dev.slimfit.model.TensorType;
import dev.slimfit.runtime.Kernel;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.PreparedOp;
import dev.slimfit.runtime.RuntimeTensor;

/**
 * NON_MAX_SUPPRESSION_V4 and _V5 as TFLite 2.6.2 (non_max_suppression.cc, reference
 * non_max_suppression.h): candidates above the score threshold enter a {@code std::priority_queue}
 * (emulated step for step by {@link StdHeap}, so tied scores come out in TFLite's order); each
 * popped candidate is compared with the already selected boxes newest first; IoU at or above the
 * threshold drops it, otherwise V5's soft-NMS decays its score by {@code exp(-0.5/σ · iou²)} and
 * re-queues it. A candidate is selected only when its score is unchanged, and — as in 2.6.2 — is
 * then pushed back too (it is dropped on its next pop, overlapping itself). Unused output slots are
 * zeroed; the outputs have max_output_size rows (resized in eval when that input is not constant).
 */
public final class NonMaxSuppression implements Kernel {
    private final boolean v5;

    public NonMaxSuppression(boolean v5) {
        this.v5 = v5;
    }

    @Override
    public PreparedOp prepare(OpContext ctx) throws KernelException {
        RuntimeTensor boxes = ctx.requireInput(0);
        RuntimeTensor scores = ctx.requireInput(1);
        RuntimeTensor maxOut = ctx.requireInput(2);
        RuntimeTensor iouT = ctx.requireInput(3);
        RuntimeTensor scoreT = ctx.requireInput(4);
        RuntimeTensor sigmaT = v5 ? ctx.requireInput(5) : null;
        if (boxes.type() != TensorType.FLOAT32 || boxes.rank() != 2 || boxes.dim(1) != 4) {
            throw new KernelException("boxes must be float32 [num_boxes, 4], got " + boxes);
        }
        int n = boxes.dim(0);
        if (scores.type() != TensorType.FLOAT32 || scores.rank() != 1 || scores.dim(0) != n) {
            throw new KernelException("scores must be float32 [" + n + "], got " + scores);
        }
        if (maxOut.type() != TensorType.INT32 || maxOut.flatSize() != 1 || iouT.type() != TensorType.FLOAT32
                || scoreT.type() != TensorType.FLOAT32 || (sigmaT != null && sigmaT.type() != TensorType.FLOAT32)) {
            throw new KernelException("max_output_size must be an int32 scalar and the thresholds float32 scalars");
        }
        RuntimeTensor outIdx = ctx.output(0);
        RuntimeTensor outScores = v5 ? ctx.output(1) : null;
        RuntimeTensor outCount = ctx.output(v5 ? 2 : 1);
        outCount.resize(new int[0]);
        if (maxOut.isConstant()) {
            resize(outIdx, outScores, maxOut.ints()[0]);
        }
        int[] heap = new int[Math.max(1, n)];
        int[] candIndex = new int[Math.max(1, n)];
        float[] candScore = new float[Math.max(1, n)];
        int[] candBegin = new int[Math.max(1, n)];
        StdHeap.Less less = (a, b) -> candScore[a] < candScore[b];
        return () -> {
            int max = maxOut.ints()[0];
            if (max < 0) {
                throw new KernelException("max_output_size must be >= 0, got " + max);
            }
            if (!maxOut.isConstant()) {
                resize(outIdx, outScores, max);
            }
            float sigma = sigmaT == null ? 0f : sigmaT.floats()[0];
            if (sigma < 0) {
                throw new KernelException("Invalid sigma value for soft NMS: " + sigma);
            }
            float[] b = boxes.floats();
            float[] s = scores.floats();
            float iouThreshold = iouT.floats()[0];
            float scoreThreshold = scoreT.floats()[0];
            int[] sel = outIdx.ints();
            float[] selScores = outScores == null ? null : outScores.floats();
            int size = 0;
            for (int i = 0; i < n; i++) {
                if (s[i] > scoreThreshold) {
                    candIndex[size] = i;
                    candScore[size] = s[i];
                    candBegin[size] = 0;
                    heap[size] = size;
                    size++;
                    StdHeap.push(heap, size, less);
                }
            }
            int count = 0;
            int numOutputs = Math.min(size, max);
            float scale = sigma > 0 ? (float) (-0.5 / sigma) : 0f;
            while (count < numOutputs && size > 0) {
                int c = heap[0];
                StdHeap.pop(heap, size, less);
                size--;
                float original = candScore[c];
                boolean hard = false;
                for (int j = count - 1; j >= candBegin[c]; j--) {
                    float iou = iou(b, candIndex[c], sel[j]);
                    if (iou >= iouThreshold) {
                        hard = true;
                        break;
                    }
                    if (sigma > 0) {
                        candScore[c] = candScore[c] * (float) Math.exp(scale * iou * iou);
                    }
                    if (candScore[c] <= scoreThreshold) {
                        break;
                    }
                }
                candBegin[c] = count;
                if (!hard) {
                    if (candScore[c] == original) {
                        sel[count] = candIndex[c];
                        if (selScores != null) {
                            selScores[count] = candScore[c];
                        }
                        count++;
                    }
                    if (candScore[c] > scoreThreshold) {
                        heap[size] = c;
                        size++;
                        StdHeap.push(heap, size, less);
                    }
                }
            }
            for (int i = count; i < max; i++) {
                sel[i] = 0;
                if (selScores != null) {
                    selScores[i] = 0f;
                }
            }
            outCount.ints()[0] = count;
        };
    }

    private static void resize(RuntimeTensor idx, RuntimeTensor scores, int max) {
        idx.resize(new int[] {max});
        if (scores != null) {
            scores.resize(new int[] {max});
        }
    }

    /** ComputeIntersectionOverUnion over {y1, x1, y2, x2} corner boxes; 0 when either area is not positive. */
    static float iou(float[] b, int i, int j) {
        int p = 4 * i;
        int q = 4 * j;
        float iyMin = Math.min(b[p], b[p + 2]);
        float iyMax = Math.max(b[p], b[p + 2]);
        float ixMin = Math.min(b[p + 1], b[p + 3]);
        float ixMax = Math.max(b[p + 1], b[p + 3]);
        float jyMin = Math.min(b[q], b[q + 2]);
        float jyMax = Math.max(b[q], b[q + 2]);
        float jxMin = Math.min(b[q + 1], b[q + 3]);
        float jxMax = Math.max(b[q + 1], b[q + 3]);
        float areaI = (iyMax - iyMin) * (ixMax - ixMin);
        float areaJ = (jyMax - jyMin) * (jxMax - jxMin);
        if (areaI <= 0 || areaJ <= 0) {
            return 0f;
        }
        float inter = Math.max(Math.min(iyMax, jyMax) - Math.max(iyMin, jyMin), 0f)
                * Math.max(Math.min(ixMax, jxMax) - Math.max(ixMin, jxMin), 0f);
        return inter / (areaI + areaJ - inter);
    }
}
