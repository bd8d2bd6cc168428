package dev.slimfit.cli;

import dev.slimfit.eval.Preprocessing;
import java.util.Arrays;

/** Parses the preprocessing options shared by commands that read images. */
final class CliPreprocessing {
    private CliPreprocessing() {
    }

    /**
     * Says so when pictures will be normalized by a guess: a float input, no NormalizationOptions
     * in the model's metadata and no {@code --norm}. A model trained on [0, 1] inputs (the MNIST
     * CNN) scores 0.66 instead of 0.98 fed [-1, 1], and one calibrated that way is as wrong.
     */
    static void warnIfGuessed(java.io.PrintWriter out, dev.slimfit.model.Model m, java.nio.file.Path data,
                              String norm) throws java.io.IOException {
        if (norm != null || !dev.slimfit.eval.DataSource.isImageData(data)
                || dev.slimfit.eval.InputSpec.of(m, 0).type() != dev.slimfit.model.TensorType.FLOAT32
                || dev.slimfit.tflite.TfliteMetadataReader.read(m).flatMap(md -> md.input(0))
                .map(dev.slimfit.model.ModelMetadataInfo.TensorInfo::hasNormalization).orElse(false)) {
            return;
        }
        out.println("  note: the model's metadata has no input normalization and no --norm was given: pixels are"
                + " scaled to [-1, 1] (a guess); pass --norm zero1, raw, imagenet or mean=..:std=.. to match how"
                + " the model was trained");
    }

    static Preprocessing apply(Preprocessing base, Double crop, String resize, String norm) {
        Preprocessing p = base;
        if (crop != null) {
            p = p.withCrop(crop);
        }
        if (resize != null) {
            p = p.withResize(switch (resize) {
                case "bilinear" -> Preprocessing.Resize.BILINEAR;
                case "bilinear-tf1" -> Preprocessing.Resize.BILINEAR_TF1;
                default -> throw new IllegalArgumentException("--resize must be bilinear or bilinear-tf1, got " + resize);
            });
        }
        if (norm != null) {
            p = p.withNormalization(parseNorm(norm));
        }
        return p;
    }

    static Preprocessing.Normalization parseNorm(String s) {
        switch (s) {
            case "minus1to1":
                return Preprocessing.Normalization.minusOneToOne();
            case "zero1":
                return Preprocessing.Normalization.zeroToOne();
            case "raw":
                return Preprocessing.Normalization.rawBytes();
            case "imagenet":
                return Preprocessing.Normalization.imagenet();
            default:
                break;
        }
        if (s.startsWith("mean=") && s.contains(":std=")) {
            String[] parts = s.substring(5).split(":std=");
            return Preprocessing.Normalization.meanStd(floats(parts[0]), floats(parts[1]));
        }
        throw new IllegalArgumentException("--norm must be minus1to1, zero1, raw, imagenet or mean=a,b,c:std=x,y,z; got "
                + s);
    }

    private static float[] floats(String csv) {
        double[] d = Arrays.stream(csv.split(",")).mapToDouble(Double::parseDouble).toArray();
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }
}
