package dev.slimfit.ui.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates model-like DAGs for the layout warm-up ({@link GraphLayout#warmUpInBackground}), tests,
 * the demo and the scale harness: a stem, then a mix of
 * residual blocks (conv, activation, conv, add with a skip edge), inception blocks (2-4 parallel
 * branches joined by a concat) and plain chains, then a classifier head. About 1.2 edges per
 * node, like real CNNs.
 */
final class SyntheticGraphs {

    private final Random random;
    private final GraphSpec.Builder builder = GraphSpec.builder();
    private int nextId;
    private int nodes;
    private int edges;
    private int channels = 32;
    private int size = 112;
    private final double unsupportedRate;

    private SyntheticGraphs(long seed, double unsupportedRate) {
        this.random = new Random(seed);
        this.unsupportedRate = unsupportedRate;
    }

    /** A graph of about {@code targetNodes} operators; same seed, same graph. */
    static GraphSpec cnn(int targetNodes, long seed) {
        return cnn(targetNodes, seed, 0.004);
    }

    static GraphSpec cnn(int targetNodes, long seed, double unsupportedRate) {
        SyntheticGraphs g = new SyntheticGraphs(seed, unsupportedRate);
        g.build(targetNodes);
        return g.builder.build();
    }

    private void build(int target) {
        int input = node("Input", "1×224×224×3 int8", "io");
        int cur = op("Conv2D", "3×3/2 · 3→32", "conv", input);
        cur = op("Relu6", "", "activation", cur);
        while (nodes < target - 6) {
            double r = random.nextDouble();
            if (r < 0.45) {
                cur = residual(cur);
            } else if (r < 0.70) {
                cur = inception(cur);
            } else if (r < 0.92) {
                cur = chain(cur);
            } else {
                cur = downsample(cur);
            }
        }
        cur = op("Mean", "axis 1,2", "pool", cur);
        cur = op("Reshape", "1×" + channels, "reshape", cur);
        cur = op("FullyConnected", channels + "→1000", "fc", cur);
        cur = op("Softmax", "β=1", "activation", cur);
        node("Output", "1×1000 int8", "io");
        edge(cur, nextId - 1);
    }

    private int residual(int in) {
        int c1 = op("Conv2D", "1×1 · " + channels + "→" + channels, "conv", in);
        int a1 = op("Relu", "", "activation", c1);
        int c2 = op(random.nextBoolean() ? "DepthwiseConv2D" : "Conv2D",
                "3×3 · " + channels, "conv", a1);
        int add = op("Add", "", "elementwise", c2);
        edge(in, add);
        return op("Relu", "", "activation", add);
    }

    private int inception(int in) {
        int branches = 2 + random.nextInt(3);
        List<Integer> ends = new ArrayList<>();
        for (int b = 0; b < branches; b++) {
            int len = 1 + random.nextInt(3);
            int cur = in;
            for (int k = 0; k < len; k++) {
                cur = k % 2 == 0
                        ? op("Conv2D", (k == 0 ? "1×1" : "3×3") + " · " + channels + "→"
                                + channels / 2, "conv", cur)
                        : op("Relu", "", "activation", cur);
            }
            if (b == branches - 1 && random.nextBoolean()) {
                cur = op("MaxPool2D", "3×3/1", "pool", cur);
            }
            ends.add(cur);
        }
        int concat = node("Concatenation", "axis 3", "concat");
        for (int end : ends) {
            edge(end, concat);
        }
        return concat;
    }

    private int chain(int in) {
        int cur = op("DepthwiseConv2D", "3×3 · " + channels, "conv", in);
        cur = op("Relu6", "", "activation", cur);
        if (random.nextInt(4) == 0) {
            cur = op("Quantize", "int8 → int8", "quant", cur);
        }
        return op("Conv2D", "1×1 · " + channels + "→" + channels, "conv", cur);
    }

    private int downsample(int in) {
        channels = Math.min(2048, channels * 2);
        size = Math.max(7, size / 2);
        int cur = op(random.nextBoolean() ? "AveragePool2D" : "MaxPool2D", "2×2/2", "pool", in);
        if (random.nextBoolean()) {
            cur = op("Transpose", "perm 0,2,1,3", "reshape", cur);
        }
        return op("Conv2D", "1×1 · →" + channels, "conv", cur);
    }

    private int op(String label, String sublabel, String category, int input) {
        int id = node(label, sublabel, category);
        edge(input, id);
        return id;
    }

    private int node(String label, String sublabel, String category) {
        boolean unsupported = random.nextDouble() < unsupportedRate && !category.equals("io");
        builder.node(new GraphSpec.Node(nextId, label, sublabel, category,
                GraphSpec.AUTO, GraphSpec.AUTO, unsupported));
        nodes++;
        return nextId++;
    }

    private void edge(int from, int to) {
        builder.edge(from, to, "1×" + size + "×" + size + "×" + channels + " int8");
        edges++;
    }
}
