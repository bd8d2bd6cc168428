package dev.slimfit.ui.properties;

import dev.slimfit.model.TensorValues;
import java.util.List;
import java.util.Locale;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * Right-hand panel: what the selected op is and holds. Sections: operator, options, inputs,
 * outputs (per-channel quantization expandable), weight statistics, value viewer. With nothing
 * selected, the model's properties ({@link ModelOverview}). Binds to
 * {@link PropertiesViewModel} only.
 */
public final class PropertiesView extends ScrollPane {
    private final PropertiesViewModel vm;
    private final VBox sections = new VBox(6);
    private final Label empty = new Label("Select a node in the graph or a row in the layers table.");

    /** A view of {@code vm}. */
    public PropertiesView(PropertiesViewModel vm) {
        this.vm = vm;
        getStyleClass().add("properties");
        setFitToWidth(true);
        setHbarPolicy(ScrollBarPolicy.NEVER);
        sections.setPadding(new Insets(8));
        empty.setWrapText(true);
        empty.getStyleClass().add("muted");
        setContent(sections);
        vm.detailsProperty().addListener((o, a, d) -> render(d));
        vm.overviewProperty().addListener((o, a, d) -> render(vm.detailsProperty().get()));
        render(null);
    }

    private void render(PropertiesViewModel.OpDetails d) {
        sections.getChildren().clear();
        if (d == null) {
            sections.getChildren().add(empty);
            for (ModelOverview.Section sec : vm.overviewProperty().get()) {
                GridPane g = grid();
                int r = 0;
                for (String[] kv : sec.rows()) {
                    addRow(g, r++, kv[0], kv[1]);
                }
                sections.getChildren().add(section(sec.title(), g, !sec.title().startsWith("Metadata")));
            }
            return;
        }
        Label title = new Label(d.op());
        title.getStyleClass().add("panel-title");
        Label sub = new Label("#" + d.opIndex() + "  \u00b7  v" + d.version() + "  \u00b7  " + d.layerId());
        sub.getStyleClass().add("muted");
        sub.setWrapText(true);
        sections.getChildren().addAll(title, sub);
        if (d.unsupported()) {
            Label warn = new Label("No kernel in Slimfit's interpreter for this op/version yet: it can be "
                    + "exported, but not run or evaluated here.");
            warn.setWrapText(true);
            warn.getStyleClass().add("warning");
            sections.getChildren().add(warn);
        }
        if (!d.options().isEmpty()) {
            GridPane g = grid();
            int r = 0;
            for (String[] kv : d.options()) {
                addRow(g, r++, kv[0], kv[1]);
            }
            sections.getChildren().add(section("Options", g, true));
        }
        sections.getChildren().add(section("Inputs", tensors(d.inputs()), true));
        sections.getChildren().add(section("Outputs", tensors(d.outputs()), true));
        if (d.weightStats() != null) {
            sections.getChildren().add(section("Weight statistics", stats(d.weightStats()), true));
        }
        if (!vm.constants().isEmpty()) {
            sections.getChildren().add(section("Values", valueViewer(), false));
        }
    }

    private static TitledPane section(String title, javafx.scene.Node content, boolean expanded) {
        TitledPane p = new TitledPane(title, content);
        p.setExpanded(expanded);
        p.setAnimated(false);
        return p;
    }

    private static GridPane grid() {
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(3);
        return g;
    }

    private static void addRow(GridPane g, int row, String key, String value) {
        Label k = new Label(key);
        k.getStyleClass().add("key");
        k.setMinWidth(Region.USE_PREF_SIZE);
        Label v = new Label(value);
        v.setWrapText(true);
        v.getStyleClass().add("value");
        g.addRow(row, k, v);
        GridPane.setHgrow(v, Priority.ALWAYS);
    }

    private static VBox tensors(List<TensorInfo> list) {
        VBox box = new VBox(8);
        for (TensorInfo t : list) {
            GridPane g = grid();
            int r = 0;
            addRow(g, r++, "name", t.name());
            addRow(g, r++, "type", t.type() + (t.constant() ? "  (constant)" : ""));
            addRow(g, r++, "shape", t.shape());
            if (!t.quantization().isEmpty()) {
                addRow(g, r++, "quant", t.quantization());
            }
            box.getChildren().add(g);
            if (!t.channelLines().isEmpty()) {
                ListView<String> channels = new ListView<>();
                channels.getItems().setAll(t.channelLines());
                channels.setPrefHeight(Math.min(8, t.channelLines().size()) * 24 + 4);
                channels.getStyleClass().add("mono");
                TitledPane more = section("per-channel scales (" + t.channelLines().size() + ")", channels, false);
                box.getChildren().add(more);
            }
        }
        return box;
    }

    private static GridPane stats(TensorValues.Stats s) {
        GridPane g = grid();
        int r = 0;
        addRow(g, r++, "values", String.format(Locale.ROOT, "%,d", s.count()));
        addRow(g, r++, "min / max", TensorInfo.num(s.min()) + "  /  " + TensorInfo.num(s.max()));
        addRow(g, r++, "mean \u00b1 std", TensorInfo.num(s.mean()) + "  \u00b1  " + TensorInfo.num(s.std()));
        addRow(g, r++, "sparsity", String.format(Locale.ROOT, "%.1f%%", s.sparsity() * 100));
        addRow(g, r++, "unique values", String.format(Locale.ROOT, "%,d", s.uniqueValues()));
        return g;
    }

    private VBox valueViewer() {
        ComboBox<TensorInfo> which = new ComboBox<>(vm.constants());
        which.setMaxWidth(Double.MAX_VALUE);
        which.setConverter(new StringConverter<>() {
            @Override
            public String toString(TensorInfo t) {
                return t == null ? "" : t.name() + "  " + t.shape();
            }

            @Override
            public TensorInfo fromString(String s) {
                return null;
            }
        });
        which.valueProperty().bindBidirectional(vm.viewedTensorProperty());
        ListView<String> values = new ListView<>(vm.pageLines());
        values.getStyleClass().add("mono");
        values.setPrefHeight(220);
        Button prev = new Button("\u2039");
        prev.setOnAction(e -> vm.previousPage());
        Button next = new Button("\u203a");
        next.setOnAction(e -> vm.nextPage());
        Label page = new Label();
        page.textProperty().bind(vm.pageLabelProperty());
        page.getStyleClass().add("muted");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button save = new Button("Save .npy\u2026");
        save.setOnAction(e -> vm.saveViewedTensor());
        HBox bar = new HBox(6, prev, next, page, spacer, save);
        bar.setAlignment(Pos.CENTER_LEFT);
        return new VBox(6, which, values, bar);
    }
}
