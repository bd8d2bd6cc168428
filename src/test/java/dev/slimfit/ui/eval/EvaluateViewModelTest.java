package dev.slimfit.ui.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimfit.eval.Preprocessing;
import dev.slimfit.model.Model;
import dev.slimfit.optimize.Layer;
import dev.slimfit.optimize.LayerCatalog;
import dev.slimfit.ui.common.DirectTaskExecutor;
import dev.slimfit.ui.common.Fixtures;
import dev.slimfit.ui.common.NoDialogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateViewModelTest {
    private final NoDialogs dialogs = new NoDialogs();

    private EvaluateViewModel vm(Model original, Model optimized) {
        return new EvaluateViewModel(original, () -> optimized, new DirectTaskExecutor(), Runnable::run, dialogs);
    }

    private static EvaluateViewModel withMnist(EvaluateViewModel vm) {
        vm.dataPathProperty().set(Fixtures.mnistImages().toString());
        vm.labelsPathProperty().set(Fixtures.mnistLabels().toString());
        vm.limitProperty().set(12);
        vm.benchRunsProperty().set(2);
        vm.preprocessing().meanProperty().set("0");
        vm.preprocessing().stdProperty().set("255");
        return vm;
    }

    @Test
    void labelledRunScoresBothModelsAndMapsErrorsToLayerIds() {
        Model f = Fixtures.mnistFloat();
        Model q = Fixtures.model("mnist/conv_fc_mnist_weightonly_int8.tflite");
        EvaluateViewModel vm = withMnist(vm(f, q));
        vm.run();
        assertEquals("", vm.errorProperty().get());
        EvaluationReport r = vm.reportProperty().get();
        assertNotNull(r);
        assertTrue(r.labelled());
        assertEquals(12, r.originalAcc().samples());
        assertNotNull(r.fidelity());
        assertFalse(vm.layerRows().isEmpty());
        Set<String> ids = LayerCatalog.of(f).stream().map(Layer::id).collect(Collectors.toSet());
        vm.metricProperty().set(dev.slimfit.eval.LayerErrorExport.Metric.RMSE);
        assertFalse(vm.layerErrorProperty().isEmpty());
        assertTrue(ids.containsAll(vm.layerErrorProperty().keySet()));
        assertTrue(ids.containsAll(vm.latencyShareProperty().keySet()));
        double total = vm.latencyShareProperty().values().stream().mapToDouble(Double::doubleValue).sum();
        assertTrue(total > 0 && total <= 1.0001, "share sums to at most 1: " + total);
    }

    /**
     * An int8 plan is evaluated as Export would write it: calibrated on the evaluation's samples
     * (not on the size preview's placeholder ranges), which the report says. MNIST CNN, 100 digits.
     */
    @Test
    void anInt8PlanIsEvaluatedCalibratedOnTheEvaluationSamples() {
        Model f = Fixtures.mnistFloat();
        dev.slimfit.optimize.Plan plan = dev.slimfit.optimize.Plan.uniform(dev.slimfit.optimize.Scheme.INT8);
        EvaluateViewModel vm = withMnist(new EvaluateViewModel(f, (EvaluationRunner.OptimizedModel) (samples, p) ->
                PlanEvaluation.optimized(f, plan, samples, p), new DirectTaskExecutor(), Runnable::run, dialogs));
        vm.limitProperty().set(100);
        vm.run();
        assertEquals("", vm.errorProperty().get());
        EvaluationReport r = vm.reportProperty().get();
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("calibrated") && n.contains("first 100 of these samples")),
                r.notes().toString());
        EvaluateViewModel placeholders = withMnist(vm(f, dev.slimfit.ui.charts.PlannedModel.compute(f, plan).model()));
        placeholders.limitProperty().set(100);
        placeholders.run();
        double calibrated = r.fidelity().top1Agreement();
        double fake = placeholders.reportProperty().get().fidelity().top1Agreement();
        System.out.printf(java.util.Locale.ROOT, "EVAL int8 agreement calibrated %.3f, placeholder ranges %.3f, sqnr %.1f vs %.1f%n",
                calibrated, fake, r.fidelity().sqnrDb(), placeholders.reportProperty().get().fidelity().sqnrDb());
        assertTrue(calibrated >= 0.97, "int8 MNIST CNN agrees with float: " + calibrated);
        assertTrue(r.fidelity().sqnrDb() > placeholders.reportProperty().get().fidelity().sqnrDb(),
                "calibrated ranges beat placeholders");
    }

    @Test
    void missingDatasetIsAnErrorNotACrash() {
        EvaluateViewModel vm = vm(Fixtures.mnistFloat(), Fixtures.mnistFloat());
        vm.dataPathProperty().set("/no/such/folder");
        vm.run();
        assertTrue(vm.errorProperty().get().contains("not found"), vm.errorProperty().get());
        assertNull(vm.reportProperty().get());
    }

    @Test
    void folderWithoutImagesSaysSo(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "hello");
        EvaluateViewModel vm = vm(Fixtures.mnistFloat(), Fixtures.mnistFloat());
        vm.dataPathProperty().set(dir.toString());
        vm.run();
        assertTrue(vm.errorProperty().get().startsWith("Evaluation failed"), vm.errorProperty().get());
    }

    @Test
    void unparsableMeanIsReportedBeforeRunning() {
        EvaluateViewModel vm = vm(Fixtures.mnistFloat(), Fixtures.mnistFloat());
        vm.dataPathProperty().set(Fixtures.mnistImages().toString());
        vm.preprocessing().meanProperty().set("abc");
        vm.run();
        assertTrue(vm.errorProperty().get().contains("'abc' is not a number"), vm.errorProperty().get());
    }

    @Test
    void preprocessingFormRoundTrips() {
        PreprocessingForm form = new PreprocessingForm();
        Preprocessing p = new Preprocessing(0.875, Preprocessing.Resize.BILINEAR_TF1, Preprocessing.ChannelOrder.BGR,
                Preprocessing.Layout.NCHW, Preprocessing.Normalization.imagenet());
        form.load(p);
        Preprocessing back = form.toPreprocessing();
        assertEquals(p.toString(), back.toString());
        form.stdProperty().set("0");
        assertThrows(IllegalArgumentException.class, form::toPreprocessing);
    }

    @Test
    void exportsCsvAndModelExplorerJson(@TempDir Path dir) throws Exception {
        EvaluateViewModel vm = withMnist(vm(Fixtures.mnistFloat(),
                Fixtures.model("mnist/conv_fc_mnist_weightonly_int8.tflite")));
        vm.run();
        dialogs.saveAnswer = dir.resolve("e.csv");
        vm.exportLayers(EvaluateViewModel.ExportFormat.CSV);
        assertTrue(Files.readString(dialogs.saveAnswer).lines().count() > 1);
        assertTrue(vm.exportText(EvaluateViewModel.ExportFormat.MODEL_EXPLORER).contains("results"));
    }
}
