package dev.slimfit.ui.eval;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimfit.ui.common.Fixtures;
import dev.slimfit.ui.common.FxTaskExecutor;
import dev.slimfit.ui.common.NoDialogs;
import java.util.concurrent.TimeUnit;

import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Headless flow: point Evaluate at MNIST, run, see results; a wrong folder shows an error. */
@ExtendWith(ApplicationExtension.class)
class EvaluateFxTest {
    private EvaluateViewModel vm;

    @Start
    void start(Stage stage) {
        vm = new EvaluateViewModel(Fixtures.mnistFloat(),
                () -> Fixtures.model("mnist/conv_fc_mnist_weightonly_int8.tflite"), new FxTaskExecutor(1),
                Platform::runLater, new NoDialogs());
        stage.setScene(new Scene(new EvaluateView(vm), 1200, 760));
        stage.show();
    }

    @Test
    void runningOnMnistFillsCardsAndLayerTable(FxRobot robot) throws Exception {
        robot.interact(() -> {
            vm.labelsPathProperty().set(Fixtures.mnistLabels().toString());
            vm.limitProperty().set(10);
            vm.benchRunsProperty().set(2);
        });
        robot.clickOn("#eval-data").write(Fixtures.mnistImages().toString());
        robot.clickOn("#eval-run");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.reportProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        TableView<?> table = robot.lookup("#eval-layer-table").queryAs(TableView.class);
        assertFalse(table.getItems().isEmpty());
        assertNotNull(robot.lookup("Top-1 accuracy").tryQuery().orElse(null));
        assertFalse(vm.job().runningProperty().get());
    }

    @Test
    void wrongFolderShowsTheError(FxRobot robot) {
        robot.clickOn("#eval-data").write("/definitely/not/here");
        robot.clickOn("#eval-run");
        WaitForAsyncUtils.waitForFxEvents();
        Label err = robot.lookup("#eval-error").queryAs(Label.class);
        assertTrue(err.isVisible());
        assertTrue(err.getText().contains("not found"), err.getText());
    }
}
