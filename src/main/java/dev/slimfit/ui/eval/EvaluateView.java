package dev.slimfit.ui.eval;

import dev.slimfit.ui.common.FeatureStyle;
import java.io.File;

import javafx.beans.property.IntegerProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;

/**
 * The Evaluate panel: dataset and preprocessing on the left, results (accuracy, fidelity,
 * latency chart, per-layer error table) on the right. Binds to an {@link EvaluateViewModel}
 * and only forwards events to it.
 */
public final class EvaluateView extends BorderPane {
    private final EvaluateViewModel vm;
    private int row;

    /** A view over {@code vm}. */
    public EvaluateView(EvaluateViewModel vm) {
        this.vm = vm;
        setId("evaluate-view");
        FeatureStyle.install(this);
        ScrollPane left = new ScrollPane(form());
        left.setFitToWidth(true);
        left.setPrefWidth(390);
        left.setMinWidth(300);
        left.setStyle("-fx-background-color: transparent; -fx-background: #f7f8fa;");
        setLeft(left);
        setCenter(new EvaluateResultsPane(vm));
    }

    private Node form() {
        GridPane g = new GridPane();
        g.getStyleClass().add("form");
        g.setHgap(8);
        g.setVgap(6);
        ColumnConstraints c0 = new ColumnConstraints(92);
        ColumnConstraints c1 = new ColumnConstraints();
        c1.setHgrow(Priority.ALWAYS);
        g.getColumnConstraints().addAll(c0, c1);
        row = 0;
        section(g, "Dataset");
        TextField data = text(vm.dataPathProperty(), "folder of images, .npy, or IDX file");
        data.setId("eval-data");
        add(g, "Samples", withButtons(data, browseFolder(vm.dataPathProperty()), browseFile(vm.dataPathProperty())));
        TextField labels = text(vm.labelsPathProperty(), "optional: labels CSV or IDX labels");
        add(g, "Labels", withButtons(labels, browseFile(vm.labelsPathProperty())));
        add(g, "Label column", text(vm.labelColumnProperty(), "auto"));
        add(g, "Label offset", spinner(vm.labelOffsetProperty(), -1, 1, "+1 for 1001-class models with background"));
        add(g, "Limit", spinner(vm.limitProperty(), 0, 100_000, "0 = all samples"));
        add(g, "Latency runs", spinner(vm.benchRunsProperty(), 1, 1000, "timed invocations per model"));

        PreprocessingEditor pre = new PreprocessingEditor(vm.preprocessing(), vm::resetPreprocessing);
        VBox preBox = new VBox(4, FeatureStyle.label("Preprocessing", "section-title"), pre);
        preBox.getStyleClass().add("form");

        Button run = new Button("Run evaluation");
        run.setId("eval-run");
        run.getStyleClass().add("primary");
        run.setDefaultButton(true);
        run.disableProperty().bind(vm.canRunProperty().not());
        run.setOnAction(e -> vm.run());
        Button cancel = new Button("Cancel");
        cancel.setId("eval-cancel");
        cancel.disableProperty().bind(vm.job().runningProperty().not());
        cancel.setOnAction(e -> vm.cancel());
        HBox buttons = new HBox(8, run, cancel);
        ProgressBar bar = new ProgressBar();
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(vm.job().progressProperty());
        bar.visibleProperty().bind(vm.job().runningProperty());
        bar.managedProperty().bind(bar.visibleProperty());
        Label msg = FeatureStyle.label("", "muted");
        msg.textProperty().bind(vm.job().messageProperty());
        msg.setWrapText(true);
        msg.managedProperty().bind(vm.job().runningProperty());
        Label err = FeatureStyle.label("", "error-banner");
        err.setId("eval-error");
        err.setWrapText(true);
        err.textProperty().bind(vm.errorProperty());
        err.visibleProperty().bind(vm.errorProperty().isNotEmpty());
        err.managedProperty().bind(err.visibleProperty());
        VBox box = new VBox(10, FeatureStyle.label("Evaluate", "panel-title"),
                FeatureStyle.label("Original vs optimized on your data", "muted"), g, preBox, buttons, bar, msg, err);
        box.setPadding(new Insets(12));
        return box;
    }

    private void section(GridPane g, String title) {
        g.add(FeatureStyle.label(title, "section-title"), 0, row++, 2, 1);
    }

    private void add(GridPane g, String label, Node field) {
        g.add(FeatureStyle.label(label, "muted"), 0, row);
        g.add(field, 1, row++);
    }

    private static TextField text(StringProperty p, String prompt) {
        return PreprocessingEditor.text(p, prompt);
    }

    private static Node withButtons(TextField field, Button... buttons) {
        HBox h = new HBox(4, field);
        h.getChildren().addAll(buttons);
        HBox.setHgrow(field, Priority.ALWAYS);
        return h;
    }

    private Button browseFolder(StringProperty target) {
        Button b = new Button("Folder\u2026");
        b.setMinWidth(Region.USE_PREF_SIZE);
        b.setTooltip(new Tooltip("Choose a folder of images or tensors"));
        b.setOnAction(e -> {
            DirectoryChooser dc = new DirectoryChooser();
            dc.setTitle("Choose a dataset folder");
            File f = dc.showDialog(getScene() == null ? null : getScene().getWindow());
            if (f != null) {
                target.set(f.getAbsolutePath());
            }
        });
        return b;
    }

    private Button browseFile(StringProperty target) {
        Button b = new Button("File\u2026");
        b.setMinWidth(Region.USE_PREF_SIZE);
        b.setTooltip(new Tooltip("Choose a file (CSV, IDX, .npy)"));
        b.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            File f = fc.showOpenDialog(getScene() == null ? null : getScene().getWindow());
            if (f != null) {
                target.set(f.getAbsolutePath());
            }
        });
        return b;
    }

    private static Spinner<Integer> spinner(IntegerProperty p, int min, int max, String tip) {
        Spinner<Integer> s = new Spinner<>(min, max, p.get());
        s.setEditable(true);
        s.setMaxWidth(Double.MAX_VALUE);
        s.setTooltip(new Tooltip(tip));
        s.valueProperty().addListener((o, a, b) -> p.set(b));
        p.addListener((o, a, b) -> s.getValueFactory().setValue(b.intValue()));
        return s;
    }
}
