package dev.slimfit.samples;

import dev.slimfit.model.BuiltinOp;
import dev.slimfit.model.GraphBuilder;
import dev.slimfit.model.Model;
import dev.slimfit.model.OpOptions;
import dev.slimfit.model.TensorType;
import dev.slimfit.tflite.TfliteWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Makes the bundled sample models with Slimfit's own writer, deterministically (fixed seed), so
 * the app has something real to open on a fresh machine. {@code tinynet} is a MobileNet-style
 * image classifier (conv, depthwise-separable blocks with ReLU6, average pool, fully connected,
 * softmax) with He-initialised random weights: its structure, sizes and quantization behaviour are
 * realistic; its predictions mean nothing.
 *
 * <p>Regenerate: {@code java -cp target/slimfit.jar dev.slimfit.samples.SampleModels sample-models}.
 */
public final class SampleModels {
    private static final long SEED = 20261128L;

    private SampleModels() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "sample-models");
        Files.createDirectories(dir);
        TfliteWriter.write(tinyNet(), dir.resolve("tinynet_float.tflite"));
    }

    /** The TinyNet sample: 1x96x96x3 float input, 10 classes. */
    public static Model tinyNet() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        GraphBuilder g = new GraphBuilder("main");
        int x = g.tensor("input", TensorType.FLOAT32, 1, 96, 96, 3);
        g.input(x);
        x = conv(g, rnd, "conv0", x, 3, 16, 2);
        int[][] blocks = {{16, 32, 1}, {32, 64, 2}, {64, 64, 1}, {64, 128, 2}, {128, 128, 1}, {128, 256, 2}};
        for (int i = 0; i < blocks.length; i++) {
            x = depthwise(g, rnd, "block" + (i + 1) + "/depthwise", x, blocks[i][0], blocks[i][2]);
            x = conv(g, rnd, "block" + (i + 1) + "/pointwise", x, 1, blocks[i][1], 1);
        }
        int[] s = g.shapeOf(x);
        int pooled = g.tensor("avg_pool", TensorType.FLOAT32, 1, 1, 1, s[3]);
        g.op(BuiltinOp.AVERAGE_POOL_2D, 1, new int[] {x}, new int[] {pooled}, OpOptions.of("Pool2DOptions", Map.of(
                "padding", (byte) 1, "strideW", s[2], "strideH", s[1], "filterWidth", s[2], "filterHeight", s[1],
                "fusedActivationFunction", (byte) 0)));
        int shape = g.constant("flatten/shape", new int[] {2}, new int[] {1, s[3]});
        int flat = g.tensor("flatten", TensorType.FLOAT32, 1, s[3]);
        g.op(BuiltinOp.RESHAPE, 1, new int[] {pooled, shape}, new int[] {flat},
                OpOptions.of("ReshapeOptions", Map.of("newShape", new int[] {1, s[3]})));
        int classes = 10;
        int w = g.constant("logits/weights", new int[] {classes, s[3]}, he(rnd, classes * s[3], s[3]));
        int b = g.constant("logits/bias", new int[] {classes}, new float[classes]);
        int logits = g.tensor("logits", TensorType.FLOAT32, 1, classes);
        g.op(BuiltinOp.FULLY_CONNECTED, 1, new int[] {flat, w, b}, new int[] {logits},
                OpOptions.of("FullyConnectedOptions", Map.of("fusedActivationFunction", (byte) 0)));
        int probs = g.tensor("probabilities", TensorType.FLOAT32, 1, classes);
        g.op(BuiltinOp.SOFTMAX, 1, new int[] {logits}, new int[] {probs}, OpOptions.of("SoftmaxOptions",
                Map.of("beta", 1.0f)));
        g.output(probs);
        g.metadata("min_runtime_version", "1.14.0\0\0\0\0\0\0\0\0\0\0".getBytes(StandardCharsets.US_ASCII));
        return g.build("Slimfit sample: TinyNet (random weights)");
    }

    private static int conv(GraphBuilder g, SplittableRandom rnd, String name, int x, int k, int outC, int stride) {
        int[] s = g.shapeOf(x);
        int inC = s[3];
        int w = g.constant(name + "/weights", new int[] {outC, k, k, inC}, he(rnd, outC * k * k * inC, k * k * inC));
        int b = g.constant(name + "/bias", new int[] {outC}, small(rnd, outC));
        int oh = (s[1] + stride - 1) / stride;
        int ow = (s[2] + stride - 1) / stride;
        int y = g.tensor(name + "/Relu6", TensorType.FLOAT32, 1, oh, ow, outC);
        g.op(BuiltinOp.CONV_2D, 1, new int[] {x, w, b}, new int[] {y}, OpOptions.of("Conv2DOptions", Map.of(
                "padding", (byte) 0, "strideW", stride, "strideH", stride, "fusedActivationFunction", (byte) 3,
                "dilationWFactor", 1, "dilationHFactor", 1)));
        return y;
    }

    private static int depthwise(GraphBuilder g, SplittableRandom rnd, String name, int x, int c, int stride) {
        int[] s = g.shapeOf(x);
        int w = g.constant(name + "/weights", new int[] {1, 3, 3, c}, he(rnd, 9 * c, 9));
        int b = g.constant(name + "/bias", new int[] {c}, small(rnd, c));
        int oh = (s[1] + stride - 1) / stride;
        int ow = (s[2] + stride - 1) / stride;
        int y = g.tensor(name + "/Relu6", TensorType.FLOAT32, 1, oh, ow, c);
        g.op(BuiltinOp.DEPTHWISE_CONV_2D, 1, new int[] {x, w, b}, new int[] {y},
                OpOptions.of("DepthwiseConv2DOptions", Map.of("padding", (byte) 0, "strideW", stride,
                        "strideH", stride, "depthMultiplier", 1, "fusedActivationFunction", (byte) 3,
                        "dilationWFactor", 1, "dilationHFactor", 1)));
        return y;
    }

    private static float[] he(SplittableRandom rnd, int n, int fanIn) {
        float[] w = new float[n];
        double std = Math.sqrt(2.0 / fanIn);
        for (int i = 0; i < n; i++) {
            w[i] = (float) (gaussian(rnd) * std);
        }
        return w;
    }

    private static float[] small(SplittableRandom rnd, int n) {
        float[] b = new float[n];
        for (int i = 0; i < n; i++) {
            b[i] = (float) (gaussian(rnd) * 0.05);
        }
        return b;
    }

    private static double gaussian(SplittableRandom rnd) {
        double u1 = rnd.nextDouble();
        double u2 = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }
}
