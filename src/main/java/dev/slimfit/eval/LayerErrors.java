package dev.slimfit.eval;

import dev.slimfit.model.Model;
import dev.slimfit.model.Subgraph;
import dev.slimfit.model.Tensor;
import dev.slimfit.model.TensorType;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpNode;
import dev.slimfit.runtime.RuntimeTensor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Per-tensor error of an optimized model against its float original: every op output of the
 * optimized model whose name matches a float tensor of the original (Slimfit's quantizer keeps
 * names) is compared sample by sample, dequantized. RMSE/scale near 0.289 (1/√12, uniform
 * rounding error) is what TFLite's quantization debugger calls well quantized.
 */
public final class LayerErrors {
    private final int threads;

    public LayerErrors(int threads) {
        this.threads = Math.max(1, threads);
    }

    /** One compared tensor; {@code scale} is 0 and {@code rmseOverScale} NaN for unquantized tensors. */
    public record Row(int opIndex, String opName, int tensorIndex, String tensorName, double rmse, double scale,
                      double rmseOverScale, double sqnrDb, double cosine, long elements) {
    }

    private static final class Acc {
        final double[] signal;
        final double[] noise;
        final double[] cosSum;
        final long[] count;
        final int[] samples;

        Acc(int n) {
            signal = new double[n];
            noise = new double[n];
            cosSum = new double[n];
            count = new long[n];
            samples = new int[n];
        }
    }

    /** Compares every matching tensor over every sample; rows in the optimized model's op order. */
    public List<Row> compute(Model original, Model optimized, Dataset data, ProgressListener progress,
                             BooleanSupplier cancel) throws IOException, KernelException {
        Subgraph os = original.mainSubgraph();
        Map<String, Integer> floatByName = new HashMap<>();
        for (int i = 0; i < os.tensors().size(); i++) {
            Tensor t = os.tensor(i);
            if (t.type() == TensorType.FLOAT32) {
                floatByName.putIfAbsent(t.name(), i);
            }
        }
        Subgraph qs = optimized.mainSubgraph();
        List<int[]> pairs = new ArrayList<>(); // {opIndex, optimizedTensor, originalTensor}
        for (int n = 0; n < qs.operators().size(); n++) {
            for (int out : qs.operators().get(n).outputs()) {
                if (out >= 0 && floatByName.containsKey(qs.tensor(out).name())) {
                    pairs.add(new int[] {n, out, floatByName.get(qs.tensor(out).name())});
                }
            }
        }
        int m = pairs.size();
        Map<Integer, Integer> slotOfOptimized = new HashMap<>();
        Map<Integer, Integer> slotOfOriginal = new HashMap<>();
        for (int k = 0; k < m; k++) {
            slotOfOptimized.put(pairs.get(k)[1], k);
            slotOfOriginal.put(pairs.get(k)[2], k);
        }
        List<Acc> parts = SampleRunner.run(List.of(original, optimized), data, threads, progress, cancel,
                () -> new Acc(m), (acc, its, i, inputs) -> {
                    double[][] ref = new double[m][];
                    SampleRunner.invoke(its[0], inputs, capture(slotOfOriginal, ref));
                    double[][] got = new double[m][];
                    SampleRunner.invoke(its[1], inputs, capture(slotOfOptimized, got));
                    for (int k = 0; k < m; k++) {
                        if (ref[k] != null && got[k] != null && ref[k].length == got[k].length) {
                            double[] s = ErrorMath.sums(ref[k], got[k]);
                            acc.signal[k] += s[0];
                            acc.noise[k] += s[1];
                            acc.cosSum[k] += ErrorMath.cosine(s);
                            acc.count[k] += ref[k].length;
                            acc.samples[k]++;
                        }
                    }
                });
        Acc t = new Acc(m);
        for (Acc p : parts) {
            for (int k = 0; k < m; k++) {
                t.signal[k] += p.signal[k];
                t.noise[k] += p.noise[k];
                t.cosSum[k] += p.cosSum[k];
                t.count[k] += p.count[k];
                t.samples[k] += p.samples[k];
            }
        }
        List<Row> rows = new ArrayList<>();
        for (int k = 0; k < m; k++) {
            if (t.samples[k] == 0) {
                continue;
            }
            int[] p = pairs.get(k);
            Tensor qt = qs.tensor(p[1]);
            double scale = qt.quantization() != null && qt.quantization().isAffine() && qt.type().isQuantizedInteger()
                    ? qt.quantization().scale(0) : 0;
            double rmse = Math.sqrt(t.noise[k] / t.count[k]);
            rows.add(new Row(p[0], qs.operators().get(p[0]).code().displayName(), p[1], qt.name(), rmse, scale,
                    scale > 0 ? rmse / scale : Double.NaN, Fidelity.sqnr(t.signal[k], t.noise[k]),
                    t.cosSum[k] / t.samples[k], t.count[k] / t.samples[k]));
        }
        return rows;
    }

    private static dev.slimfit.runtime.InvokeObserver capture(Map<Integer, Integer> slots, double[][] into) {
        return (OpNode node, long nanos) -> {
            if (node.subgraph() != 0) {
                return;
            }
            for (int o = 0; o < node.outputCount(); o++) {
                RuntimeTensor rt = node.output(o);
                Integer slot = rt == null ? null : slots.get(rt.index());
                if (slot != null) {
                    into[slot] = rt.toDoubles();
                }
            }
        };
    }
}
