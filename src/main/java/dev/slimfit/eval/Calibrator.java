package dev.slimfit.eval;

import dev.slimfit.model.Model;
import dev.slimfit.model.TensorType;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpNode;
import dev.slimfit.runtime.RuntimeTensor;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Runs a float model on representative samples and records, for every model input and every op
 * output of subgraph 0, the value range (TFLite's converter uses min/max) and a histogram (for
 * percentile and MSE-optimal ranges). Uses one interpreter per thread.
 */
public final class Calibrator {
    /** Default number of samples, as TFLite's converter guides recommend (100–500). */
    public static final int DEFAULT_SAMPLES = 100;

    private final int threads;

    /** A calibrator on {@code threads} threads (≥ 1). */
    public Calibrator(int threads) {
        this.threads = Math.max(1, threads);
    }

    /** A calibrator on all cores. */
    public static Calibrator allCores() {
        return new Calibrator(Runtime.getRuntime().availableProcessors());
    }

    /** Worker threads. */
    public int threads() {
        return threads;
    }

    /** Calibrates on the first {@code limit} samples (≤ 0: {@link #DEFAULT_SAMPLES}). */
    public TensorStats calibrate(Model floatModel, Dataset data, int limit, ProgressListener progress,
                                 BooleanSupplier cancel) throws IOException, KernelException {
        Dataset d = data.limit(limit <= 0 ? DEFAULT_SAMPLES : limit);
        if (d.size() == 0) {
            throw new IllegalArgumentException("calibration needs at least one sample");
        }
        Map<Integer, String> names = new HashMap<>();
        List<Map<Integer, RangeHistogram>> parts = SampleRunner.run(List.of(floatModel), d, threads, progress,
                cancel, HashMap::new, (state, its, i, inputs) -> {
                    for (int k = 0; k < inputs.length; k++) {
                        its[0].input(k).copyFrom(java.nio.ByteBuffer.wrap(inputs[k]));
                        record(state, its[0].input(k));
                    }
                    its[0].invoke((OpNode node, long nanos) -> {
                        if (node.subgraph() != 0) {
                            return;
                        }
                        for (int o = 0; o < node.outputCount(); o++) {
                            RuntimeTensor t = node.output(o);
                            if (t != null) {
                                record(state, t);
                            }
                        }
                    }, null);
                });
        Map<Integer, RangeHistogram> merged = new HashMap<>();
        for (Map<Integer, RangeHistogram> part : parts) {
            for (Map.Entry<Integer, RangeHistogram> e : part.entrySet()) {
                merged.computeIfAbsent(e.getKey(), k -> new RangeHistogram()).merge(e.getValue());
            }
        }
        var sg = floatModel.mainSubgraph();
        for (Integer idx : merged.keySet()) {
            names.put(idx, sg.tensor(idx).name());
        }
        return new TensorStats(merged, names, d.size());
    }

    private static void record(Map<Integer, RangeHistogram> state, RuntimeTensor t) {
        if (t.index() < 0 || !(t.type() == TensorType.FLOAT32 || t.type().isQuantizedInteger())) {
            return;
        }
        state.computeIfAbsent(t.index(), k -> new RangeHistogram()).add(t.toDoubles());
    }
}
