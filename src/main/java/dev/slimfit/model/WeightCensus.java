package dev.slimfit.model;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Counts the constant data that feeds operators: distinct buffers (for parameters and bytes per
 * type) and, per operator, its constant inputs (for the layer table). See {@link ModelSummary}.
 */
final class WeightCensus {
    private final List<ModelSummary.Layer> layers = new ArrayList<>();
    private final Map<TensorType, long[]> byType = new EnumMap<>(TensorType.class);
    private long parameterCount;
    private int constantTensors;

    private WeightCensus() {
    }

    static WeightCensus of(Model model) {
        WeightCensus c = new WeightCensus();
        BitSet seen = new BitSet(model.buffers().size());
        for (int s = 0; s < model.subgraphs().size(); s++) {
            Subgraph sg = model.subgraphs().get(s);
            for (int o = 0; o < sg.operators().size(); o++) {
                c.operator(model, sg, s, o, seen);
            }
        }
        return c;
    }

    private void operator(Model model, Subgraph sg, int s, int o, BitSet seen) {
        Operator op = sg.operators().get(o);
        Tensor weight = null;
        long params = 0;
        long bytes = 0;
        for (int i : op.inputs()) {
            if (i < 0 || i >= sg.tensors().size()) {
                continue;
            }
            Tensor t = sg.tensor(i);
            Buffer data = model.dataOf(t);
            if (t.isVariable() || data.isEmpty()) {
                continue;
            }
            long n = elements(t);
            params = add(params, n);
            bytes += data.size();
            if (weight == null || n > elements(weight)) {
                weight = t;
            }
            if (!seen.get(t.buffer())) {
                seen.set(t.buffer());
                parameterCount = add(parameterCount, n);
                constantTensors++;
                long[] agg = byType.computeIfAbsent(t.type(), k -> new long[3]);
                agg[0]++;
                agg[1] = add(agg[1], n);
                agg[2] += data.size();
            }
        }
        if (weight != null) {
            layers.add(new ModelSummary.Layer(s, o, op.code().displayName(), op.code().version(), weight.name(),
                    weight.type(), ModelSummary.boxed(weight.shape()), QuantInfo.of(weight.quantization()), params,
                    bytes));
        }
    }

    /** Elements of the static shape; saturates instead of throwing on absurd shapes. */
    private static long elements(Tensor t) {
        long n = 1;
        for (int d : t.shape()) {
            if (d <= 0) {
                return 0;
            }
            n = n > Long.MAX_VALUE / d ? Long.MAX_VALUE : n * d;
        }
        return n;
    }

    private static long add(long a, long b) {
        long r = a + b;
        return r < 0 ? Long.MAX_VALUE : r;
    }

    List<ModelSummary.Layer> layers() {
        return layers;
    }

    long parameterCount() {
        return parameterCount;
    }

    int constantTensors() {
        return constantTensors;
    }

    List<ModelSummary.TypeWeights> byType() {
        List<ModelSummary.TypeWeights> out = new ArrayList<>();
        byType.forEach((type, a) -> out.add(new ModelSummary.TypeWeights(type, (int) a[0], a[1], a[2])));
        out.sort(Comparator.comparingLong(ModelSummary.TypeWeights::bytes).reversed());
        return out;
    }
}
