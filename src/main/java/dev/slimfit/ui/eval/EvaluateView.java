package dev.slimfit.ui.eval;

import dev.slimfit.eval.Preprocessing;
import dev.slimfit.ui.common.FeatureStyle;
import java.io.File;

import javafx.beans.binding.Bindings;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
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

        section(g, "Preprocessing");
        PreprocessingForm p = vm.preprocessing();
        add(g, "Central crop", doubleSpinner(p.cropProperty()));
        add(g, "Resize", combo(p.resizeProperty(), Preprocessing.Resize.values()));
        add(g, "Channels", combo(p.orderProperty(), Preprocessing.ChannelOrder.values()));
        add(g, "Layout", combo(p.layoutProperty(), Preprocessing.Layout.values()));
        add(g, "Normalize", combo(p.kindProperty(), Preprocessing.Normalization.Kind.values()));
        add(g, "Mean", text(p.meanProperty(), "one value or one per channel"));
        add(g, "Std", text(p.stdProperty(), "one value or one per channel"));
        add(g, "Divisor", doubleField(p.divisorProperty()));
        Hyperlink reset = new Hyperlink("Reset from model metadata");
        reset.setOnAction(e -> vm.resetPreprocessing());
        g.add(reset, 1, row++);

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
                FeatureStyle.label("Original vs optimized on your data", "muted"), g, buttons, bar, msg, err);
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
        TextField t = new TextField();
        t.textProperty().bindBidirectional(p);
        t.setPromptText(prompt);
        return t;
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

    private static Spinner<Double> doubleSpinner(DoubleProperty p) {
        Spinner<Double> s = new Spinner<>(0.05, 1.0, p.get(), 0.025);
        s.setEditable(true);
        s.setMaxWidth(Double.MAX_VALUE);
        s.valueProperty().addListener((o, a, b) -> p.set(b));
        p.addListener((o, a, b) -> s.getValueFactory().setValue(b.doubleValue()));
        return s;
    }

    private static TextField doubleField(DoubleProperty p) {
        TextField t = new TextField();
        Bindings.bindBidirectional(t.textProperty(), p, new javafx.util.converter.NumberStringConverter("0.###"));
        return t;
    }

    private static <E> ComboBox<E> combo(javafx.beans.property.ObjectProperty<E> p, E[] values) {
        ComboBox<E> c = new ComboBox<>();
        c.getItems().setAll(values);
        c.valueProperty().bindBidirectional(p);
        c.setMaxWidth(Double.MAX_VALUE);
        return c;
    }
}
