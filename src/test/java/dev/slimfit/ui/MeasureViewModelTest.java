package dev.slimfit.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimfit.optimize.Layer;
import dev.slimfit.optimize.Pruning;
import dev.slimfit.ui.charts.PlannedModel;
import dev.slimfit.ui.common.AppPreferences;
import dev.slimfit.ui.common.DirectTaskExecutor;
import dev.slimfit.ui.common.RecipePlanStore;
import dev.slimfit.ui.common.TaskExecutor;
import java.util.List;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.Test;

/** Per-layer error and latency of a plan, measured with our interpreter. */
class MeasureViewModelTest {
    private static final TaskExecutor.Progress QUIET = TaskExecutor.Progress.none();

    private Preferences node;
    private MainViewModel vm;

    /** A main view-model with the sample model open, and its own throw-away preferences. */
    @org.junit.jupiter.api.BeforeEach
    void openTheSample() {
        node = Preferences.userRoot().node("/dev/slimfit/test/measure" + System.nanoTime());
        vm = new MainViewModel(new DirectTaskExecutor(), new RecordingDialogs(), new AppPreferences(node),
                new RecipePlanStore());
        vm.open(MainViewModelTest.SAMPLE);
    }

    @org.junit.jupiter.api.AfterEach
    void dropPreferences() throws Exception {
        node.removeNode();
    }

    @Test
    void pruningALayerShowsErrorFromThatLayerOnAndLatencyForEveryLayer() throws Exception {
        ModelDocument doc = vm.documentProperty().get();
        Layer conv = doc.layers().stream().filter(l -> l.op().equals("CONV_2D")).findFirst().orElseThrow();
        vm.setPruning(List.of(conv.id()), new Pruning(0.7, Pruning.Pattern.UNSTRUCTURED, false));
        PlannedModel planned = PlannedModel.compute(doc.model(), vm.planProperty().get());
        MeasureViewModel.Result r = MeasureViewModel.run(doc, planned.model(), QUIET);
        assertTrue(r.errors().getOrDefault(conv.id(), 0.0) > 0, r.errors().toString());
        for (Layer l : doc.layers()) {
            if (l.opIndex() < conv.opIndex() && r.errors().containsKey(l.id())) {
                assertEquals(0.0, r.errors().get(l.id()), 1e-12, l.id());
            }
        }
        assertEquals(doc.layers().size(), r.latencyMs().size());
    }

    /**
     * An int8 plan is measured on a model calibrated on the seeded inputs, not on the size
     * preview's placeholder ranges: every layer's error is that of ranges fitted to the data
     * measured, and far below what the placeholders give.
     */
    @Test
    void anInt8PlanIsMeasuredCalibrated() throws Exception {
        ModelDocument doc = vm.documentProperty().get();
        vm.setScheme(doc.layers().stream().map(Layer::id).toList(), dev.slimfit.optimize.Scheme.INT8);
        var plan = vm.planProperty().get();
        var ranges = MeasureViewModel.seededRanges(doc, plan, QUIET);
        assertTrue(ranges != null && ranges.samples() == MeasureViewModel.CALIBRATION_SAMPLES);
        MeasureViewModel.Result calibrated = MeasureViewModel.run(doc, PlannedModel.compute(doc.model(), plan,
                ranges).model(), QUIET);
        MeasureViewModel.Result placeholders = MeasureViewModel.run(doc, PlannedModel.compute(doc.model(), plan)
                .model(), QUIET);
        Layer first = doc.layers().stream().filter(l -> calibrated.errors().containsKey(l.id())
                && placeholders.errors().containsKey(l.id())).findFirst().orElseThrow();
        double c = calibrated.errors().get(first.id());
        double ph = placeholders.errors().get(first.id());
        System.out.printf(java.util.Locale.ROOT, "MEASURE first layer noise/signal calibrated %.3g, placeholders %.3g%n",
                c, ph);
        assertTrue(c < 1e-3, "calibrated int8 first layer: " + c);
        assertTrue(ph > 5 * c, "placeholders " + ph + " vs calibrated " + c);
        assertEquals(null, MeasureViewModel.seededRanges(doc, dev.slimfit.optimize.Plan.keepAll(), QUIET));
    }

    /**
     * A float16 plan inserts a DEQUANTIZE before every weighted op, so the planned model's op
     * indices are not the original's: each error must land on the layer whose output it measures.
     */
    @Test
    void errorsLandOnTheLayerWhoseOutputTheyMeasure() throws Exception {
        ModelDocument doc = vm.documentProperty().get();
        vm.setScheme(doc.layers().stream().map(Layer::id).toList(), dev.slimfit.optimize.Scheme.FLOAT16);
        var planned = PlannedModel.compute(doc.model(), vm.planProperty().get()).model();
        var rows = new dev.slimfit.eval.LayerErrors(1).compute(doc.model(), planned,
                MeasureViewModel.randomInputs(planned).limit(2), null, null);
        java.util.Map<String, Double> errors = MeasureViewModel.errorsByLayer(doc, rows);
        var sg = doc.model().mainSubgraph();
        int checked = 0;
        for (Layer l : doc.layers()) {
            String out = sg.tensor(sg.operators().get(l.opIndex()).output(0)).name();
            var row = rows.stream().filter(r -> r.tensorName().equals(out)).findFirst();
            if (row.isPresent()) {
                double nsr = Double.isFinite(row.get().sqnrDb()) ? Math.pow(10, -row.get().sqnrDb() / 10) : 0;
                assertEquals(nsr, errors.get(l.id()), 1e-15, l.id());
                checked++;
            }
        }
        assertTrue(errors.containsKey(doc.layers().get(0).id()), "the first layer has its error");
        // latency: every original layer gets the time of the planned op writing its output, DEQUANTIZEs nobody's
        java.util.Map<Integer, String> layerOf = MeasureViewModel.layerOfPlannedOp(doc, planned);
        var psg = planned.mainSubgraph();
        for (int i = 0; i < psg.operators().size(); i++) {
            var op = psg.operators().get(i);
            if (op.code().is(dev.slimfit.model.BuiltinOp.DEQUANTIZE)) {
                assertTrue(!layerOf.containsKey(i), "DEQUANTIZE #" + i + " is nobody's layer");
            } else {
                String id = layerOf.get(i);
                Layer l = doc.layers().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
                assertEquals(sg.tensor(sg.operators().get(l.opIndex()).output(0)).name(),
                        psg.tensor(op.output(0)).name(), "planned op " + i);
            }
        }
        MeasureViewModel.Result r = MeasureViewModel.run(doc, planned, QUIET);
        assertEquals(doc.layers().stream().map(Layer::id).collect(java.util.stream.Collectors.toSet()),
                r.latencyMs().keySet());
        assertTrue(checked >= doc.layers().size() - 2, checked + " of " + doc.layers().size());
    }
}
