package dev.slimfit.ui;

import dev.slimfit.model.Model;
import dev.slimfit.optimize.Layer;
import dev.slimfit.optimize.SizeEstimator;
import dev.slimfit.runtime.UnsupportedModelException;
import dev.slimfit.ui.graph.GraphGeometry;
import dev.slimfit.ui.graph.GraphSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Everything derived from one opened file, computed once off the UI thread: the model, its
 * layers, the ops without kernels, the graph and its layout, and the original size.
 *
 * @param file        where it was read from
 * @param model       the model as read
 * @param layers      {@code LayerCatalog.of(model)}
 * @param unsupported problems from {@code Interpreter.unsupportedNodes} (main subgraph and others)
 * @param unsupportedOps indices of main-subgraph ops that have no kernel
 * @param graph       the graph to draw
 * @param geometry    its layout
 * @param original    size estimate of the unchanged model
 * @param openMillis  wall time from the start of reading to the end of layout
 */
public record ModelDocument(Path file, Model model, List<Layer> layers,
                            List<UnsupportedModelException.Problem> unsupported, Set<Integer> unsupportedOps,
                            GraphSpec graph, GraphGeometry geometry, SizeEstimator.Estimate original,
                            long openMillis) {
    /** The file name without directories. */
    public String name() {
        return file.getFileName().toString();
    }

    /** The layer at operator index {@code op}. */
    public Layer layerAt(int op) {
        return layers.get(op);
    }
}
