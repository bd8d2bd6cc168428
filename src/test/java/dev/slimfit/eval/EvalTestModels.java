package dev.slimfit.eval;

import dev.slimfit.model.BuiltinOp;
import dev.slimfit.model.GraphBuilder;
import dev.slimfit.model.Model;
import dev.slimfit.model.OpOptions;
import dev.slimfit.model.TensorType;
import java.util.Map;
import java.util.SplittableRandom;

/** Tiny float classifiers built in code (conv 1x1 → 4x4 conv as FC → reshape → softmax) for eval tests. */
final class EvalTestModels {
    private EvalTestModels() {
    }

    /** Input [1,4,4,3] float, 10 classes; {@code perturb} adds noise of that size to the FC weights. */
    static Model classifier(long seed, double perturb) {
        SplittableRandom rnd = new SplittableRandom(seed);
        GraphBuilder g = new GraphBuilder("main");
        int x = g.tensor("input", TensorType.FLOAT32, 1, 4, 4, 3);
        g.input(x);
        int w = g.constant("conv/weights", new int[] {8, 1, 1, 3}, values(rnd, 24, 0.5));
        int b = g.constant("conv/bias", new int[] {8}, values(rnd, 8, 0.1));
        int y = g.tensor("conv/Relu", TensorType.FLOAT32, 1, 4, 4, 8);
        g.op(BuiltinOp.CONV_2D, 1, new int[] {x, w, b}, new int[] {y}, OpOptions.of("Conv2DOptions", Map.of(
                "padding", (byte) 0, "strideW", 1, "strideH", 1, "fusedActivationFunction", (byte) 1,
                "dilationWFactor", 1, "dilationHFactor", 1)));
        float[] fw = values(rnd, 10 * 4 * 4 * 8, 0.2);
        SplittableRandom noise = new SplittableRandom(seed * 31 + 7);
        for (int i = 0; i < fw.length; i++) {
            fw[i] += (float) (perturb * (noise.nextDouble() * 2 - 1));
        }
        // a 4x4 VALID convolution over the whole map: a fully connected layer in conv form
        int wf = g.constant("logits/weights", new int[] {10, 4, 4, 8}, fw);
        int bf = g.constant("logits/bias", new int[] {10}, new float[10]);
        int conv = g.tensor("logits/conv", TensorType.FLOAT32, 1, 1, 1, 10);
        g.op(BuiltinOp.CONV_2D, 1, new int[] {y, wf, bf}, new int[] {conv}, OpOptions.of("Conv2DOptions", Map.of(
                "padding", (byte) 1, "strideW", 1, "strideH", 1, "fusedActivationFunction", (byte) 0,
                "dilationWFactor", 1, "dilationHFactor", 1)));
        int shape = g.constant("logits/shape", new int[] {2}, new int[] {1, 10});
        int logits = g.tensor("logits", TensorType.FLOAT32, 1, 10);
        g.op(BuiltinOp.RESHAPE, 1, new int[] {conv, shape}, new int[] {logits},
                OpOptions.of("ReshapeOptions", Map.of("newShape", new int[] {1, 10})));
        int probs = g.tensor("probabilities", TensorType.FLOAT32, 1, 10);
        g.op(BuiltinOp.SOFTMAX, 1, new int[] {logits}, new int[] {probs},
                OpOptions.of("SoftmaxOptions", Map.of("beta", 1.0f)));
        g.output(probs);
        return g.build("eval test classifier");
    }

    private static float[] values(SplittableRandom rnd, int n, double scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) ((rnd.nextDouble() * 2 - 1) * scale);
        }
        return v;
    }

    /** {@code n} random float samples for {@link #classifier}, labelled by {@code label(i) = i % 10}. */
    static Dataset randomData(int n, long seed) {
        java.util.List<String> ids = new java.util.ArrayList<>();
        java.util.List<byte[]> in = new java.util.ArrayList<>();
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            ids.add("s" + i);
            in.add(RandomInputs.generate(TensorType.FLOAT32, new int[] {1, 4, 4, 3}, seed + i));
            labels[i] = i % 10;
        }
        return Datasets.of(ids, labels, in);
    }
}
