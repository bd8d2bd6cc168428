package dev.slimfit.ui.graph;

import javafx.scene.paint.Color;

/**
 * Chooses the fill colour of a node from its id, so the same view can colour by op category, by
 * the technique chosen in a plan, or by per-layer error. Called once per node when the colourer
 * is set (not per frame); {@link GraphCanvas#refreshColors()} re-asks after the data behind it
 * changed.
 */
@FunctionalInterface
public interface NodeColorer {

    /** Colour of the node with this id; never null. */
    Color colorOf(int nodeId);
}
