package dev.slimfit.ui.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Places edge labels beside a vertical run of their edge, where they cover no node, no edge
 * segment and no other label. Tries the longest runs first and several heights along each; an edge whose
 * label fits nowhere gets none (NaN anchor) rather than one drawn over something. A tensor that
 * fans out to several consumers is labelled once: later edges from the same source with the
 * same text are skipped.
 */
final class EdgeLabels {

    /** Estimated advance per character of the 9 px edge label font. */
    static final double CHAR_WIDTH = 5.2;
    static final double GAP = 4;
    private static final double HALF_HEIGHT = 6;
    private static final double MIN_RUN = 16;
    private static final double[] POSITIONS = {0.5, 0.3, 0.7, 0.15, 0.85};

    final double[] x;
    final double[] y;
    private static final double CELL = 128;
    private final SpatialGrid.IntBuffer hits = new SpatialGrid.IntBuffer();
    /** Placed label boxes, bucketed by grid cell: {x0, y0, x1, y1}. */
    private final Map<Long, List<double[]>> placed = new HashMap<>();

    private SpatialGrid segments;

    private EdgeLabels(int edges) {
        x = new double[edges];
        y = new double[edges];
    }

    /** Indexes every edge segment as a (degenerate) rectangle. */
    private void indexSegments(GraphGeometry g) {
        int count = Math.max(0, g.edgePts.length / 2 - g.edgeCount());
        double[] x0 = new double[count];
        double[] y0 = new double[count];
        double[] x1 = new double[count];
        double[] y1 = new double[count];
        int k = 0;
        for (int e = 0; e < g.edgeCount(); e++) {
            for (int p = g.edgeStart[e]; p + 3 < g.edgeStart[e + 1]; p += 2, k++) {
                x0[k] = Math.min(g.edgePts[p], g.edgePts[p + 2]);
                x1[k] = Math.max(g.edgePts[p], g.edgePts[p + 2]);
                y0[k] = Math.min(g.edgePts[p + 1], g.edgePts[p + 3]);
                y1[k] = Math.max(g.edgePts[p + 1], g.edgePts[p + 3]);
            }
        }
        segments = new SpatialGrid(java.util.Arrays.copyOf(x0, k), java.util.Arrays.copyOf(y0, k),
                java.util.Arrays.copyOf(x1, k), java.util.Arrays.copyOf(y1, k));
    }

    /** Anchors (left end, vertical centre) for every edge's label; NaN where none fits. */
    static EdgeLabels place(GraphSpec spec, GraphGeometry g, String[] labels, SpatialGrid nodes) {
        EdgeLabels result = new EdgeLabels(g.edgeCount());
        Map<Integer, String> labelledSources = new HashMap<>();
        result.indexSegments(g);
        for (int e = 0; e < g.edgeCount(); e++) {
            result.x[e] = Double.NaN;
            result.y[e] = Double.NaN;
            if (labels[e].isEmpty() || labels[e].equals(labelledSources.get(spec.edgeSource(e)))) {
                continue;
            }
            result.placeOne(g, e, labels[e].length() * CHAR_WIDTH, nodes);
            if (!Double.isNaN(result.x[e])) {
                labelledSources.put(spec.edgeSource(e), labels[e]);
            }
        }
        return result;
    }

    private void placeOne(GraphGeometry g, int e, double width, SpatialGrid nodes) {
        int from = g.edgeStart[e];
        int to = g.edgeStart[e + 1];
        double taken = -1;
        // Longest remaining run first: repeatedly pick the longest run not yet tried.
        while (true) {
            double best = -1;
            int bestP = -1;
            for (int p = from; p + 3 < to; p += 2) {
                double len = Math.abs(g.edgePts[p + 3] - g.edgePts[p + 1]);
                boolean vertical = g.edgePts[p] == g.edgePts[p + 2];
                if (vertical && len >= MIN_RUN && len > best && (taken < 0 || len < taken)) {
                    best = len;
                    bestP = p;
                }
            }
            if (bestP < 0) {
                return;
            }
            taken = best;
            double px = g.edgePts[bestP];
            double top = Math.min(g.edgePts[bestP + 1], g.edgePts[bestP + 3]);
            for (double t : POSITIONS) {
                double py = top + best * t;
                if (free(px + GAP, py, width, nodes)) {
                    x[e] = px + GAP;
                    y[e] = py;
                    occupy(px + GAP, py - HALF_HEIGHT, px + GAP + width, py + HALF_HEIGHT);
                    return;
                }
            }
        }
    }

    private boolean free(double left, double cy, double width, SpatialGrid nodes) {
        double x0 = left;
        double y0 = cy - HALF_HEIGHT;
        double x1 = left + width;
        double y1 = cy + HALF_HEIGHT;
        nodes.query(x0, y0, x1, y1, hits);
        if (hits.size() > 0) {
            return false;
        }
        segments.query(x0, y0, x1, y1, hits);
        if (hits.size() > 0) {
            return false;
        }
        for (long cx = cell(x0); cx <= cell(x1); cx++) {
            for (long cyc = cell(y0); cyc <= cell(y1); cyc++) {
                for (double[] r : placed.getOrDefault(key(cx, cyc), List.of())) {
                    if (r[0] < x1 && x0 < r[2] && r[1] < y1 && y0 < r[3]) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private void occupy(double x0, double y0, double x1, double y1) {
        double[] box = {x0, y0, x1, y1};
        for (long cx = cell(x0); cx <= cell(x1); cx++) {
            for (long cyc = cell(y0); cyc <= cell(y1); cyc++) {
                placed.computeIfAbsent(key(cx, cyc), k -> new ArrayList<>()).add(box);
            }
        }
    }

    private static long cell(double v) {
        return (long) Math.floor(v / CELL);
    }

    private static long key(long cx, long cy) {
        return (cx << 32) ^ (cy & 0xffffffffL);
    }
}
