package dev.slimfit.ui.layers;

import dev.slimfit.optimize.Scheme;

/**
 * Scheme column cell: a combo box offering only the schemes the row's layer allows; layers
 * without weights show plain text, and layers whose weights are already quantized show how they
 * are stored (the quantizer takes float models only).
 */
final class SchemeCell extends RowComboCell<Scheme, Scheme> {
    private final LayersViewModel vm;

    SchemeCell(LayersViewModel vm) {
        this.vm = vm;
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
    }

    @Override
    protected void picked(LayerRow row, Scheme value) {
        if (value != row.schemeProperty().get()) {
            vm.setScheme(row, value);
        }
    }

    @Override
    protected void show(LayerRow row, Scheme item) {
        if (LayersViewModel.storedQuantized(row.layer())) {
            // Already quantized weights: Slimfit quantizes float models only, so there is no choice to offer.
            showText("as stored (" + row.layer().weightType().name().toLowerCase(java.util.Locale.ROOT) + ")");
            return;
        }
        if (!row.layer().hasWeights() || LayersViewModel.choicesFor(row.layer()).size() < 2) {
            showText(row.layer().hasWeights() ? item.id() : "\u2014");
            return;
        }
        quietly(() -> combo.getItems().setAll(LayersViewModel.choicesFor(row.layer())));
        showCombo(item);
    }
}
