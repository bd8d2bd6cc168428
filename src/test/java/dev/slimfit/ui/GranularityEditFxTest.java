package dev.slimfit.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimfit.optimize.Granularity;
import dev.slimfit.optimize.Layer;
import dev.slimfit.optimize.Scheme;
import dev.slimfit.ui.layers.LayerRow;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The layers table's Granularity column: editable per row where the scheme quantizes weights to
 * integers, a dash elsewhere, and every edit an undoable plan command.
 */
@ExtendWith(ApplicationExtension.class)
class GranularityEditFxTest {
    private AppWindowFixture fixture;
    private SlimfitApp.Window window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        fixture = new AppWindowFixture(stage, "granularity");
        this.stage = stage;
        window = fixture.window;
    }

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    @SuppressWarnings("unchecked")
    private TableView<LayerRow> table() {
        return (TableView<LayerRow>) stage.getScene().lookup("#layers-table");
    }

    private Granularity planned(String layerId) {
        return window.viewModel().planProperty().get().choiceFor(layerId).granularity();
    }

    /** The granularity cell of the row showing {@code layerId}, among the rendered cells. */
    private TableCell<?, ?> cellOf(String layerId) {
        for (Node n : table().lookupAll(".table-cell")) {
            if (n instanceof TableCell<?, ?> c && c.getTableColumn() != null
                    && "granularity-column".equals(c.getTableColumn().getId()) && c.getTableRow() != null
                    && c.getTableRow().getItem() instanceof LayerRow r && r.layer().id().equals(layerId)) {
                return c;
            }
        }
        throw new AssertionError("no rendered granularity cell for " + layerId);
    }

    @Test
    void perTensorChosenInTheTableGoesIntoThePlanAndUndoRestoresIt(FxRobot robot) throws Exception {
        ModelDocument before = window.viewModel().documentProperty().get();
        window.viewModel().open(MainViewModelTest.SAMPLE);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.viewModel().documentProperty().get() != before);
        WaitForAsyncUtils.waitForFxEvents();
        Layer conv = window.viewModel().documentProperty().get().layers().stream()
                .filter(l -> l.op().equals("CONV_2D") && l.hasWeights()).findFirst().orElseThrow();
        int index = table().getItems().stream().map(r -> r.layer().id()).toList().indexOf(conv.id());
        robot.interact(() -> table().scrollTo(index));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("\u2014", cellOf(conv.id()).getText(), "float32 layers have no granularity to choose");

        robot.interact(() -> window.viewModel().setScheme(List.of(conv.id()), Scheme.INT8));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Granularity.AUTO, planned(conv.id()), "the default");
        ComboBox<?> combo = (ComboBox<?>) cellOf(conv.id()).getGraphic();
        assertTrue(combo != null && combo.isVisible());
        robot.clickOn(combo);
        robot.clickOn("per-tensor");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Granularity.PER_TENSOR, planned(conv.id()));
        assertEquals(Scheme.INT8, window.viewModel().planProperty().get().choiceFor(conv.id()).scheme());

        robot.clickOn("#layers-table").press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Granularity.AUTO, planned(conv.id()));
        assertNotEquals(null, cellOf(conv.id()).getGraphic());
        assertEquals(Granularity.AUTO, ((ComboBox<?>) cellOf(conv.id()).getGraphic()).getValue());
    }
}
