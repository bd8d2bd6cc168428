package dev.slimfit.ui.layers;

import dev.slimfit.optimize.Scheme;

import javafx.scene.control.ComboBox;
import javafx.scene.control.TableCell;

/**
 * Scheme column cell: a combo box offering only the schemes the row's layer allows; layers
 * without weights show plain text.
 */
final class SchemeCell extends TableCell<LayerRow, Scheme> {
    private final LayersViewModel vm;
    private final ComboBox<Scheme> combo = new ComboBox<>();
    private boolean updating;

    SchemeCell(LayersViewModel vm) {
        this.vm = vm;
        combo.setMaxWidth(Double.MAX_VALUE);
        combo.getStyleClass().add("cell-combo");
        combo.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Scheme s) {
                return s == null ? "" : s.id();
            }

            @Override
            public Scheme fromString(String s) {
                return Scheme.parse(s);
            }
        });
        combo.setOnAction(e -> {
            LayerRow row = getTableRow() == null ? null : getTableRow().getItem();
            if (!updating && row != null && combo.getValue() != null && combo.getValue() != row.schemeProperty().get()) {
                vm.setScheme(row, combo.getValue());
            }
        });
    }

    @Override
    protected void updateItem(Scheme item, boolean empty) {
        super.updateItem(item, empty);
        LayerRow row = getTableRow() == null ? null : getTableRow().getItem();
        if (empty || item == null || row == null) {
            setGraphic(null);
            setText(null);
            return;
        }
        if (!row.layer().hasWeights() || LayersViewModel.choicesFor(row.layer()).size() < 2) {
            setGraphic(null);
            setText(row.layer().hasWeights() ? item.id() : "\u2014");
            return;
        }
        updating = true;
        try {
            combo.getItems().setAll(LayersViewModel.choicesFor(row.layer()));
            combo.setValue(item);
        } finally {
            updating = false;
        }
        setText(null);
        setGraphic(combo);
    }
}
