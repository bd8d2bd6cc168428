package dev.slimfit.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimfit.optimize.Layer;
import dev.slimfit.optimize.Plan;
import dev.slimfit.tflite.TfliteReader;
import dev.slimfit.ui.export.ExportDialog;
import dev.slimfit.ui.layers.LayerRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Headless end-to-end flows through the real window (TestFX + Monocle). */
@ExtendWith(ApplicationExtension.class)
class SlimfitAppFxTest {
    @TempDir
    Path dir;
    private AppWindowFixture fixture;
    private SlimfitApp.Window window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        fixture = new AppWindowFixture(stage, "fx");
        this.stage = stage;
        window = fixture.window;
    }

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    private void openAndWait(Path file) throws Exception {
        ModelDocument before = window.viewModel().documentProperty().get();
        window.viewModel().open(file);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.viewModel().documentProperty().get() != before);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private String sizeSummary() {
        return ((Label) stage.getScene().lookup("#size-summary")).getText();
    }

    @SuppressWarnings("unchecked")
    private TableView<LayerRow> table() {
        return (TableView<LayerRow>) stage.getScene().lookup("#layers-table");
    }

    private int convRow() {
        for (int i = 0; i < table().getItems().size(); i++) {
            Layer l = table().getItems().get(i).layer();
            if (l.op().equals("CONV_2D") && l.hasWeights()) {
                return i;
            }
        }
        throw new AssertionError("no conv layer");
    }

    /**
     * The Compare tab is wired into the window: it shows the planned model against the original
     * (an int8 plan changes every conv) and its selection follows the layers table.
     */
    @Test
    @SuppressWarnings("unchecked")
    void compareTabShowsThePlannedModelAndFollowsTheSelection(FxRobot robot) throws Exception {
        openAndWait(MainViewModelTest.SAMPLE);
        robot.interact(() -> window.viewModel().replacePlan(Plan.uniform(dev.slimfit.optimize.Scheme.INT8), "test"));
        robot.interact(() -> window.view().showTab("Compare"));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> stage.getScene().lookup("#compare-view") != null);
        javafx.scene.Node view = stage.getScene().lookup("#compare-view");
        java.util.List<TableView<dev.slimfit.ui.compare.ModelDiff.Row>> tables = view.lookupAll(".table-view").stream()
                .map(n -> (TableView<dev.slimfit.ui.compare.ModelDiff.Row>) n).toList();
        assertTrue(!tables.isEmpty(), "compare tables");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !tables.get(0).getItems().isEmpty());
        assertTrue(tables.get(0).getItems().stream().anyMatch(r -> r.status()
                == dev.slimfit.ui.compare.ModelDiff.Status.CHANGED), "an int8 plan changes layers");
        int row = convRow();
        Layer conv = table().getItems().get(row).layer();
        robot.interact(() -> table().getSelectionModel().clearAndSelect(row));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> tables.get(0).getSelectionModel().getSelectedItem() != null
                && conv.id().equals(tables.get(0).getSelectionModel().getSelectedItem().key()));
    }

    @Test
    void pruningTheSelectedConvLayerChangesTheSizePanelAndUndoRestoresIt(FxRobot robot) throws Exception {
        openAndWait(MainViewModelTest.SAMPLE);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !sizeSummary().startsWith("Open"));
        String before = sizeSummary();
        int row = convRow();
        robot.interact(() -> {
            table().getSelectionModel().clearAndSelect(row);
            table().scrollTo(row);
        });
        assertEquals(table().getItems().get(row).layer().opIndex(), window.viewModel().focusedOpProperty().get());
        robot.clickOn("#prune-selection");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !sizeSummary().equals(before));
        assertNotEquals(Plan.keepAll(), window.viewModel().planProperty().get());
        robot.clickOn("#layers-table").press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> sizeSummary().equals(before));
        assertEquals(Plan.keepAll(), window.viewModel().planProperty().get());
        robot.press(KeyCode.CONTROL, KeyCode.Y).release(KeyCode.Y, KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !sizeSummary().equals(before));
    }

    @Test
    void exportWritesAModelThatReadsBackAndRuns(FxRobot robot) throws Exception {
        openAndWait(MainViewModelTest.SAMPLE);
        int row = convRow();
        robot.interact(() -> table().getSelectionModel().clearAndSelect(row));
        robot.clickOn("#prune-selection");
        Path target = dir.resolve("tiny_slim.tflite");
        ExportDialog[] dialog = new ExportDialog[1];
        robot.interact(() -> {
            dialog[0] = window.view().openExport();
            ((TextField) dialog[0].stage().getScene().lookup("#export-path")).setText(target.toString());
        });
        robot.interact(() -> ((Button) dialog[0].stage().getScene().lookup("#export-run")).fire());
        Label status = (Label) dialog[0].stage().getScene().lookup("#export-status");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> status.getText().startsWith("Wrote"));
        assertTrue(Files.exists(target));
        assertNotNull(TfliteReader.read(target));
        assertTrue(Files.exists(dir.resolve("tiny_slim.recipe.json")));
        assertTrue(Files.readString(dir.resolve("tiny_slim.report.html")).contains("tiny_slim-size.png"));
        assertTrue(status.getText().contains("Re-read OK"), status.getText());
        robot.interact(() -> dialog[0].stage().close());
    }

    @Test
    void aBrokenFileShowsAnErrorDialogAndTheAppKeepsWorking(FxRobot robot) throws Exception {
        openAndWait(MainViewModelTest.SAMPLE);
        ModelDocument good = window.viewModel().documentProperty().get();
        Path garbage = dir.resolve("garbage.tflite");
        Files.writeString(garbage, "definitely not a TFLite flatbuffer, but long enough to look like one");
        robot.interact(() -> window.viewModel().open(garbage));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#error-dialog").tryQuery().isPresent());
        javafx.scene.control.DialogPane pane = robot.lookup("#error-dialog").queryAs(javafx.scene.control.DialogPane.class);
        assertTrue(pane.getHeaderText().contains("garbage.tflite"), pane.getHeaderText());
        assertTrue(!pane.getContentText().isBlank());
        assertEquals(good, window.viewModel().documentProperty().get());
        robot.interact(() -> ((Stage) pane.getScene().getWindow()).close());
        openAndWait(MainViewModelTest.SAMPLE);
        assertNotEquals(good, window.viewModel().documentProperty().get());
        assertTrue(robot.lookup("#error-dialog").tryQuery().isEmpty());
    }
}
