package dev.slimfit.ui.graph;

import dev.slimfit.model.Activation;
import dev.slimfit.model.Model;
import dev.slimfit.model.OpOptions;
import dev.slimfit.model.Operator;
import dev.slimfit.model.Subgraph;
import dev.slimfit.model.Tensor;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a model's main subgraph into a {@link GraphSpec}: one node per operator (id = operator
 * index; label = op name, sublabel = weight shape and key options), one node per graph input and
 * output, and one edge per activation tensor use, labelled with shape and type. Constant inputs
 * are not drawn as nodes; they show in the sublabel and the properties panel. Toolkit-free.
 */
public final class ModelGraphs {
    /** Node ids of graph inputs are this plus the tensor index. */
    public static final int INPUT_BASE = 1_000_000;
    /** Node ids of graph outputs are this plus the tensor index. */
    public static final int OUTPUT_BASE = 2_000_000;

    private ModelGraphs() {
    }

    /** The graph of {@code model}'s main subgraph; ops listed in {@code unsupported} are flagged. */
    public static GraphSpec of(Model model, Set<Integer> unsupported) {
        Subgraph sg = model.mainSubgraph();
        GraphSpec.Builder b = GraphSpec.builder();
        Map<Integer, Integer> producer = new HashMap<>();
        for (int t : sg.inputs()) {
            Tensor tensor = sg.tensor(t);
            b.node(new GraphSpec.Node(INPUT_BASE + t, "Input", tensor.name(), "io",
                    GraphSpec.AUTO, GraphSpec.AUTO, false));
            producer.put(t, INPUT_BASE + t);
        }
        for (int i = 0; i < sg.operators().size(); i++) {
            Operator op = sg.operators().get(i);
            b.node(new GraphSpec.Node(i, op.code().displayName(), sublabel(model, sg, op), category(op.code().displayName()),
                    GraphSpec.AUTO, GraphSpec.AUTO, unsupported.contains(i)));
            for (int out : op.outputs()) {
                if (out >= 0) {
                    producer.put(out, i);
                }
            }
        }
        for (int i = 0; i < sg.operators().size(); i++) {
            for (int in : sg.operators().get(i).inputs()) {
                Integer from = in < 0 ? null : producer.get(in);
                if (from != null) {
                    b.edge(from, i, edgeLabel(sg.tensor(in)));
                }
            }
        }
        for (int t : sg.outputs()) {
            b.node(new GraphSpec.Node(OUTPUT_BASE + t, "Output", sg.tensor(t).name(), "io",
                    GraphSpec.AUTO, GraphSpec.AUTO, false));
            Integer from = producer.get(t);
            if (from != null) {
                b.edge(from, OUTPUT_BASE + t, edgeLabel(sg.tensor(t)));
            }
        }
        return b.build();
    }

    /** "1×112×112×32 int8". */
    public static String edgeLabel(Tensor t) {
        return shape(t.shape()) + " " + t.type().name().toLowerCase(Locale.ROOT);
    }

    /** "32×3×3×3", or "scalar". */
    public static String shape(int[] shape) {
        if (shape.length == 0) {
            return "scalar";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : "\u00d7").append(shape[i]);
        }
        return sb.toString();
    }

    private static String sublabel(Model model, Subgraph sg, Operator op) {
        StringBuilder sb = new StringBuilder();
        Tensor weight = null;
        for (int in : op.inputs()) {
            if (in >= 0 && !model.dataOf(sg.tensor(in)).isEmpty()
                    && (weight == null || sg.tensor(in).elementCount() > weight.elementCount())) {
                weight = sg.tensor(in);
            }
        }
        if (weight != null && weight.rank() > 1) {
            sb.append(shape(weight.shape()));
        }
        OpOptions o = op.options();
        if (o != null) {
            int sw = o.getInt("strideW", 0);
            int sh = o.getInt("strideH", 0);
            if (sw > 1 || sh > 1) {
                sb.append(sb.length() > 0 ? "  " : "").append("s").append(sh == sw ? String.valueOf(sw) : sh + "," + sw);
            }
            if (o.has("fusedActivationFunction") && o.activation() != Activation.NONE) {
                sb.append(sb.length() > 0 ? "  " : "").append(o.activation().name().toLowerCase(Locale.ROOT));
            }
        }
        return sb.toString();
    }

    /** Colouring category of an op name, as {@link CategoryPalette} knows them. */
    public static String category(String op) {
        String o = op.toUpperCase(Locale.ROOT);
        if (o.contains("CONV")) {
            return "conv";
        }
        if (o.equals("FULLY_CONNECTED") || o.contains("MATMUL") || o.contains("EMBEDDING")) {
            return "fc";
        }
        if (o.contains("POOL")) {
            return "pool";
        }
        if (o.contains("NORMALIZATION") || o.equals("MEAN") || o.startsWith("REDUCE") || o.equals("SUM")) {
            return "norm";
        }
        if (o.startsWith("RELU") || o.equals("LOGISTIC") || o.equals("TANH") || o.contains("SOFTMAX")
                || o.equals("HARD_SWISH") || o.equals("PRELU") || o.equals("GELU") || o.equals("LEAKY_RELU")
                || o.equals("ELU")) {
            return "activation";
        }
        if (o.equals("QUANTIZE") || o.equals("DEQUANTIZE")) {
            return "quant";
        }
        if (o.startsWith("CONCAT") || o.startsWith("SPLIT") || o.equals("PACK") || o.equals("UNPACK")) {
            return "concat";
        }
        if (o.equals("RESHAPE") || o.equals("TRANSPOSE") || o.equals("SQUEEZE") || o.equals("EXPAND_DIMS")
                || o.startsWith("PAD") || o.contains("SLICE") || o.startsWith("GATHER") || o.startsWith("RESIZE")
                || o.contains("TO_SPACE") || o.contains("TO_DEPTH") || o.contains("TO_BATCH")) {
            return "reshape";
        }
        if (o.equals("ADD") || o.equals("SUB") || o.equals("MUL") || o.equals("DIV") || o.equals("MAXIMUM")
                || o.equals("MINIMUM") || o.contains("SQRT") || o.equals("EXP") || o.equals("POW")
                || o.equals("SQUARED_DIFFERENCE") || o.equals("ABS") || o.equals("NEG") || o.equals("ADD_N")) {
            return "elementwise";
        }
        return "other";
    }
}
