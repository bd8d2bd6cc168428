package dev.slimfit.ui;

import dev.slimfit.eval.Dataset;
import dev.slimfit.eval.LayerErrors;
import dev.slimfit.eval.RandomInputs;
import dev.slimfit.model.Model;
import dev.slimfit.model.Subgraph;
import dev.slimfit.model.Tensor;
import dev.slimfit.optimize.Layer;
import dev.slimfit.runtime.Interpreter;
import dev.slimfit.runtime.KernelRegistry;
import dev.slimfit.ui.charts.PlannedModel;
import dev.slimfit.ui.common.TaskExecutor;
import dev.slimfit.ui.graph.GraphViewModel;
import dev.slimfit.ui.layers.LayerRow;
import dev.slimfit.ui.layers.LayersViewModel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures what the plan costs per layer, in the background: the error of each op's output in
 * the planned model against the original (noise-to-signal power ratio, 10^(−SQNR/10), over a few
 * seeded random inputs, via eval's LayerErrors) and each op's share of the planned model's run
 * time (our interpreter with a per-op timing observer). Results fill the layers table's Error and
 * Latency columns and the graph's error/latency colourings.
 */
public final class MeasureViewModel {
    /** Random samples compared per measurement. */
    public static final int SAMPLES = 4;
    /** Timed runs for the latency share (after one warm-up). */
    public static final int RUNS = 3;

    private final MainViewModel main;
    private final GraphViewModel graph;
    private final LayersViewModel layers;

    /** Writes results into {@code graph}'s maps and {@code layers}' rows. */
    public MeasureViewModel(MainViewModel main, GraphViewModel graph, LayersViewModel layers) {
        this.main = main;
        this.graph = graph;
        this.layers = layers;
        main.documentProperty().addListener((o, a, b) -> clear());
        main.planProperty().addListener((o, a, b) -> clear()); // measurements describe one plan
    }

    /** Measured values by layer id. */
    public record Result(Map<String, Double> errors, Map<String, Double> latencyMs) {
    }

    /** Starts a measurement of the current plan. */
    public void measure() {
        ModelDocument doc = main.documentProperty().get();
        if (doc == null) {
            return;
        }
        if (!doc.unsupported().isEmpty()) {
            main.dialogs().showError("Cannot measure " + doc.name(), "Slimfit's interpreter has no kernel yet for: "
                    + doc.unsupported().stream().map(p -> p.op() + " v" + p.version()).distinct()
                    .reduce((a, b) -> a + ", " + b).orElse(""));
            return;
        }
        var plan = main.planProperty().get();
        main.tasks().submit("Measuring per-layer error and latency", p -> {
            PlannedModel planned = PlannedModel.compute(doc.model(), plan, seededRanges(doc, plan, p));
            p.update(0.1, "per-layer error");
            return run(doc, planned.model(), p);
        }, r -> {
            if (plan == main.planProperty().get() && doc == main.documentProperty().get()) {
                show(r); // a result for an older plan would describe the wrong model
            }
        }, e -> main.dialogs().showError("Cannot measure this plan", String.valueOf(e.getMessage())));
    }

    /**
     * The original layer each planned op computes: the one whose output tensor (by name) it writes.
     * The quantizer's inserted QUANTIZE and DEQUANTIZE ops shift the indices and write tensors of
     * their own, so they belong to no layer.
     */
    static Map<Integer, String> layerOfPlannedOp(ModelDocument doc, Model planned) {
        Map<String, String> idByTensor = layerIdByOutputTensor(doc);
        Map<Integer, String> out = new HashMap<>();
        dev.slimfit.model.Subgraph psg = planned.mainSubgraph();
        for (int i = 0; i < psg.operators().size(); i++) {
            for (int o : psg.operators().get(i).outputs()) {
                String id = o < 0 ? null : idByTensor.get(psg.tensor(o).name());
                if (id != null) {
                    out.put(i, id);
                    break;
                }
            }
        }
        return out;
    }

    /** Layer id by the name of each tensor its op writes (the quantizer keeps tensor names). */
    private static Map<String, String> layerIdByOutputTensor(ModelDocument doc) {
        Map<String, String> idByTensor = new HashMap<>();
        dev.slimfit.model.Subgraph src = doc.model().mainSubgraph();
        for (Layer l : doc.layers()) {
            for (int o : src.operators().get(l.opIndex()).outputs()) {
                if (o >= 0) {
                    idByTensor.putIfAbsent(src.tensor(o).name(), l.id());
                }
            }
        }
        return idByTensor;
    }

    /** Seeded inputs full-integer layers are calibrated on when measuring (what Export uses without data). */
    public static final int CALIBRATION_SAMPLES = 16;

    /**
     * Activation ranges for a full-integer plan, min/max over {@link #CALIBRATION_SAMPLES} seeded
     * inputs through the plan's pruned/clustered float model, so that the measured error is that of
     * a calibrated model on the inputs measured (the instant size preview's placeholder ranges
     * would make it the error of ranges nobody chose). Null when the plan has no full-integer layer.
     */
    static dev.slimfit.optimize.ActivationRanges seededRanges(ModelDocument doc, dev.slimfit.optimize.Plan plan,
                                                              TaskExecutor.Progress p) throws Exception {
        if (!plan.needsCalibration(doc.layers())) {
            return null;
        }
        Model transformed = dev.slimfit.optimize.WeightTransforms.apply(doc.model(), plan, Map.of()).model();
        dev.slimfit.eval.TensorStats stats = new dev.slimfit.eval.Calibrator(1).calibrate(transformed,
                randomInputs(transformed), CALIBRATION_SAMPLES,
                (done, total) -> p.update(0.1 * done / Math.max(1, total), "calibrating on seeded inputs"),
                p::isCancelled);
        return dev.slimfit.optimize.ActivationRanges.of(stats.ranges(dev.slimfit.eval.TensorStats.Method.MINMAX, 0),
                "minmax, seeded random inputs", stats.samples());
    }

    /** Measures {@code planned} against {@code doc}'s model (any thread). */
    static Result run(ModelDocument doc, Model planned, TaskExecutor.Progress p) throws Exception {
        var missing = Interpreter.unsupportedNodes(planned, KernelRegistry.standard());
        if (!missing.isEmpty()) {
            throw new java.io.IOException("The planned model uses ops Slimfit's interpreter cannot run yet: "
                    + missing.stream().map(q -> q.op() + " v" + q.version()).distinct()
                    .collect(java.util.stream.Collectors.joining(", "))
                    + " (" + missing.size() + " node(s)). Measure a plan without those schemes, or wait for the kernels.");
        }
        List<LayerErrors.Row> rows = new LayerErrors(1).compute(doc.model(), planned, randomInputs(planned).limit(SAMPLES),
                (done, total) -> p.update(0.1 + 0.5 * done / Math.max(1, total), "per-layer error"), p::isCancelled);
        Map<String, Double> errors = errorsByLayer(doc, rows);
        p.update(0.65, "latency per op");
        double[] nanos = new double[planned.mainSubgraph().operators().size()];
        if (Interpreter.unsupportedNodes(planned, KernelRegistry.standard()).isEmpty()) {
            try (Interpreter in = Interpreter.create(planned)) {
                in.invoke();
                for (int run = 0; run < RUNS && !p.isCancelled(); run++) {
                    in.invoke((node, ns) -> {
                        if (node.subgraph() == 0) {
                            nanos[node.index()] += ns;
                        }
                    }, p::isCancelled);
                    p.update(0.65 + 0.35 * (run + 1) / RUNS, "latency per op");
                }
            }
        }
        Map<Integer, String> layerOf = layerOfPlannedOp(doc, planned);
        Map<String, Double> latency = new HashMap<>();
        layerOf.forEach((i, id) -> latency.merge(id, nanos[i] / RUNS / 1e6, Double::sum));
        return new Result(errors, latency);
    }

    /** {@link #SAMPLES} seeded random inputs for {@code m} (also used to calibrate exports without data). */
    public static Dataset randomInputs(Model m) {
        Subgraph sg = m.mainSubgraph();
        return new Dataset() {
            @Override
            public int size() {
                return 16;
            }

            @Override
            public String id(int i) {
                return "random#" + i;
            }

            @Override
            public int label(int i) {
                return NO_LABEL;
            }

            @Override
            public byte[][] inputs(int i) {
                byte[][] out = new byte[sg.inputs().length][];
                for (int k = 0; k < out.length; k++) {
                    Tensor t = sg.tensor(sg.inputs()[k]);
                    out[k] = RandomInputs.forInput(t.type(), t.shape(), 0x51F17L + i, k);
                }
                return out;
            }
        };
    }

    private void show(Result r) {
        graph.layerErrors().clear();
        graph.layerErrors().putAll(r.errors());
        graph.layerLatency().clear();
        graph.layerLatency().putAll(r.latencyMs());
        for (LayerRow row : layers.rows()) {
            row.errorProperty().set(r.errors().get(row.layer().id()));
            row.latencyMillisProperty().set(r.latencyMs().get(row.layer().id()));
        }
    }

    /**
     * Shows the per-layer errors of an evaluation on the user's dataset in the graph's error
     * colouring and the layers table's Error column, in place of any measurement. The value is
     * the one Measure shows (noise-to-signal ratio from each row's SQNR), whatever metric the
     * Evaluate table displays: RMSE/scale is undefined on float outputs (dynamic-range and
     * float16 plans), so it would leave the graph blank. Latency columns are left alone.
     */
    public void showEvaluation(List<LayerErrors.Row> rows) {
        ModelDocument doc = main.documentProperty().get();
        if (doc == null) {
            return;
        }
        Map<String, Double> errors = errorsByLayer(doc, rows);
        graph.layerErrors().clear();
        graph.layerErrors().putAll(errors);
        for (LayerRow row : layers.rows()) {
            row.errorProperty().set(errors.get(row.layer().id()));
        }
    }

    /** Noise-to-signal power ratio 10^(−SQNR/10) per layer id (worst output of the layer's op). */
    static Map<String, Double> errorsByLayer(ModelDocument doc, List<LayerErrors.Row> rows) {
        // Rows name the planned model's tensors, each compared with the original tensor of that name.
        // The planned model's op indices are not the original's (the quantizer inserts QUANTIZE and
        // DEQUANTIZE ops), so rows are matched to layers by the name of the tensor they measure.
        Map<String, String> idByTensor = layerIdByOutputTensor(doc);
        Map<String, Double> errors = new HashMap<>();
        for (LayerErrors.Row r : rows) {
            double nsr = Double.isFinite(r.sqnrDb()) ? Math.pow(10, -r.sqnrDb() / 10) : 0;
            String id = idByTensor.get(r.tensorName());
            if (id != null) {
                errors.merge(id, nsr, Math::max);
            }
        }
        return errors;
    }

    private void clear() {
        graph.layerErrors().clear();
        graph.layerLatency().clear();
        for (LayerRow row : layers.rows()) {
            row.errorProperty().set(null);
            row.latencyMillisProperty().set(null);
        }
    }
}
