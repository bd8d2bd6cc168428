package dev.slimfit.ui.layers;

import dev.slimfit.optimize.Clustering;
import dev.slimfit.optimize.LayerChoice;
import dev.slimfit.optimize.Pruning;
import dev.slimfit.optimize.Scheme;
import dev.slimfit.ui.MainViewModel;
import dev.slimfit.ui.charts.SizeViewModel;
import dev.slimfit.ui.graph.ModelGraphs;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.collections.SetChangeListener;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.Separator;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.geometry.Orientation;

/**
 * The layers table: one row per layer with its plan and sizes, sortable and filterable, editable
 * scheme per row, and a bar that applies a scheme, pruning or clustering to the selection. Row
 * selection follows and drives the shared selection.
 */
public final class LayersView extends BorderPane {
    private final TableView<LayerRow> table = new TableView<>();
    private final MainViewModel main;
    private boolean syncing;

    /** A table over {@code vm}, synced with {@code main}'s selection. */
    public LayersView(MainViewModel main, LayersViewModel vm) {
        this.main = main;
        SortedList<LayerRow> sorted = new SortedList<>(vm.visibleRows());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.setId("layers-table");
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("Open a model to see its layers."));
        table.getColumns().add(col("#", 44, r -> r.layer().opIndex()));
        TableColumn<LayerRow, String> name = col("Layer", 220, r -> r.layer().id());
        name.setCellFactory(tc -> {
            javafx.scene.control.TableCell<LayerRow, String> cell = new javafx.scene.control.TableCell<>() {
                @Override
                protected void updateItem(String item, boolean empty) {
                    super.updateItem(item, empty);
                    setText(empty ? null : item);
                    setTooltip(empty || item == null ? null : new Tooltip(item));
                }
            };
            cell.setTextOverrun(javafx.scene.control.OverrunStyle.LEADING_ELLIPSIS);
            return cell;
        });
        table.getColumns().add(name);
        table.getColumns().add(col("Op", 140, r -> r.layer().op()));
        table.getColumns().add(col("Weights", 110, r -> r.layer().hasWeights()
                ? ModelGraphs.shape(r.layer().weightShape()) : "\u2014"));
        table.getColumns().add(col("Params", 80, r -> r.layer().params()));
        table.getColumns().add(bytesCol("Bytes", r -> r.layer().weightBytes(), LayerRow::plannedBytesProperty));
        table.getColumns().add(bytesCol("Zipped", r -> r.originalCompressedProperty().get(),
                LayerRow::plannedCompressedProperty));
        TableColumn<LayerRow, Scheme> scheme = new TableColumn<>("Scheme");
        scheme.setCellValueFactory(c -> c.getValue().schemeProperty());
        scheme.setCellFactory(c -> new SchemeCell(vm));
        scheme.setPrefWidth(120);
        table.getColumns().add(scheme);
        TableColumn<LayerRow, LayerChoice> granularity = new TableColumn<>("Granularity");
        granularity.setId("granularity-column");
        // The cell also reads the scheme: a scheme change alone must refresh it too.
        granularity.setCellValueFactory(c -> Bindings.createObjectBinding(() -> c.getValue().choiceProperty().get(),
                c.getValue().choiceProperty(), c.getValue().schemeProperty()));
        granularity.setCellFactory(c -> new GranularityCell(vm));
        granularity.setPrefWidth(110);
        table.getColumns().add(granularity);
        table.getColumns().add(obs("Sparsity", 70, r -> Bindings.createStringBinding(() ->
                String.format(Locale.ROOT, "%.0f%%", r.sparsityProperty().get() * 100), r.sparsityProperty())));
        table.getColumns().add(obs("Clusters", 70, r -> Bindings.createStringBinding(() -> {
            LayerChoice c = r.choiceProperty().get();
            return c.clustering() == null ? "\u2014" : String.valueOf(c.clustering().clusters());
        }, r.choiceProperty())));
        table.getColumns().add(obs("Error", 70, r -> Bindings.createStringBinding(() ->
                r.errorProperty().get() == null ? "" : String.format(Locale.ROOT, "%.3g", r.errorProperty().get()),
                r.errorProperty())));
        table.getColumns().add(obs("Latency", 70, r -> Bindings.createStringBinding(() ->
                r.latencyMillisProperty().get() == null ? "" : String.format(Locale.ROOT, "%.2f ms",
                        r.latencyMillisProperty().get()), r.latencyMillisProperty())));
        setTop(bar(vm));
        setCenter(table);
        syncSelection();
    }

    private HBox bar(LayersViewModel vm) {
        TextField filter = new TextField();
        filter.setPromptText("Filter layers");
        filter.setId("layers-filter");
        filter.textProperty().bindBidirectional(vm.filterProperty());
        ComboBox<Scheme> scheme = new ComboBox<>();
        scheme.getItems().setAll(Scheme.values());
        scheme.setValue(Scheme.INT8);
        Button setScheme = new Button("Set scheme");
        setScheme.setOnAction(e -> vm.applySchemeToSelection(scheme.getValue()));
        Spinner<Integer> sparsity = new Spinner<>(0, 95, 50, 5);
        sparsity.setPrefWidth(76);
        sparsity.setTooltip(new Tooltip("Share of weights set to zero, %"));
        Button prune = new Button("Prune");
        prune.setId("prune-selection");
        prune.setOnAction(e -> vm.applyPruningToSelection(sparsity.getValue() == 0 ? null
                : new Pruning(sparsity.getValue() / 100.0, Pruning.Pattern.UNSTRUCTURED, false)));
        Spinner<Integer> clusters = new Spinner<>(2, 256, 16, 1);
        clusters.setPrefWidth(76);
        clusters.setTooltip(new Tooltip("Distinct values per layer"));
        Button cluster = new Button("Cluster");
        cluster.setOnAction(e -> vm.applyClusteringToSelection(
                Clustering.recommended(clusters.getValue())));
        Button unCluster = new Button("No clustering");
        unCluster.setOnAction(e -> vm.applyClusteringToSelection(null));
        Label selection = new Label();
        selection.getStyleClass().add("muted");
        main.selection().addListener((SetChangeListener<Integer>) c ->
                selection.setText(main.selectedLayerIds().size() + " selected"));
        Label apply = new Label("Apply to selection:");
        apply.getStyleClass().add("muted");
        Label quantized = new Label("Already quantized \u2014 Slimfit optimizes float models: open the float original");
        quantized.setId("already-quantized");
        quantized.getStyleClass().add("warning");
        quantized.setMinWidth(Label.USE_PREF_SIZE);
        quantized.visibleProperty().bind(vm.alreadyQuantizedProperty());
        quantized.managedProperty().bind(quantized.visibleProperty());
        Separator s1 = new Separator(Orientation.VERTICAL);
        Separator s2 = new Separator(Orientation.VERTICAL);
        Separator s3 = new Separator(Orientation.VERTICAL);
        // The quantizer takes float models only: on a quantized one the edit controls make way for the reason.
        for (javafx.scene.Node n : List.of(apply, scheme, setScheme, s2, sparsity, prune, s3, clusters, cluster,
                unCluster)) {
            n.visibleProperty().bind(vm.alreadyQuantizedProperty().not());
            n.managedProperty().bind(n.visibleProperty());
        }
        HBox bar = new HBox(6, filter, selection, s1, apply, scheme, setScheme, s2, sparsity, prune, s3,
                clusters, cluster, unCluster, quantized);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 8, 6, 8));
        bar.getStyleClass().add("pane-bar");
        return bar;
    }

    private void syncSelection() {
        table.getSelectionModel().getSelectedItems().addListener((ListChangeListener<LayerRow>) c -> {
            if (syncing) {
                return;
            }
            syncing = true;
            try {
                Set<Integer> ops = new LinkedHashSet<>();
                for (LayerRow r : table.getSelectionModel().getSelectedItems()) {
                    if (r != null) {
                        ops.add(r.layer().opIndex());
                    }
                }
                LayerRow focused = table.getSelectionModel().getSelectedItem();
                if (focused != null) {
                    ops.remove(focused.layer().opIndex());
                    ops.add(focused.layer().opIndex());
                }
                main.selection().retainAll(ops);
                main.selection().addAll(ops);
            } finally {
                syncing = false;
            }
        });
        main.selection().addListener((SetChangeListener<Integer>) c -> {
            if (syncing) {
                return;
            }
            syncing = true;
            try {
                table.getSelectionModel().clearSelection();
                int last = -1;
                for (int i = 0; i < table.getItems().size(); i++) {
                    if (main.selection().contains(table.getItems().get(i).layer().opIndex())) {
                        table.getSelectionModel().select(i);
                        last = i;
                    }
                }
                if (last >= 0) {
                    table.scrollTo(Math.max(0, last - 3));
                }
            } finally {
                syncing = false;
            }
        });
    }

    private static <T> TableColumn<LayerRow, T> col(String title, double width, Function<LayerRow, T> f) {
        TableColumn<LayerRow, T> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(f.apply(cd.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    private static TableColumn<LayerRow, String> obs(String title, double width,
                                                     Function<LayerRow, ObservableValue<String>> f) {
        TableColumn<LayerRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> f.apply(cd.getValue()));
        c.setPrefWidth(width);
        return c;
    }

    private static TableColumn<LayerRow, Long> bytesCol(String title, Function<LayerRow, Long> before,
                                                       Function<LayerRow, javafx.beans.property.LongProperty> after) {
        TableColumn<LayerRow, Long> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> after.apply(cd.getValue()).asObject());
        c.setCellFactory(tc -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(Long planned, boolean empty) {
                super.updateItem(planned, empty);
                LayerRow r = getTableRow() == null ? null : getTableRow().getItem();
                if (empty || planned == null || r == null) {
                    setText(null);
                    return;
                }
                long b = before.apply(r);
                setText(b == planned ? SizeViewModel.bytes(b)
                        : SizeViewModel.bytes(b) + " \u2192 " + SizeViewModel.bytes(planned));
                getStyleClass().removeAll("changed");
                if (b != planned) {
                    getStyleClass().add("changed");
                }
            }
        });
        c.setPrefWidth(150);
        return c;
    }

    /** The table (tests and keyboard focus). */
    public TableView<LayerRow> table() {
        return table;
    }
}
