package dev.slimfit.ui.compare;

import dev.slimfit.model.BuiltinOp;
import dev.slimfit.model.Model;
import dev.slimfit.model.Operator;
import dev.slimfit.model.Subgraph;
import dev.slimfit.model.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Pairs the operators of an original and an optimized model and states what changed. Slimfit's
 * optimizer keeps tensor names, so ops are matched by their first output tensor's name; QUANTIZE
 * and DEQUANTIZE ops the optimizer inserted have no partner and show as added. Plain Java.
 */
public final class ModelDiff {
    /** How a pair differs. */
    public enum Status { SAME, CHANGED, ADDED, REMOVED }

    /**
     * One op of either model, described for comparison.
     *
     * @param index   operator index in subgraph 0
     * @param op      op name
     * @param output  first output tensor name
     * @param outType output element type and quantization ("int8 s=0.0039 zp=-128")
     * @param weights main constant input: type and quantization, "(via DEQUANTIZE)" when fed by one; "" if none
     */
    public record Side(int index, String op, String output, String outType, String weights) {
    }

    /** A matched (or unmatched) pair; a side is null when the op exists only in the other model. */
    public record Row(String key, Side original, Side optimized, Status status, boolean inserted) {
    }

    /**
     * Whole-model summary.
     *
     * @param opsBefore       op counts by type in the original
     * @param opsAfter        op counts by type in the optimized model
     * @param bytesBefore     constant bytes by element type, original
     * @param bytesAfter      constant bytes by element type, optimized
     */
    public record Summary(Map<String, Integer> opsBefore, Map<String, Integer> opsAfter,
                          Map<String, Long> bytesBefore, Map<String, Long> bytesAfter) {
        /** Ops of {@code type} added (positive) or removed (negative). */
        public int delta(String type) {
            return opsAfter.getOrDefault(type, 0) - opsBefore.getOrDefault(type, 0);
        }

        /** All op types of either model, sorted. */
        public Set<String> opTypes() {
            Set<String> s = new java.util.TreeSet<>(opsBefore.keySet());
            s.addAll(opsAfter.keySet());
            return s;
        }
    }

    private final List<Row> rows;
    private final Summary summary;

    private ModelDiff(List<Row> rows, Summary summary) {
        this.rows = List.copyOf(rows);
        this.summary = summary;
    }

    /** Compares the main subgraphs of {@code a} (original) and {@code b} (optimized). */
    public static ModelDiff of(Model a, Model b) {
        Subgraph sa = a.mainSubgraph();
        Subgraph sb = b.mainSubgraph();
        Map<String, Integer> inB = new HashMap<>();
        for (int i = 0; i < sb.operators().size(); i++) {
            inB.putIfAbsent(key(sb, i), i);
        }
        Set<Integer> matched = new HashSet<>();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < sa.operators().size(); i++) {
            String k = key(sa, i);
            Integer j = inB.get(k);
            Side left = side(a, i);
            if (j == null) {
                rows.add(new Row(k, left, null, Status.REMOVED, false));
                continue;
            }
            matched.add(j);
            Side right = side(b, j);
            boolean same = left.op().equals(right.op()) && left.outType().equals(right.outType())
                    && left.weights().equals(right.weights());
            rows.add(new Row(k, left, right, same ? Status.SAME : Status.CHANGED, false));
        }
        // Unmatched ops of the optimized model go right before the first matched op that follows them.
        List<Row> merged = new ArrayList<>();
        Map<Integer, Integer> rowOfB = new HashMap<>();
        for (int r = 0; r < rows.size(); r++) {
            if (rows.get(r).optimized() != null) {
                rowOfB.put(rows.get(r).optimized().index(), r);
            }
        }
        List<List<Row>> before = new ArrayList<>();
        for (int r = 0; r <= rows.size(); r++) {
            before.add(new ArrayList<>());
        }
        for (int j = 0; j < sb.operators().size(); j++) {
            if (matched.contains(j)) {
                continue;
            }
            int at = rows.size();
            for (int n = j + 1; n < sb.operators().size(); n++) {
                if (rowOfB.containsKey(n)) {
                    at = rowOfB.get(n);
                    break;
                }
            }
            Side s = side(b, j);
            boolean inserted = s.op().equals("QUANTIZE") || s.op().equals("DEQUANTIZE");
            before.get(at).add(new Row(key(sb, j), null, s, Status.ADDED, inserted));
        }
        for (int r = 0; r < rows.size(); r++) {
            merged.addAll(before.get(r));
            merged.add(rows.get(r));
        }
        merged.addAll(before.get(rows.size()));
        return new ModelDiff(merged, new Summary(opCounts(sa), opCounts(sb), bytesByType(a), bytesByType(b)));
    }

    private static String key(Subgraph sg, int i) {
        Operator op = sg.operators().get(i);
        return op.outputCount() == 0 || op.output(0) < 0 ? "#" + i : sg.tensor(op.output(0)).name();
    }

    private static Side side(Model m, int i) {
        Subgraph sg = m.mainSubgraph();
        Operator op = sg.operators().get(i);
        String out = op.outputCount() == 0 || op.output(0) < 0 ? "" : sg.tensor(op.output(0)).name();
        String outType = op.outputCount() == 0 || op.output(0) < 0 ? "" : TensorText.describe(sg.tensor(op.output(0)));
        return new Side(i, op.code().displayName(), out, outType, weights(m, op));
    }

    /** The largest constant input (looking through a DEQUANTIZE), described. */
    private static String weights(Model m, Operator op) {
        Subgraph sg = m.mainSubgraph();
        Tensor best = null;
        boolean viaDeq = false;
        for (int in : op.inputs()) {
            if (in < 0) {
                continue;
            }
            Tensor t = sg.tensor(in);
            boolean deq = false;
            if (m.dataOf(t).isEmpty()) {
                Operator producer = producer(sg, in);
                if (producer == null || !producer.code().is(BuiltinOp.DEQUANTIZE)
                        || m.dataOf(sg.tensor(producer.input(0))).isEmpty()) {
                    continue;
                }
                t = sg.tensor(producer.input(0));
                deq = true;
            }
            if (best == null || t.elementCount() > best.elementCount()) {
                best = t;
                viaDeq = deq;
            }
        }
        return best == null ? "" : TensorText.describe(best) + (viaDeq ? " (via DEQUANTIZE)" : "");
    }

    private static Operator producer(Subgraph sg, int tensor) {
        for (Operator o : sg.operators()) {
            for (int out : o.outputs()) {
                if (out == tensor) {
                    return o;
                }
            }
        }
        return null;
    }

    private static Map<String, Integer> opCounts(Subgraph sg) {
        Map<String, Integer> m = new TreeMap<>();
        for (Operator o : sg.operators()) {
            m.merge(o.code().displayName(), 1, Integer::sum);
        }
        return m;
    }

    private static Map<String, Long> bytesByType(Model model) {
        Map<String, Long> m = new TreeMap<>();
        Set<Integer> seen = new HashSet<>();
        for (Subgraph sg : model.subgraphs()) {
            for (Tensor t : sg.tensors()) {
                if (!model.dataOf(t).isEmpty() && seen.add(t.buffer())) {
                    m.merge(TensorText.typeName(t.type()), (long) model.dataOf(t).size(), Long::sum);
                }
            }
        }
        return m;
    }

    /** Rows in execution order of the original, inserted ops next to their neighbours. */
    public List<Row> rows() {
        return rows;
    }

    public Summary summary() {
        return summary;
    }
}
