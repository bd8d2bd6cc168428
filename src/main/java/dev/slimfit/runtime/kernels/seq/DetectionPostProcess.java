package dev.slimfit.runtime.kernels.seq;

import dev.slimfit.model.TensorType;
import dev.slimfit.runtime.Kernel;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.PreparedOp;
import dev.slimfit.runtime.RuntimeTensor;
import java.util.Arrays;

/**
 * The custom op TFLite_Detection_PostProcess as TFLite 2.6.2 (kernels/detection_postprocess.cc):
 * decodes center-size box encodings against the anchors (in double, as 2.6.2 casts), then either
 * the fast multi-class NMS (each anchor ranked by its best class, one single-class NMS) or the
 * regular one (a single-class NMS per class, merged by score). Options come from a flexbuffer map.
 *
 * <p>Orderings are reproduced exactly: the single-class NMS sorts kept scores with
 * {@code std::stable_sort} (descending); per-anchor class ranking and the regular merge use
 * {@code std::partial_sort} (libstdc++ heap select, see {@link StdHeap}), or the first maximum when
 * only one is needed. uint8 inputs are dequantized to float first. The fast path leaves output rows
 * past the detections untouched in TFLite; here they are zero (a fresh TFLite arena is zero too).
 */
public final class DetectionPostProcess implements Kernel {
    @Override
    public PreparedOp prepare(OpContext ctx) throws KernelException {
        FlexMap m;
        try {
            m = FlexMap.parse(ctx.operator().customOptions());
        } catch (IllegalArgumentException e) {
            throw new KernelException("TFLite_Detection_PostProcess options: " + e.getMessage());
        }
        Params p = new Params(m.getInt("max_detections"), m.getInt("max_classes_per_detection"),
                m.has("detections_per_class") ? m.getInt("detections_per_class") : 100, m.getBool("use_regular_nms"),
                m.getFloat("nms_score_threshold"), m.getFloat("nms_iou_threshold"), m.getInt("num_classes"),
                m.getFloat("y_scale"), m.getFloat("x_scale"), m.getFloat("h_scale"), m.getFloat("w_scale"));
        RuntimeTensor boxes = ctx.requireInput(0);
        RuntimeTensor classes = ctx.requireInput(1);
        RuntimeTensor anchors = ctx.requireInput(2);
        if (boxes.rank() != 3 || boxes.dim(0) != 1 || boxes.dim(2) < 4 || classes.rank() != 3 || classes.dim(0) != 1
                || classes.dim(1) != boxes.dim(1) || anchors.rank() != 2 || anchors.dim(0) != boxes.dim(1)
                || anchors.dim(1) != 4) {
            throw new KernelException("TFLite_Detection_PostProcess shapes do not fit: " + boxes + ", " + classes
                    + ", " + anchors);
        }
        for (RuntimeTensor t : new RuntimeTensor[] {boxes, classes, anchors}) {
            if (t.type() != TensorType.FLOAT32 && t.type() != TensorType.UINT8) {
                throw new KernelException("TFLite_Detection_PostProcess input " + t + " must be float32 or uint8");
            }
        }
        if (anchors.type() != boxes.type()) {
            throw new KernelException("anchors and box encodings must have the same type");
        }
        int numClassesWithBg = classes.dim(2);
        int labelOffset = numClassesWithBg - p.numClasses;
        if (p.numClasses <= 0 || labelOffset < 0 || p.maxDetections < 0 || p.maxClassesPerDetection <= 0
                || !(p.iouThreshold > 0f && p.iouThreshold <= 1f) || (p.regular && p.detectionsPerClass <= 0)) {
            throw new KernelException("TFLite_Detection_PostProcess options out of range");
        }
        int detected = p.maxDetections * p.maxClassesPerDetection;
        ctx.output(0).resize(new int[] {1, detected, 4});
        ctx.output(1).resize(new int[] {1, detected});
        ctx.output(2).resize(new int[] {1, detected});
        ctx.output(3).resize(new int[] {1});
        for (int i = 0; i < 4; i++) {
            if (ctx.output(i).type() != TensorType.FLOAT32) {
                throw new KernelException("TFLite_Detection_PostProcess outputs must be float32");
            }
        }
        Nms nms = new Nms(p, boxes.dim(1), numClassesWithBg, labelOffset);
        float[][] out = new float[3][];
        return () -> {
            nms.decode(boxes, anchors);
            float[] scores = nms.scores(classes);
            for (int i = 0; i < 3; i++) {
                out[i] = ctx.output(i).floats();
            }
            Arrays.fill(out[0], 0, 4 * detected, 0f);
            Arrays.fill(out[1], 0, detected, 0f);
            Arrays.fill(out[2], 0, detected, 0f);
            ctx.output(3).floats()[0] = p.regular ? nms.regular(scores, out) : nms.fast(scores, out);
        };
    }

    record Params(int maxDetections, int maxClassesPerDetection, int detectionsPerClass, boolean regular,
                  float scoreThreshold, float iouThreshold, int numClasses, float yScale, float xScale,
                  float hScale, float wScale) {
    }
}
