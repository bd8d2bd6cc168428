package dev.slimfit.ui.layers;

import javafx.scene.control.ComboBox;
import javafx.scene.control.TableCell;

/**
 * A layers-table cell that edits its row through a combo box, or shows plain text where the row
 * offers no choice. Keeps the combo's programmatic updates from being taken for user edits.
 *
 * @param <T> the column's value type
 * @param <V> the combo's item type
 */
abstract class RowComboCell<T, V> extends TableCell<LayerRow, T> {
    protected final ComboBox<V> combo = new ComboBox<>();
    private boolean updating;

    RowComboCell() {
        combo.setMaxWidth(Double.MAX_VALUE);
        combo.getStyleClass().add("cell-combo");
        combo.setOnAction(e -> {
            LayerRow row = row();
            if (!updating && row != null && combo.getValue() != null) {
                picked(row, combo.getValue());
            }
        });
    }

    /** The user chose {@code value} for {@code row} (may equal the current value). */
    protected abstract void picked(LayerRow row, V value);

    /** Fills the cell for a non-empty row. */
    protected abstract void show(LayerRow row, T item);

    /** The row this cell shows, or null. */
    protected LayerRow row() {
        return getTableRow() == null ? null : getTableRow().getItem();
    }

    /** Shows {@code text} instead of the combo. */
    protected void showText(String text) {
        setGraphic(null);
        setText(text);
    }

    /** Shows the combo with {@code value} selected. */
    protected void showCombo(V value) {
        updating = true;
        try {
            combo.setValue(value);
        } finally {
            updating = false;
        }
        setText(null);
        setGraphic(combo);
    }

    /** Runs {@code change} on the combo without it counting as a user edit. */
    protected void quietly(Runnable change) {
        updating = true;
        try {
            change.run();
        } finally {
            updating = false;
        }
    }

    @Override
    protected void updateItem(T item, boolean empty) {
        super.updateItem(item, empty);
        LayerRow row = row();
        if (empty || item == null || row == null) {
            showText(null);
            return;
        }
        show(row, item);
    }
}
