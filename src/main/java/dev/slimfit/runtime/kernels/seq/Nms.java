package dev.slimfit.runtime.kernels.seq;

import dev.slimfit.model.TensorType;
import dev.slimfit.runtime.RuntimeTensor;

/**
 * The box decoding and NMS helpers of TFLite 2.6.2's detection_postprocess.cc, with all scratch
 * space allocated once. Decoded boxes are {ymin, xmin, ymax, xmax}.
 */
final class Nms {
    private final DetectionPostProcess.Params p;
    private final int numBoxes;
    private final int numClassesWithBg;
    private final int labelOffset;
    private final float[] decoded;
    private final float[] dequantized;
    private final float[] classScores;
    private final float[] keepScores;
    private final int[] keepIndices;
    private final int[] sorted;
    private final int[] mergeSorted;
    private final boolean[] active;
    private final int[] selected;
    private final int[] classIndices;
    private final int[] rowOrder;
    private final int[] boxIndexAfter;
    private final float[] scoresAfter;
    private final float[] sortedValues;
    private float[] rowScores;
    private int rowBase;
    private float[] keyScores;
    private final StdHeap.Less rowGreater = (a, b) -> rowScores[rowBase + a] > rowScores[rowBase + b];
    private final StdHeap.Less keyGreater = (a, b) -> keyScores[a] > keyScores[b];

    Nms(DetectionPostProcess.Params p, int numBoxes, int numClassesWithBg, int labelOffset) {
        this.p = p;
        this.numBoxes = numBoxes;
        this.numClassesWithBg = numClassesWithBg;
        this.labelOffset = labelOffset;
        decoded = new float[4 * numBoxes];
        dequantized = new float[numBoxes * numClassesWithBg];
        classScores = new float[numBoxes];
        keepScores = new float[numBoxes];
        keepIndices = new int[numBoxes];
        sorted = new int[numBoxes];
        active = new boolean[numBoxes];
        selected = new int[numBoxes];
        int perAnchor = Math.min(p.maxClassesPerDetection(), p.numClasses());
        classIndices = new int[numBoxes * perAnchor];
        rowOrder = new int[p.numClasses()];
        int merged = numBoxes + Math.max(p.maxDetections(), 0);
        boxIndexAfter = new int[merged];
        scoresAfter = new float[merged];
        mergeSorted = new int[merged];
        sortedValues = new float[Math.max(p.maxDetections(), 1)];
    }

    /** DecodeCenterSizeBoxes; uint8 encodings and anchors are dequantized as {@code scale * (q - zp)}. */
    void decode(RuntimeTensor boxes, RuntimeTensor anchors) {
        int stride = boxes.dim(2);
        boolean q = boxes.type() == TensorType.UINT8;
        float bScale = boxes.scale();
        float bZp = boxes.zeroPoint();
        float aScale = anchors.scale();
        float aZp = anchors.zeroPoint();
        for (int i = 0; i < numBoxes; i++) {
            float y;
            float x;
            float h;
            float w;
            float ay;
            float ax;
            float ah;
            float aw;
            if (q) {
                byte[] b = boxes.bytes();
                byte[] a = anchors.bytes();
                int o = i * stride;
                y = bScale * ((b[o] & 0xFF) - bZp);
                x = bScale * ((b[o + 1] & 0xFF) - bZp);
                h = bScale * ((b[o + 2] & 0xFF) - bZp);
                w = bScale * ((b[o + 3] & 0xFF) - bZp);
                ay = aScale * ((a[4 * i] & 0xFF) - aZp);
                ax = aScale * ((a[4 * i + 1] & 0xFF) - aZp);
                ah = aScale * ((a[4 * i + 2] & 0xFF) - aZp);
                aw = aScale * ((a[4 * i + 3] & 0xFF) - aZp);
            } else {
                float[] b = boxes.floats();
                float[] a = anchors.floats();
                int o = i * stride;
                y = b[o];
                x = b[o + 1];
                h = b[o + 2];
                w = b[o + 3];
                ay = a[4 * i];
                ax = a[4 * i + 1];
                ah = a[4 * i + 2];
                aw = a[4 * i + 3];
            }
            float yc = (float) ((double) y / (double) p.yScale() * (double) ah + (double) ay);
            float xc = (float) ((double) x / (double) p.xScale() * (double) aw + (double) ax);
            float halfH = (float) (0.5 * Math.exp((double) h / (double) p.hScale()) * (double) ah);
            float halfW = (float) (0.5 * Math.exp((double) w / (double) p.wScale()) * (double) aw);
            decoded[4 * i] = yc - halfH;
            decoded[4 * i + 1] = xc - halfW;
            decoded[4 * i + 2] = yc + halfH;
            decoded[4 * i + 3] = xc + halfW;
        }
    }

    float[] scores(RuntimeTensor classes) {
        if (classes.type() == TensorType.FLOAT32) {
            return classes.floats();
        }
        byte[] q = classes.bytes();
        double scale = classes.scale();
        int zp = classes.zeroPoint();
        int n = numBoxes * numClassesWithBg;
        for (int i = 0; i < n; i++) {
            dequantized[i] = (float) (scale * ((q[i] & 0xFF) - zp));
        }
        return dequantized;
    }

    /** NonMaxSuppressionMultiClassFastHelper; returns the number of detections. */
    int fast(float[] scores, float[][] out) {
        int perAnchor = Math.min(p.maxClassesPerDetection(), p.numClasses());
        float[] maxScores = classScores;
        for (int row = 0; row < numBoxes; row++) {
            int base = row * numClassesWithBg + labelOffset;
            decreasingPartialArgSort(scores, base, p.numClasses(), perAnchor);
            System.arraycopy(rowOrder, 0, classIndices, row * perAnchor, perAnchor);
            maxScores[row] = scores[base + rowOrder[0]];
        }
        int count = singleClass(maxScores, p.maxDetections());
        for (int k = 0; k < count; k++) {
            int sel = selected[k];
            int base = sel * numClassesWithBg + labelOffset;
            for (int col = 0; col < perAnchor; col++) {
                int offset = p.maxClassesPerDetection() * k + col;
                System.arraycopy(decoded, 4 * sel, out[0], 4 * offset, 4);
                int cls = classIndices[sel * perAnchor + col];
                out[1][offset] = cls;
                out[2][offset] = scores[base + cls];
            }
        }
        return count;
    }

    /** NonMaxSuppressionMultiClassRegularHelper (the 2.6.2 single-threaded version). */
    int regular(float[] scores, float[][] out) {
        int size = 0;
        int maxDet = p.maxDetections();
        for (int col = 0; col < p.numClasses(); col++) {
            for (int row = 0; row < numBoxes; row++) {
                classScores[row] = scores[row * numClassesWithBg + col + labelOffset];
            }
            int count = singleClass(classScores, p.detectionsPerClass());
            int outIndex = size;
            for (int k = 0; k < count; k++) {
                boxIndexAfter[outIndex] = selected[k] * numClassesWithBg + col + labelOffset;
                scoresAfter[outIndex] = classScores[selected[k]];
                outIndex++;
            }
            int toSort = Math.min(outIndex, maxDet);
            partialArgSortInto(scoresAfter, outIndex, toSort);
            for (int r = 0; r < toSort; r++) {
                int t = mergeSorted[r];
                mergeSorted[r] = boxIndexAfter[t];
                sortedValues[r] = scoresAfter[t];
            }
            for (int r = 0; r < toSort; r++) {
                boxIndexAfter[r] = mergeSorted[r];
                scoresAfter[r] = sortedValues[r];
            }
            size = toSort;
        }
        for (int k = 0; k < size; k++) {
            int anchor = boxIndexAfter[k] / numClassesWithBg;
            System.arraycopy(decoded, 4 * anchor, out[0], 4 * k, 4);
            out[1][k] = boxIndexAfter[k] - anchor * numClassesWithBg - labelOffset;
            out[2][k] = scoresAfter[k];
        }
        return size;
    }

    /** NonMaxSuppressionSingleClassHelper: fills {@link #selected}, returns how many. */
    private int singleClass(float[] scores, int maxDetections) {
        int kept = 0;
        for (int i = 0; i < numBoxes; i++) {
            if (scores[i] >= p.scoreThreshold()) {
                keepScores[kept] = scores[i];
                keepIndices[kept] = i;
                kept++;
            }
        }
        // DecreasingArgSort: std::stable_sort on descending score.
        for (int i = 0; i < kept; i++) {
            sorted[i] = i;
        }
        stableSortDescending(kept);
        int outputSize = Math.min(kept, maxDetections);
        int count = 0;
        int numActive = kept;
        for (int i = 0; i < kept; i++) {
            active[i] = true;
        }
        for (int i = 0; i < kept; i++) {
            if (numActive == 0 || count >= outputSize) {
                break;
            }
            if (!active[i]) {
                continue;
            }
            int bi = keepIndices[sorted[i]];
            selected[count++] = bi;
            active[i] = false;
            numActive--;
            for (int j = i + 1; j < kept; j++) {
                if (active[j] && iou(bi, keepIndices[sorted[j]]) > p.iouThreshold()) {
                    active[j] = false;
                    numActive--;
                }
            }
        }
        return count;
    }

    /** Bottom-up merge sort of {@link #sorted}[0, n) by descending keepScores; ties keep their order. */
    private void stableSortDescending(int n) {
        int[] tmp = mergeSorted.length >= n ? mergeSorted : new int[n];
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n - width; lo += 2 * width) {
                int mid = lo + width;
                int hi = Math.min(lo + 2 * width, n);
                int i = lo;
                int j = mid;
                int k = lo;
                while (i < mid && j < hi) {
                    tmp[k++] = keepScores[sorted[j]] > keepScores[sorted[i]] ? sorted[j++] : sorted[i++];
                }
                while (i < mid) {
                    tmp[k++] = sorted[i++];
                }
                while (j < hi) {
                    tmp[k++] = sorted[j++];
                }
                System.arraycopy(tmp, lo, sorted, lo, hi - lo);
            }
        }
    }

    /** DecreasingPartialArgSort of scores[base, base+n) into {@link #rowOrder}[0, k). */
    private void decreasingPartialArgSort(float[] scores, int base, int n, int k) {
        if (k == 1) {
            int best = 0;
            for (int i = 1; i < n; i++) {
                if (scores[base + i] > scores[base + best]) {
                    best = i;
                }
            }
            rowOrder[0] = best;
            return;
        }
        for (int i = 0; i < n; i++) {
            rowOrder[i] = i;
        }
        rowScores = scores;
        rowBase = base;
        StdHeap.partialSort(rowOrder, k, n, rowGreater);
    }

    /** DecreasingPartialArgSort of values[0, n) into {@link #mergeSorted}[0, k). */
    private void partialArgSortInto(float[] values, int n, int k) {
        if (k <= 0) {
            return;
        }
        if (k == 1) {
            int best = 0;
            for (int i = 1; i < n; i++) {
                if (values[i] > values[best]) {
                    best = i;
                }
            }
            mergeSorted[0] = best;
            return;
        }
        for (int i = 0; i < n; i++) {
            mergeSorted[i] = i;
        }
        keyScores = values;
        StdHeap.partialSort(mergeSorted, k, n, keyGreater);
    }

    /** detection_postprocess.cc ComputeIntersectionOverUnion on decoded {ymin, xmin, ymax, xmax}. */
    private float iou(int i, int j) {
        float[] d = decoded;
        float areaI = (d[4 * i + 2] - d[4 * i]) * (d[4 * i + 3] - d[4 * i + 1]);
        float areaJ = (d[4 * j + 2] - d[4 * j]) * (d[4 * j + 3] - d[4 * j + 1]);
        if (areaI <= 0 || areaJ <= 0) {
            return 0f;
        }
        float ymin = Math.max(d[4 * i], d[4 * j]);
        float xmin = Math.max(d[4 * i + 1], d[4 * j + 1]);
        float ymax = Math.min(d[4 * i + 2], d[4 * j + 2]);
        float xmax = Math.min(d[4 * i + 3], d[4 * j + 3]);
        float inter = Math.max(ymax - ymin, 0f) * Math.max(xmax - xmin, 0f);
        return inter / (areaI + areaJ - inter);
    }
}

