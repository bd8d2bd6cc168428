package dev.slimfit.ui.eval;

import dev.slimfit.eval.LayerErrorExport;
import dev.slimfit.eval.LayerErrors;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * Sortable per-layer error table with the metric used for the graph overlay and export to
 * CSV, JSON and Model Explorer JSON. RMSE/scale above 0.5 (well above the 0.29 of pure rounding
 * noise) is flagged.
 */
final class LayerErrorTable extends BorderPane {

    LayerErrorTable(EvaluateViewModel vm) {
        TableView<LayerErrors.Row> table = new TableView<>();
        table.setId("eval-layer-table");
        SortedList<LayerErrors.Row> sorted = new SortedList<>(vm.layerRows());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.setPlaceholder(new Label("Per-layer errors appear here after a run."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<LayerErrors.Row, Integer> idx = new TableColumn<>("#");
        idx.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().opIndex()));
        idx.setPrefWidth(44);
        TableColumn<LayerErrors.Row, String> op = new TableColumn<>("Op");
        op.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().opName()));
        op.setPrefWidth(130);
        TableColumn<LayerErrors.Row, String> name = new TableColumn<>("Output tensor");
        name.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().tensorName()));
        name.setPrefWidth(260);
        table.getColumns().add(idx);
        table.getColumns().add(op);
        table.getColumns().add(name);
        table.getColumns().add(number("RMSE", LayerErrors.Row::rmse, "%.4g", Double.NaN));
        table.getColumns().add(number("RMSE / scale", LayerErrors.Row::rmseOverScale, "%.3f", 0.5));
        table.getColumns().add(number("SQNR (dB)", LayerErrors.Row::sqnrDb, "%.1f", Double.NaN));
        table.getColumns().add(number("Cosine", LayerErrors.Row::cosine, "%.5f", Double.NaN));
        setCenter(table);

        ComboBox<LayerErrorExport.Metric> metric = new ComboBox<>();
        metric.getItems().setAll(LayerErrorExport.Metric.values());
        metric.valueProperty().bindBidirectional(vm.metricProperty());
        MenuButton export = new MenuButton("Export");
        export.setId("eval-export");
        for (EvaluateViewModel.ExportFormat f : EvaluateViewModel.ExportFormat.values()) {
            MenuItem mi = new MenuItem(switch (f) {
                case CSV -> "CSV\u2026";
                case JSON -> "JSON\u2026";
                case MODEL_EXPLORER -> "Model Explorer overlay JSON\u2026";
            });
            mi.setOnAction(e -> vm.exportLayers(f));
            export.getItems().add(mi);
        }
        export.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(vm.layerRows()));
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        Label hint = new Label("Graph overlay metric");
        hint.getStyleClass().add("muted");
        HBox bar = new HBox(8, hint, metric, gap, export);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 4, 6, 4));
        setTop(bar);
    }

    /** A numeric column; values above {@code flagAbove} are shown in the warning colour. */
    private static TableColumn<LayerErrors.Row, Double> number(String title, ToDoubleFunction<LayerErrors.Row> f,
                                                              String format, double flagAbove) {
        TableColumn<LayerErrors.Row, Double> c = new TableColumn<>(title);
        c.setCellValueFactory(v -> new ReadOnlyObjectWrapper<>(f.applyAsDouble(v.getValue())));
        c.setPrefWidth(100);
        c.setStyle("-fx-alignment: CENTER-RIGHT;");
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Double v, boolean empty) {
                super.updateItem(v, empty);
                getStyleClass().remove("diff-cell");
                if (empty || v == null) {
                    setText(null);
                } else {
                    setText(Double.isNaN(v) ? "\u2014" : String.format(Locale.ROOT, format, v));
                    if (v > flagAbove) {
                        getStyleClass().add("diff-cell");
                    }
                }
            }
        });
        return c;
    }
}
