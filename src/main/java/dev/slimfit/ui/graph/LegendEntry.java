package dev.slimfit.ui.graph;

import java.util.Objects;

import javafx.scene.paint.Color;

/**
 * One line of the legend overlay: a colour swatch and what it means.
 *
 * @param color swatch colour, as the {@link NodeColorer} uses it
 * @param label meaning, e.g. "Convolution" or "int8 per-channel"
 */
public record LegendEntry(Color color, String label) {
    /** Rejects nulls. */
    public LegendEntry {
        Objects.requireNonNull(color, "color");
        Objects.requireNonNull(label, "label");
    }
}
