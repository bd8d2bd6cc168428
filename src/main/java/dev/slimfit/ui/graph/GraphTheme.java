package dev.slimfit.ui.graph;

import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;

/**
 * Colours and fonts of the graph view. Fonts are sized in world units: the canvas scales them
 * with the zoom.
 *
 * @param background     canvas background
 * @param nodeBody       fill of the lower (sublabel) band of a node
 * @param nodeBorder     node outline
 * @param edge           edges and arrow heads
 * @param edgeHighlight  edges touching a selected node
 * @param edgeLabel      tensor labels drawn along edges
 * @param sublabel       sublabel text
 * @param selection      selection outline and rubber band
 * @param searchHit      halo behind search results
 * @param unsupported    border and badge of unsupported nodes
 * @param labelFont      node label font
 * @param sublabelFont   node sublabel font
 * @param edgeLabelFont  edge label font
 */
public record GraphTheme(Color background, Color nodeBody, Color nodeBorder, Color edge,
                         Color edgeHighlight, Color edgeLabel, Color sublabel, Color selection,
                         Color searchHit, Color unsupported, Font labelFont, Font sublabelFont,
                         Font edgeLabelFont) {

    /** A calm light theme in the spirit of Netron. */
    public static GraphTheme light() {
        return new GraphTheme(
                Color.web("#f6f7f9"), Color.web("#ffffff"), Color.web("#b9c0cb"),
                Color.web("#7d8694"), Color.web("#1e6fd9"), Color.web("#5d6675"),
                Color.web("#4a5160"), Color.web("#1e6fd9"), Color.web("#ffb300"),
                Color.web("#d32f2f"),
                Font.font("System", FontWeight.BOLD, 11),
                Font.font("System", FontWeight.NORMAL, 10),
                Font.font("System", FontWeight.NORMAL, 9));
    }
}
