package dev.slimfit.ui.common;

import dev.slimfit.model.Model;
import dev.slimfit.ui.eval.EvaluateView;
import dev.slimfit.ui.eval.EvaluateViewModel;
import dev.slimfit.ui.wizard.QuantizingOptimizer;
import dev.slimfit.ui.wizard.WizardView;
import dev.slimfit.ui.wizard.WizardViewModel;
import dev.slimfit.ui.compare.CompareView;
import dev.slimfit.ui.compare.CompareViewModel;
import java.util.List;

import javafx.application.Platform;
import javafx.stage.Stage;

/** What {@link FeatureScreenshots} renders, feature by feature. */
final class ScreenshotScript {
    private ScreenshotScript() {
    }

    static void add(FeatureScreenshots s, Stage stage, FxTaskExecutor tasks, List<String> which) {
        Model f = FeatureScreenshots.model("conv_fc_mnist_float.tflite");
        Model q = FeatureScreenshots.model("conv_fc_mnist_weightonly_int8.tflite");
        if (which.isEmpty() || which.contains("eval")) {
            EvaluateViewModel vm = new EvaluateViewModel(f, () -> q, tasks, Platform::runLater, new NoDialogs());
            s.then(() -> true, () -> s.show(stage, new EvaluateView(vm), 1440, 900));
            s.snap(stage, "evaluate-empty");
            s.then(() -> true, () -> {
                vm.dataPathProperty().set(FeatureScreenshots.DATA.resolve("mnist_npm10k-images-idx3-ubyte.gz").toString());
                vm.labelsPathProperty().set(FeatureScreenshots.DATA.resolve("mnist_npm10k-labels-idx1-ubyte.gz").toString());
                vm.limitProperty().set(300);
                vm.preprocessing().meanProperty().set("0");
                vm.preprocessing().stdProperty().set("255");
                vm.run();
            });
            s.then(() -> !vm.job().runningProperty().get(), () -> { });
            s.snap(stage, "evaluate-results");
            s.then(() -> true, () -> ((javafx.scene.control.TabPane) stage.getScene().getRoot().lookup(".tab-pane"))
                    .getSelectionModel().select(1));
            s.snap(stage, "evaluate-latency");
        }
        if (which.isEmpty() || which.contains("wizard")) {
            WizardViewModel vm = new WizardViewModel(f, new QuantizingOptimizer(2), tasks, Platform::runLater);
            s.then(() -> true, () -> {
                s.show(stage, new WizardView(vm), 1320, 880);
                vm.answer("accelerator", "no");
            });
            s.snap(stage, "wizard-question");
            s.then(() -> true, () -> {
                vm.answer("gpu", "no");
                vm.answer("data", "labelled");
                vm.answer("priority", "size");
                vm.samplesPathProperty().set(FeatureScreenshots.DATA.resolve("mnist_npm10k-images-idx3-ubyte.gz").toString());
                vm.labelsPathProperty().set(FeatureScreenshots.DATA.resolve("mnist_npm10k-labels-idx1-ubyte.gz").toString());
                vm.sampleLimitProperty().set(200);
                vm.preprocessing().meanProperty().set("0");
                vm.preprocessing().stdProperty().set("255");
                vm.runCandidates();
            });
            s.then(() -> !vm.job().runningProperty().get(), () -> { });
            s.snap(stage, "wizard-results");
        }
        if (which.isEmpty() || which.contains("compare")) {
            Model p = FeatureScreenshots.model("conv_fc_mnist_partly_int8.tflite");
            CompareViewModel vm = new CompareViewModel(f, () -> p, tasks, Platform::runLater);
            s.then(() -> true, () -> {
                s.show(stage, new CompareView(vm), 1440, 860);
                vm.refresh();
            });
            s.then(() -> vm.diffProperty().get() != null, () -> vm.selectedKeyProperty().set(
                    vm.rows().get(Math.min(5, vm.rows().size() - 1)).key()));
            s.snap(stage, "compare");
        }
    }
}
