package dev.slimfit.ui.export;

import java.nio.file.Path;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Export dialog: target file, recipe/report options, progress with cancel, and the outcome
 * (files written and the run check). Binds to {@link ExportViewModel}.
 */
public final class ExportDialog {
    private final Stage stage = new Stage();

    /** A dialog over {@code vm}, owned by {@code owner}. */
    public ExportDialog(Window owner, ExportViewModel vm) {
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle("Export optimized model");
        TextField path = new TextField();
        path.setId("export-path");
        path.setPrefColumnCount(40);
        path.setText(vm.targetProperty().get() == null ? "" : vm.targetProperty().get().toString());
        path.textProperty().addListener((o, a, t) -> vm.targetProperty().set(t.isBlank() ? null : Path.of(t.trim())));
        Button browse = new Button("Browse\u2026");
        browse.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("TensorFlow Lite models", "*.tflite"));
            Path cur = vm.targetProperty().get();
            if (cur != null && cur.toAbsolutePath().getParent() != null) {
                fc.setInitialDirectory(cur.toAbsolutePath().getParent().toFile());
                fc.setInitialFileName(cur.getFileName().toString());
            }
            java.io.File f = fc.showSaveDialog(stage);
            if (f != null) {
                path.setText(f.toPath().toString());
            }
        });
        CheckBox recipe = new CheckBox("Recipe (.recipe.json) to reproduce the plan");
        recipe.selectedProperty().bindBidirectional(vm.writeRecipeProperty());
        CheckBox report = new CheckBox("HTML report with size charts");
        report.selectedProperty().bindBidirectional(vm.writeReportProperty());
        Label note = new Label("The written model is re-read and run once with Slimfit's interpreter.");
        note.getStyleClass().add("muted");

        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(8);
        Label pathLabel = new Label("Model file");
        pathLabel.setMinWidth(Region.USE_PREF_SIZE);
        form.addRow(0, pathLabel, path, browse);
        GridPane.setHgrow(path, Priority.ALWAYS);
        form.add(recipe, 1, 1, 2, 1);
        form.add(report, 1, 2, 2, 1);
        form.add(note, 1, 3, 2, 1);

        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(18, 18);
        progress.visibleProperty().bind(vm.runningProperty());
        Label status = new Label();
        status.setId("export-status");
        status.setWrapText(true);
        status.textProperty().bind(vm.statusProperty());
        // the calibration sentence makes the outcome long: let it wrap instead of cutting it
        status.setMinHeight(Region.USE_PREF_SIZE);
        status.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(status, Priority.ALWAYS);
        // and grow the window with it, so the buttons stay on screen
        status.textProperty().addListener((o, a, b) -> javafx.application.Platform.runLater(stage::sizeToScene));
        HBox statusRow = new HBox(8, progress, status);
        statusRow.setAlignment(Pos.CENTER_LEFT);

        Button export = new Button("Export");
        export.setId("export-run");
        export.setDefaultButton(true);
        export.disableProperty().bind(vm.canExportProperty().not());
        export.setOnAction(e -> vm.export());
        Button cancel = new Button("Cancel");
        cancel.disableProperty().bind(vm.runningProperty().not());
        cancel.setOnAction(e -> vm.cancel());
        Button close = new Button("Close");
        close.setCancelButton(true);
        close.setOnAction(e -> {
            vm.cancel();
            stage.close();
        });
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox buttons = new HBox(8, spacer, export, cancel, close);

        VBox root = new VBox(14, form);
        if (vm.needsCalibration() && vm.calibration() != null) {
            root.getChildren().add(calibrationPane(vm.calibration()));
        }
        root.getChildren().addAll(statusRow, buttons);
        root.setPadding(new Insets(16));
        root.setPrefWidth(680);
        Scene scene = new Scene(root);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        stage.setScene(scene);
    }

    /**
     * The calibration section, shown when the plan uses samples (full-integer layers, or
     * pruning/clustering with repair): samples folder,
     * count, method and the Evaluate panel's preprocessing editor (pre-filled from metadata).
     */
    private javafx.scene.Node calibrationPane(CalibrationChoice c) {
        TextField data = new TextField();
        data.setId("export-calib-data");
        data.setPromptText("images or .npy files; empty = 16 seeded random inputs (ranges only, no repair)");
        data.textProperty().bindBidirectional(c.dataProperty());
        Button browse = new Button("Folder…");
        browse.setOnAction(e -> {
            javafx.stage.DirectoryChooser dc = new javafx.stage.DirectoryChooser();
            dc.setTitle("Calibration samples");
            java.io.File f = dc.showDialog(stage);
            if (f != null) {
                data.setText(f.toPath().toString());
            }
        });
        javafx.scene.control.Spinner<Integer> samples = new javafx.scene.control.Spinner<>(1, 100_000,
                c.samplesProperty().get());
        samples.setId("export-calib-samples");
        samples.setEditable(true);
        samples.valueProperty().addListener((o, a, b) -> c.samplesProperty().set(b));
        javafx.scene.control.ComboBox<dev.slimfit.optimize.CalibrationSpec.Method> method =
                new javafx.scene.control.ComboBox<>();
        method.setId("export-calib-method");
        method.getItems().setAll(dev.slimfit.optimize.CalibrationSpec.Method.values());
        method.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(dev.slimfit.optimize.CalibrationSpec.Method m) {
                return m == null ? "" : CalibrationChoice.describe(m);
            }

            @Override
            public dev.slimfit.optimize.CalibrationSpec.Method fromString(String s) {
                return null;
            }
        });
        method.valueProperty().bindBidirectional(c.methodProperty());
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(8);
        g.addRow(0, new Label("Samples from"), data, browse);
        GridPane.setHgrow(data, Priority.ALWAYS);
        g.addRow(1, new Label("How many"), samples);
        g.addRow(2, new Label("Method"), method);
        javafx.scene.control.TitledPane pre = new javafx.scene.control.TitledPane("Preprocessing (from the model's metadata)",
                new dev.slimfit.ui.eval.PreprocessingEditor(c.preprocessing(), c::resetPreprocessing));
        pre.setExpanded(false);
        Label title = new Label("Calibration of activation ranges (int8 / int16x8 layers)");
        title.getStyleClass().add("section-title");
        return new VBox(8, title, g, pre);
    }

    /** Shows the dialog without waiting. */
    public void show() {
        stage.show();
    }

    /** The dialog window. */
    public Stage stage() {
        return stage;
    }
}
