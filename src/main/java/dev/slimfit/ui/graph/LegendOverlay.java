package dev.slimfit.ui.graph;

import java.util.List;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;

/** Legend panel in a corner of the graph view: one swatch and label per caller-given entry. */
final class LegendOverlay extends VBox {

    LegendOverlay() {
        super(3);
        setPadding(new Insets(8, 10, 8, 10));
        setStyle("-fx-background-color: rgba(255,255,255,0.92); -fx-background-radius: 6;"
                + " -fx-border-color: #c9ced6; -fx-border-radius: 6;"
                + " -fx-effect: dropshadow(gaussian, rgba(0,0,0,0.15), 8, 0, 0, 2);");
        setManaged(false);
        // Cached as a bitmap so its shadow is not re-blurred whenever the canvas below changes.
        setCache(true);
        setMouseTransparent(true);
        setVisible(false);
    }

    void setEntries(List<LegendEntry> entries) {
        getChildren().clear();
        for (LegendEntry entry : entries) {
            Rectangle swatch = new Rectangle(12, 12, entry.color());
            swatch.setArcWidth(4);
            swatch.setArcHeight(4);
            Label text = new Label(entry.label());
            text.setStyle("-fx-font-size: 11px; -fx-text-fill: #2b303a;");
            HBox row = new HBox(7, swatch, text);
            row.setAlignment(Pos.CENTER_LEFT);
            getChildren().add(row);
        }
        setVisible(!entries.isEmpty());
        autosize();
    }
}
