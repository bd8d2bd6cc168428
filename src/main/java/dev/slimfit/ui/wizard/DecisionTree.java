package dev.slimfit.ui.wizard;

import dev.slimfit.optimize.Scheme;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The quantization decision tree of DESIGN.md §5 as data: question nodes with labelled answers
 * leading to further questions or to outcomes, each outcome naming the schemes worth trying
 * (recommended first). Plain Java, so the wizard's view-model and tests use it without a toolkit.
 */
public final class DecisionTree {
    /** A question or an outcome. */
    public record Node(String id, String title, String detail, List<Answer> answers, Outcome outcome) {
        public Node {
            answers = List.copyOf(answers);
        }

        /** True for outcomes (leaves). */
        public boolean isOutcome() {
            return outcome != null;
        }
    }

    /** One answer of a question, leading to node {@code target}. */
    public record Answer(String id, String label, String target) {
    }

    /**
     * What the tree recommends.
     *
     * @param candidates recipes to run side by side, recommended first (empty: nothing to run)
     * @param needsData  true when the candidates need representative samples
     * @param advice     what to do if the recommended scheme misses the accuracy target
     */
    public record Outcome(List<Candidate> candidates, boolean needsData, String advice) {
        public Outcome {
            candidates = List.copyOf(candidates);
        }
    }

    /** The root question's id. */
    public static final String ROOT = "accelerator";

    private final Map<String, Node> nodes = new LinkedHashMap<>();

    /** The tree of DESIGN.md §5. */
    public static DecisionTree standard() {
        DecisionTree t = new DecisionTree();
        t.question(ROOT, "Integer-only accelerator?", "Edge TPU, Hexagon DSP, NPU, microcontroller",
                new Answer("yes", "Yes", "accel-data"), new Answer("no", "No", "gpu"));
        t.question("accel-data", "Representative samples?", "~100\u2013500 unlabelled inputs to calibrate",
                new Answer("yes", "Yes", "out-int8-accel"), new Answer("no", "No", "out-need-data"));
        t.outcome("out-int8-accel", "Full-integer int8", "Runs on the accelerator; up to 75% smaller",
                new Outcome(schemes(Scheme.INT8, Scheme.INT16X8), true,
                        "If accuracy drops too far: int16 activations with int8 weights (16x8), "
                                + "then quantization-aware training."));
        t.outcome("out-need-data", "Collect samples first", "Full-integer needs calibration data",
                new Outcome(List.of(), true, "Gather 100\u2013500 typical inputs (no labels needed), then "
                        + "quantize to full-integer int8."));
        t.question("gpu", "GPU, or \u201chalf size is enough\u201d?", "up to 50% smaller, almost no accuracy loss",
                new Answer("yes", "Yes", "out-float16"), new Answer("no", "No", "data"));
        t.outcome("out-float16", "float16", "No data needed; GPU delegates run it natively",
                new Outcome(schemes(Scheme.FLOAT16, Scheme.DYNAMIC_INT8), false,
                        "float16 weights dequantize to float32 on CPU: smaller, not faster."));
        t.question("data", "What data do you have?", "for calibration and checking accuracy",
                new Answer("none", "None", "out-dynamic"), new Answer("unlabelled", "Unlabelled", "out-int8"),
                new Answer("labelled", "Labelled", "priority"));
        t.outcome("out-dynamic", "Dynamic-range int8", "Up to 75% smaller, CPU speed-up, no data",
                new Outcome(schemes(Scheme.DYNAMIC_INT8, Scheme.FLOAT16), false,
                        "With a few hundred unlabelled samples, full-integer int8 is faster still."));
        t.outcome("out-int8", "Full-integer int8", "Up to 75% smaller, fastest on CPU",
                new Outcome(schemes(Scheme.INT8, Scheme.DYNAMIC_INT8, Scheme.FLOAT16), true,
                        "Agreement with the original stands in for accuracy without labels."));
        t.question("priority", "Size or accuracy first?", "labelled data lets us measure the trade-off",
                new Answer("size", "Size", "out-size"), new Answer("accuracy", "Accuracy", "out-accuracy"));
        t.outcome("out-size", "int8, then prune/cluster", "Smallest download",
                new Outcome(List.of(Candidate.of(Scheme.INT8), Candidate.clustered(Scheme.INT8, 64),
                        Candidate.clustered(Scheme.INT8, 16), Candidate.pruned(Scheme.INT8, 0.5),
                        Candidate.of(Scheme.DYNAMIC_INT8)), true,
                        "Clustering and pruning shrink the download (compressed size) on top of int8, not the "
                                + "file: pick the smallest candidate whose accuracy you accept; fewer clusters "
                                + "or more sparsity costs accuracy without fine-tuning."));
        t.outcome("out-accuracy", "16x8 or dynamic", "Closest to the float model",
                new Outcome(schemes(Scheme.INT16X8, Scheme.DYNAMIC_INT8, Scheme.INT8, Scheme.FLOAT16), true,
                        "If the target is still missed: quantization-aware training / fine-tuning."));
        return t;
    }

    private static List<Candidate> schemes(Scheme... schemes) {
        return java.util.Arrays.stream(schemes).map(Candidate::of).toList();
    }

    private void question(String id, String title, String detail, Answer... answers) {
        nodes.put(id, new Node(id, title, detail, List.of(answers), null));
    }

    private void outcome(String id, String title, String detail, Outcome o) {
        nodes.put(id, new Node(id, title, detail, List.of(), o));
    }

    /** The node {@code id}. */
    public Node node(String id) {
        Node n = nodes.get(id);
        if (n == null) {
            throw new IllegalArgumentException("no node " + id);
        }
        return n;
    }

    /** All nodes, root first. */
    public List<Node> nodes() {
        return List.copyOf(nodes.values());
    }

    /** The root node. */
    public Node root() {
        return node(ROOT);
    }

    /** Children of {@code id} in answer order. */
    public List<Node> children(String id) {
        List<Node> out = new ArrayList<>();
        for (Answer a : node(id).answers()) {
            out.add(node(a.target()));
        }
        return out;
    }

    /**
     * The path from the root following {@code answers} (question id → answer id): the visited
     * node ids, ending at the first unanswered question or at an outcome.
     */
    public List<String> path(Map<String, String> answers) {
        List<String> path = new ArrayList<>();
        Node n = root();
        while (true) {
            path.add(n.id());
            if (n.isOutcome()) {
                return path;
            }
            String a = answers.get(n.id());
            Optional<Answer> next = n.answers().stream().filter(x -> x.id().equals(a)).findFirst();
            if (next.isEmpty()) {
                return path;
            }
            n = node(next.get().target());
        }
    }
}
