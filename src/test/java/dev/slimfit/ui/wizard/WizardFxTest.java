package dev.slimfit.ui.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.slimfit.optimize.Plan;
import dev.slimfit.optimize.Scheme;
import dev.slimfit.ui.common.Fixtures;
import dev.slimfit.ui.common.FxTaskExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import javafx.application.Platform;
import javafx.scene.control.Dialog;
import javafx.stage.Stage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Headless flow: answer the wizard, measure candidates on MNIST PNGs, apply the int8 plan. */
@ExtendWith(ApplicationExtension.class)
class WizardFxTest {
    private WizardViewModel vm;
    private Dialog<Plan> dialog;

    @Start
    void start(Stage stage) {
        vm = new WizardViewModel(Fixtures.mnistFloat(), new QuantizingOptimizer(1), new FxTaskExecutor(1),
                Platform::runLater);
        stage.setScene(new javafx.scene.Scene(new javafx.scene.layout.StackPane(), 200, 100));
        stage.show();
        dialog = WizardDialog.create(stage, vm);
        dialog.show();
    }

    @Test
    void answeringToUnlabelledSamplesAppliesAFullIntegerPlan(FxRobot robot) throws Exception {
        robot.clickOn("#answer-accelerator-no");
        robot.clickOn("#answer-gpu-no");
        robot.clickOn("#answer-data-unlabelled");
        assertEquals("out-int8", vm.currentProperty().get().id());
        Path pngs = Files.createTempDirectory("mnist-pngs");
        for (int i = 0; i < 10; i++) {
            Files.copy(Fixtures.mnistPngs().resolve("tflm_sample" + i + ".png"), pngs.resolve(i + ".png"));
        }
        robot.clickOn("#wizard-samples").write(pngs.toString());
        robot.interact(() -> vm.sampleLimitProperty().set(10));
        robot.clickOn("#wizard-run");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !vm.results().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(4, vm.results().size());
        assertFalse(robot.lookup("#wizard-apply").query().isDisabled(), vm.results().toString());
        robot.clickOn("#wizard-apply");
        WaitForAsyncUtils.waitForFxEvents();
        Plan plan = dialog.getResult();
        assertNotNull(plan);
        assertEquals(Scheme.INT8, plan.defaults().scheme());
    }
}
