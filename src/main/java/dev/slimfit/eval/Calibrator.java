package dev.slimfit.eval;

import dev.slimfit.model.Model;
import dev.slimfit.model.TensorType;
import dev.slimfit.optimize.LstmIntermediates;
import dev.slimfit.runtime.IntermediateObserver;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpNode;
import dev.slimfit.runtime.RuntimeTensor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * Runs a float model on representative samples and records, for every model input, every op
 * output and every state tensor of subgraph 0, the value range (TFLite's converter uses min/max)
 * and a histogram (for percentile and MSE-optimal ranges). LSTMs also get their gate and hidden
 * intermediates recorded, under the tensor indices {@link LstmIntermediates} assigns. Uses one
 * interpreter per thread; every sample starts from the model's initial state.
 */
public final class Calibrator {
    /** Default number of samples, as TFLite's converter guides recommend (100–500). */
    public static final int DEFAULT_SAMPLES = 100;

    /** Samples per unit of work (see {@link #calibrate}). */
    static final int CHUNK = 8;

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
        // Histograms widen and re-bin as values arrive, so their content depends on the order the
        // samples are added in. Work is handed out in fixed chunks of consecutive samples, each
        // chunk recorded in sample order and the chunks merged in order: the statistics are the
        // same whatever the thread count or scheduling.
        Dataset chunks = chunked(d);
        ProgressListener p = progress == null ? ProgressListener.NONE
                : (done, total) -> progress.progress(Math.min(done * CHUNK, d.size()), d.size());
        Model run = LstmIntermediates.withPlaceholders(floatModel);
        List<TreeMap<Integer, Map<Integer, RangeHistogram>>> parts = SampleRunner.run(List.of(run), chunks,
                threads, p, cancel, TreeMap::new, (state, its, c, inputs) -> {
                    Recorder h = new Recorder();
                    int per = its[0].inputCount();
                    for (int s = 0; s < inputs.length; s += per) {
                        // Each sample starts from the model's initial state (LSTM/SVDF state would
                        // otherwise carry over from whichever sample this thread ran before).
                        its[0].resetVariables();
                        for (int k = 0; k < per; k++) {
                            its[0].input(k).copyFrom(java.nio.ByteBuffer.wrap(inputs[s + k]));
                            record(h.stats, its[0].input(k));
                        }
                        its[0].invoke(h, null);
                    }
                    state.put(c, h.stats);
                });
        TreeMap<Integer, Map<Integer, RangeHistogram>> ordered = new TreeMap<>();
        parts.forEach(ordered::putAll);
        Map<Integer, RangeHistogram> merged = new HashMap<>();
        for (Map<Integer, RangeHistogram> part : ordered.values()) {
            for (Map.Entry<Integer, RangeHistogram> e : part.entrySet()) {
                merged.computeIfAbsent(e.getKey(), k -> new RangeHistogram()).merge(e.getValue());
            }
        }
        var sg = run.mainSubgraph();
        for (Integer idx : merged.keySet()) {
            names.put(idx, sg.tensor(idx).name());
        }
        return new TensorStats(merged, names, d.size());
    }

    /** {@code d} as chunks of {@link #CHUNK} consecutive samples; a chunk's inputs are its samples' inputs in order. */
    private static Dataset chunked(Dataset d) {
        int n = (d.size() + CHUNK - 1) / CHUNK;
        return new Dataset() {
            @Override
            public int size() {
                return n;
            }

            @Override
            public String id(int c) {
                return "samples " + c * CHUNK + "..";
            }

            @Override
            public int label(int c) {
                return NO_LABEL;
            }

            @Override
            public byte[][] inputs(int c) throws IOException {
                List<byte[]> all = new ArrayList<>();
                for (int i = c * CHUNK; i < Math.min(d.size(), (c + 1) * CHUNK); i++) {
                    all.addAll(List.of(d.inputs(i)));
                }
                return all.toArray(new byte[0][]);
            }
        };
    }

    /**
     * What one thread records for its samples: every op output of subgraph 0 after the op ran; the
     * variable (state) inputs the op updated in place, as TFLite's calibrator logs state tensors
     * after each invoke; and the values kernels report for op intermediates (the LSTM's gates and
     * hidden state, per time step) under the intermediate tensor's index.
     */
    private static final class Recorder implements IntermediateObserver {
        final Map<Integer, RangeHistogram> stats = new HashMap<>();

        @Override
        public void afterOp(OpNode node, long nanos) {
            if (node.subgraph() != 0) {
                return;
            }
            for (int o = 0; o < node.outputCount(); o++) {
                RuntimeTensor t = node.output(o);
                if (t != null) {
                    record(stats, t);
                }
            }
            for (int i = 0; i < node.inputCount(); i++) {
                RuntimeTensor t = node.input(i);
                if (t != null && t.isVariable()) {
                    record(stats, t);
                }
            }
        }

        @Override
        public void intermediate(OpNode node, int slot, float[] values, int offset, int length) {
            int[] im = node.operator().intermediates();
            if (node.subgraph() != 0 || im == null || slot >= im.length || im[slot] < 0) {
                return;
            }
            double[] v = new double[length];
            for (int k = 0; k < length; k++) {
                v[k] = values[offset + k];
            }
            stats.computeIfAbsent(im[slot], k -> new RangeHistogram()).add(v);
        }
    }

    private static void record(Map<Integer, RangeHistogram> state, RuntimeTensor t) {
        if (t.index() < 0 || !(t.type() == TensorType.FLOAT32 || t.type().isQuantizedInteger())) {
            return;
        }
        state.computeIfAbsent(t.index(), k -> new RangeHistogram()).add(t.toDoubles());
    }
}
