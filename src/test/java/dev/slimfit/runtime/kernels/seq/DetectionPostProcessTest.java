package dev.slimfit.runtime.kernels.seq;

import dev.slimfit.model.Model;
import dev.slimfit.model.QuantizationParams;
import dev.slimfit.model.TensorType;
import dev.slimfit.testing.Conformance;
import dev.slimfit.testing.SingleOpModel;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DetectionPostProcessTest {

    @Test
    void realSsdMobilenetPostProcessMatchesIncludingTies() {
        Model m = ModelSlices.shared("detection/ssd_mobilenet_v1_coco_quant.tflite");
        int op = ModelSlices.find(m, "TFLite_Detection_PostProcess").get(0);
        Conformance.check(ModelSlices.slice(m, op), 3);
    }

    @Test
    void fastNmsWithSeveralClassesPerDetectionAndTiedScores() {
        Conformance.check(model(false, 6, 3, 3, 0.05f, 0.45f), 3);
    }

    @Test
    void regularNmsPerClassThenMerged() {
        Conformance.check(model(true, 6, 1, 3, 0.05f, 0.45f), 3);
        Conformance.check(model(true, 4, 1, 1, 0.3f, 0.3f), 3);
    }

    @Test
    void regularNmsSingleDetectionUsesFirstMaximum() {
        Conformance.check(model(true, 1, 1, 2, 0f, 0.6f), 3);
    }

    private static Model model(boolean regular, int maxDetections, int maxClasses, int perClass, float scoreThreshold,
                               float iou) {
        int boxes = 24;
        int classes = 4;
        Random r = new Random(5);
        float[] anchors = new float[boxes * 4];
        for (int i = 0; i < boxes; i++) {
            anchors[4 * i] = r.nextFloat();
            anchors[4 * i + 1] = r.nextFloat();
            anchors[4 * i + 2] = 0.1f + 0.3f * r.nextFloat();
            anchors[4 * i + 3] = 0.1f + 0.3f * r.nextFloat();
        }
        Map<String, Object> opts = new HashMap<>();
        opts.put("max_detections", maxDetections);
        opts.put("max_classes_per_detection", maxClasses);
        opts.put("detections_per_class", perClass);
        opts.put("use_regular_nms", regular);
        opts.put("nms_score_threshold", scoreThreshold);
        opts.put("nms_iou_threshold", iou);
        opts.put("num_classes", classes);
        opts.put("y_scale", 10f);
        opts.put("x_scale", 10f);
        opts.put("h_scale", 5f);
        opts.put("w_scale", 5f);
        int detected = maxDetections * maxClasses;
        return new SingleOpModel("TFLite_Detection_PostProcess", 1)
                .input("box_encodings", TensorType.FLOAT32, new int[] {1, boxes, 4})
                // Coarse uint8 scores (1/8 steps) so that many scores tie.
                .input("class_predictions", TensorType.UINT8, new int[] {1, boxes, classes + 1},
                        QuantizationParams.perTensor(1 / 256f * 32, 0))
                .constant("anchors", TensorType.FLOAT32, new int[] {boxes, 4}, null, anchors)
                .output("boxes", TensorType.FLOAT32, new int[] {1, detected, 4})
                .output("classes", TensorType.FLOAT32, new int[] {1, detected})
                .output("scores", TensorType.FLOAT32, new int[] {1, detected})
                .output("count", TensorType.FLOAT32, new int[] {1})
                .customOptions(FlexMapWriter.write(opts))
                .build();
    }
}
