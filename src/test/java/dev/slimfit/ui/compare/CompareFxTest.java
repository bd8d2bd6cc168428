package dev.slimfit.ui.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimfit.model.Model;
import dev.slimfit.ui.common.Fixtures;
import dev.slimfit.ui.common.FxTaskExecutor;
import java.util.concurrent.TimeUnit;

import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.stage.Stage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Headless flow: selecting an op on one side selects its partner on the other. */
@ExtendWith(ApplicationExtension.class)
class CompareFxTest {
    private CompareViewModel vm;

    @Start
    void start(Stage stage) {
        Model q = Fixtures.model("mnist/conv_fc_mnist_partly_int8.tflite");
        vm = new CompareViewModel(Fixtures.mnistFloat(), () -> q, new FxTaskExecutor(1), Platform::runLater);
        stage.setScene(new Scene(new CompareView(vm), 1200, 760));
        stage.show();
        vm.refresh();
    }

    @Test
    void selectionFollowsAcrossTheTwoTables(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.diffProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        @SuppressWarnings("unchecked")
        TableView<ModelDiff.Row> left = robot.lookup("#compare-original").queryAs(TableView.class);
        @SuppressWarnings("unchecked")
        TableView<ModelDiff.Row> right = robot.lookup("#compare-optimized").queryAs(TableView.class);
        Node cell = robot.from(left).lookup(".table-cell").nth(7 * 5 + 1).query(); // a cell of an early row
        robot.clickOn(cell);
        WaitForAsyncUtils.waitForFxEvents();
        ModelDiff.Row picked = left.getSelectionModel().getSelectedItem();
        assertTrue(picked != null);
        assertEquals(picked, right.getSelectionModel().getSelectedItem());
        assertEquals(picked.key(), vm.selectedKeyProperty().get());
    }

    @Test
    void onlyDifferencesHidesUnchangedOps(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.diffProperty().get() != null);
        robot.clickOn("#compare-only-changes");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(vm.rows().stream().noneMatch(r -> r.status() == ModelDiff.Status.SAME));
        assertEquals(4, vm.rows().size());
    }
}
