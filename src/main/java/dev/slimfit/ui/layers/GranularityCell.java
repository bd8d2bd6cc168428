package dev.slimfit.ui.layers;

import dev.slimfit.optimize.Granularity;
import dev.slimfit.optimize.LayerChoice;
import dev.slimfit.optimize.Scheme;
import java.util.Locale;

import javafx.scene.control.ComboBox;
import javafx.scene.control.TableCell;

/**
 * Granularity column cell: per-channel / per-tensor weight scales, editable where the row's
 * scheme quantizes weights to integers (dynamic int8, int8, int16x8); elsewhere the choice has no
 * effect, so the cell shows a dash rather than a setting that would silently do nothing.
 */
final class GranularityCell extends TableCell<LayerRow, LayerChoice> {
    private final LayersViewModel vm;
    private final ComboBox<Granularity> combo = new ComboBox<>();
    private boolean updating;

    GranularityCell(LayersViewModel vm) {
        this.vm = vm;
        combo.getItems().setAll(Granularity.values());
        combo.setMaxWidth(Double.MAX_VALUE);
        combo.getStyleClass().addAll("cell-combo", "granularity-combo");
        combo.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Granularity g) {
                return g == null ? "" : label(g);
            }

            @Override
            public Granularity fromString(String s) {
                return Granularity.valueOf(s.toUpperCase(Locale.ROOT).replace('-', '_'));
            }
        });
        combo.setOnAction(e -> {
            LayerRow row = getTableRow() == null ? null : getTableRow().getItem();
            if (!updating && row != null && combo.getValue() != null
                    && combo.getValue() != row.choiceProperty().get().granularity()) {
                vm.setGranularity(row, combo.getValue());
            }
        });
    }

    /** "per-channel" / "per-tensor". */
    static String label(Granularity g) {
        return g.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether the granularity changes anything under {@code scheme}. */
    static boolean applies(Scheme scheme) {
        return scheme == Scheme.DYNAMIC_INT8 || scheme == Scheme.INT8 || scheme == Scheme.INT16X8;
    }

    @Override
    protected void updateItem(LayerChoice item, boolean empty) {
        super.updateItem(item, empty);
        LayerRow row = getTableRow() == null ? null : getTableRow().getItem();
        if (empty || item == null || row == null) {
            setGraphic(null);
            setText(null);
            return;
        }
        if (!row.layer().hasWeights() || !applies(row.schemeProperty().get())) {
            setGraphic(null);
            setText("\u2014");
            return;
        }
        updating = true;
        try {
            combo.setValue(item.granularity());
        } finally {
            updating = false;
        }
        setText(null);
        setGraphic(combo);
    }
}
