package dev.slimfit.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimfit.oracle.SharedModels;
import dev.slimfit.optimize.Plan;
import dev.slimfit.optimize.Scheme;
import dev.slimfit.ui.common.Fixtures;
import dev.slimfit.ui.graph.ColorMode;
import dev.slimfit.ui.graph.GraphViewModel;
import dev.slimfit.ui.layers.LayerRow;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javafx.scene.control.TextField;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Evaluate on a real dataset (MNIST) paints its per-layer errors on the graph and fills the
 * layers table's Error column; changing the plan afterwards clears them (they describe the
 * evaluated plan only).
 */
@ExtendWith(ApplicationExtension.class)
class EvaluateColoursGraphFxTest {
    private AppWindowFixture fixture;
    private SlimfitApp.Window window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        fixture = new AppWindowFixture(stage, "evalcolour");
        this.stage = stage;
        window = fixture.window;
    }

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    @SuppressWarnings("unchecked")
    private java.util.List<LayerRow> rows() {
        return ((javafx.scene.control.TableView<LayerRow>) stage.getScene().lookup("#layers-table")).getItems();
    }

    @Test
    void evaluationErrorsColourTheGraphAndFillTheLayersTable(FxRobot robot) throws Exception {
        var model = SharedModels.model("mnist/conv_fc_mnist_float.tflite");
        ModelDocument before = window.viewModel().documentProperty().get();
        window.viewModel().open(model);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.viewModel().documentProperty().get() != before);
        robot.interact(() -> window.viewModel().replacePlan(Plan.uniform(Scheme.DYNAMIC_INT8), "test"));
        GraphViewModel graph = window.view().graphViewModel();
        assertTrue(graph.layerErrors().isEmpty());
        robot.interact(() -> window.view().showTab("Evaluate"));
        robot.interact(() -> {
            TextField data = (TextField) stage.getScene().lookup("#eval-data");
            data.setText(Fixtures.mnistImages().toString());
        });
        // the form may be scrolled out of the small test window: press the button directly
        robot.interact(() -> ((javafx.scene.control.Button) stage.getScene().lookup("#eval-run")).fire());
        javafx.scene.control.Label error = (javafx.scene.control.Label) stage.getScene().lookup("#eval-error");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS,
                () -> !graph.layerErrors().isEmpty() || !error.getText().isEmpty());
        assertEquals("", error.getText());
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(ColorMode.LAYER_ERROR, graph.colorModeProperty().get());
        Map<String, Double> errors = Map.copyOf(graph.layerErrors());
        int filled = 0;
        for (LayerRow row : rows()) {
            Double shown = row.errorProperty().get();
            assertEquals(errors.get(row.layer().id()), shown, row.layer().id());
            filled += shown == null ? 0 : 1;
        }
        assertTrue(filled >= 4, "error column filled for " + filled + " layers");
        assertTrue(errors.values().stream().anyMatch(v -> v > 0), "int8 weights change some outputs: " + errors);
        int someNode = window.viewModel().documentProperty().get().layers().stream()
                .filter(l -> errors.containsKey(l.id())).findFirst().orElseThrow().opIndex();
        assertTrue(graph.valueOf(someNode).isPresent());

        robot.interact(() -> window.viewModel().replacePlan(Plan.uniform(Scheme.FLOAT16), "other plan"));
        assertTrue(graph.layerErrors().isEmpty());
        assertFalse(rows().isEmpty());
        assertNull(rows().get(0).errorProperty().get());
    }
}
