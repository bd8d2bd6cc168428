package dev.slimfit.ui.graph;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javafx.scene.paint.Color;

/**
 * What the renderer reads, flattened into arrays once per graph or colouring: texts by index,
 * spatial indexes, a small palette with a colour index per node, and selection/search bits.
 */
final class RenderModel {

    private GraphSpec spec;
    private GraphGeometry geometry;
    private SpatialGrid nodeGrid;
    private SpatialGrid edgeGrid;
    private String[] labels = new String[0];
    private String[] sublabels = new String[0];
    private String[] edgeLabels = new String[0];
    private EdgeLabels labelAnchors;
    private final BitSet unsupported = new BitSet();
    private final BitSet selected = new BitSet();
    private final BitSet searchHits = new BitSet();
    private Color[] palette = new Color[0];
    private int[] colorIndex = new int[0];
    private boolean[] lightText = new boolean[0];

    void setGraph(GraphSpec newSpec, GraphGeometry newGeometry) {
        if (newSpec.nodeCount() != newGeometry.nodeCount()
                || newSpec.edgeCount() != newGeometry.edgeCount()) {
            throw new IllegalArgumentException("geometry was not made from this spec");
        }
        this.spec = newSpec;
        this.geometry = newGeometry;
        int n = newSpec.nodeCount();
        int m = newSpec.edgeCount();
        labels = new String[n];
        sublabels = new String[n];
        unsupported.clear();
        selected.clear();
        searchHits.clear();
        double[] x0 = new double[n];
        double[] y0 = new double[n];
        double[] x1 = new double[n];
        double[] y1 = new double[n];
        for (int i = 0; i < n; i++) {
            GraphSpec.Node node = newSpec.nodes().get(i);
            labels[i] = node.label();
            sublabels[i] = node.sublabel();
            unsupported.set(i, node.unsupported());
            x0[i] = newGeometry.nodeX[i];
            y0[i] = newGeometry.nodeY[i];
            x1[i] = x0[i] + newGeometry.nodeW[i];
            y1[i] = y0[i] + newGeometry.nodeH[i];
        }
        nodeGrid = new SpatialGrid(x0, y0, x1, y1);
        edgeLabels = new String[m];
        for (int e = 0; e < m; e++) {
            edgeLabels[e] = newSpec.edges().get(e).label();
        }
        labelAnchors = EdgeLabels.place(newSpec, newGeometry, edgeLabels, nodeGrid);
        double[] ex0 = new double[m];
        double[] ey0 = new double[m];
        double[] ex1 = new double[m];
        double[] ey1 = new double[m];
        for (int e = 0; e < m; e++) {
            ex0[e] = ey0[e] = Double.POSITIVE_INFINITY;
            ex1[e] = ey1[e] = Double.NEGATIVE_INFINITY;
            for (int p = newGeometry.edgeStart[e]; p < newGeometry.edgeStart[e + 1]; p += 2) {
                ex0[e] = Math.min(ex0[e], newGeometry.edgePts[p]);
                ex1[e] = Math.max(ex1[e], newGeometry.edgePts[p]);
                ey0[e] = Math.min(ey0[e], newGeometry.edgePts[p + 1]);
                ey1[e] = Math.max(ey1[e], newGeometry.edgePts[p + 1]);
            }
            if (!Double.isNaN(labelAnchors.x[e])) {
                // The label hangs right of its anchor; keep it inside the culling box.
                ex1[e] = Math.max(ex1[e],
                        labelAnchors.x[e] + EdgeLabels.CHAR_WIDTH * edgeLabels[e].length());
            }
        }
        edgeGrid = new SpatialGrid(ex0, ey0, ex1, ey1);
    }

    /** Asks the colourer once per node and interns the colours into a small palette. */
    void recolor(NodeColorer colorer) {
        if (spec == null) {
            return;
        }
        int n = spec.nodeCount();
        Map<Color, Integer> indexOf = new HashMap<>();
        List<Color> colors = new ArrayList<>();
        colorIndex = new int[n];
        lightText = new boolean[n];
        for (int i = 0; i < n; i++) {
            Color c = colorer.colorOf(spec.nodes().get(i).id());
            Integer index = indexOf.get(c);
            if (index == null) {
                index = colors.size();
                indexOf.put(c, index);
                colors.add(c);
            }
            colorIndex[i] = index;
            double luminance = 0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue();
            lightText[i] = luminance < 0.6;
        }
        palette = colors.toArray(new Color[0]);
    }

    /** Ids of nodes entirely inside the world rectangle; {@code scratch} is overwritten. */
    List<Integer> idsInside(double x0, double y0, double x1, double y1,
                            SpatialGrid.IntBuffer scratch) {
        List<Integer> ids = new ArrayList<>();
        if (geometry == null) {
            return ids;
        }
        GraphGeometry g = geometry;
        nodeGrid.query(x0, y0, x1, y1, scratch);
        for (int k = 0; k < scratch.size(); k++) {
            int i = scratch.get(k);
            if (g.nodeX[i] >= x0 && g.nodeY[i] >= y0
                    && g.nodeX[i] + g.nodeW[i] <= x1 && g.nodeY[i] + g.nodeH[i] <= y1) {
                ids.add(spec.nodes().get(i).id());
            }
        }
        return ids;
    }

    boolean touchesSelection(int edge) {
        return selected.get(spec.edgeSource(edge)) || selected.get(spec.edgeTarget(edge));
    }

    GraphSpec spec() {
        return spec;
    }

    GraphGeometry geometry() {
        return geometry;
    }

    SpatialGrid nodeGrid() {
        return nodeGrid;
    }

    SpatialGrid edgeGrid() {
        return edgeGrid;
    }

    String label(int i) {
        return labels[i];
    }

    String sublabel(int i) {
        return sublabels[i];
    }

    String edgeLabel(int e) {
        return edgeLabels[e];
    }

    /** Left end of edge e's label, NaN when it has none or it fits nowhere. */
    double labelX(int e) {
        return labelAnchors.x[e];
    }

    /** Vertical centre of edge e's label. */
    double labelY(int e) {
        return labelAnchors.y[e];
    }

    BitSet unsupported() {
        return unsupported;
    }

    BitSet selected() {
        return selected;
    }

    BitSet searchHits() {
        return searchHits;
    }

    Color[] palette() {
        return palette;
    }

    int[] colorIndex() {
        return colorIndex;
    }

    boolean[] lightText() {
        return lightText;
    }
}
