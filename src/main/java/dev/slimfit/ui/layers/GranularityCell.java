package dev.slimfit.ui.layers;

import dev.slimfit.optimize.Granularity;
import dev.slimfit.optimize.LayerChoice;
import dev.slimfit.optimize.Scheme;
import java.util.Locale;

/**
 * Granularity column cell: per-channel / per-tensor weight scales, editable where the row's
 * scheme quantizes weights to integers (dynamic int8, int8, int16x8); elsewhere the choice has no
 * effect, so the cell shows a dash rather than a setting that would silently do nothing.
 */
final class GranularityCell extends RowComboCell<LayerChoice, Granularity> {
    private final LayersViewModel vm;

    GranularityCell(LayersViewModel vm) {
        this.vm = vm;
        combo.getItems().setAll(Granularity.values());
        combo.getStyleClass().add("granularity-combo");
        combo.setTooltip(new javafx.scene.control.Tooltip("auto: per channel, except a convolution with a 1\u00d71"
                + " output map (a fully-connected layer), which gets one scale like FULLY_CONNECTED"));
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
    }

    /** "per-channel" / "per-tensor" / "auto". */
    static String label(Granularity g) {
        return g.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether the granularity changes anything under {@code scheme}. */
    static boolean applies(Scheme scheme) {
        return scheme == Scheme.DYNAMIC_INT8 || scheme == Scheme.INT8 || scheme == Scheme.INT16X8;
    }

    @Override
    protected void picked(LayerRow row, Granularity value) {
        if (value != row.choiceProperty().get().granularity()) {
            vm.setGranularity(row, value);
        }
    }

    @Override
    protected void show(LayerRow row, LayerChoice item) {
        if (!row.layer().hasWeights() || !applies(row.schemeProperty().get())) {
            showText("\u2014");
            return;
        }
        showCombo(item.granularity());
    }
}
