package dev.slimfit.ui.graph;

import java.util.Arrays;

/**
 * Result of a layout, toolkit-free: one rectangle per node, one orthogonal polyline per edge
 * (with an anchor for its label) and the overall bounds, all in world units with y pointing down.
 * Nodes and edges are addressed by their index in the {@link GraphSpec} the layout was made from.
 *
 * <p>Immutable once built. The package reads the backing arrays directly so drawing does not
 * allocate; public accessors return scalars or copies.
 */
public final class GraphGeometry {

    final double[] nodeX;
    final double[] nodeY;
    final double[] nodeW;
    final double[] nodeH;
    /** Edge e's points are {@code edgePts[edgeStart[e] .. edgeStart[e+1])} as x,y pairs. */
    final double[] edgePts;
    final int[] edgeStart;
    final double minX;
    final double minY;
    final double maxX;
    final double maxY;

    GraphGeometry(double[] nodeX, double[] nodeY, double[] nodeW, double[] nodeH,
                  double[] edgePts, int[] edgeStart) {
        this.nodeX = nodeX;
        this.nodeY = nodeY;
        this.nodeW = nodeW;
        this.nodeH = nodeH;
        this.edgePts = edgePts;
        this.edgeStart = edgeStart;
        double x0 = Double.POSITIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY;
        double x1 = Double.NEGATIVE_INFINITY;
        double y1 = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < nodeX.length; i++) {
            x0 = Math.min(x0, nodeX[i]);
            y0 = Math.min(y0, nodeY[i]);
            x1 = Math.max(x1, nodeX[i] + nodeW[i]);
            y1 = Math.max(y1, nodeY[i] + nodeH[i]);
        }
        for (int p = 0; p + 1 < edgePts.length; p += 2) {
            x0 = Math.min(x0, edgePts[p]);
            y0 = Math.min(y0, edgePts[p + 1]);
            x1 = Math.max(x1, edgePts[p]);
            y1 = Math.max(y1, edgePts[p + 1]);
        }
        boolean empty = x0 > x1;
        this.minX = empty ? 0 : x0;
        this.minY = empty ? 0 : y0;
        this.maxX = empty ? 0 : x1;
        this.maxY = empty ? 0 : y1;
    }

    /** Number of nodes. */
    public int nodeCount() {
        return nodeX.length;
    }

    /** Number of edges. */
    public int edgeCount() {
        return edgeStart.length - 1;
    }

    /** Left edge of node {@code i}. */
    public double nodeX(int i) {
        return nodeX[i];
    }

    /** Top edge of node {@code i}. */
    public double nodeY(int i) {
        return nodeY[i];
    }

    /** Width of node {@code i}. */
    public double nodeWidth(int i) {
        return nodeW[i];
    }

    /** Height of node {@code i}. */
    public double nodeHeight(int i) {
        return nodeH[i];
    }

    /** Points of edge {@code e} as {@code x0, y0, x1, y1, ...}, from source to target (a copy). */
    public double[] edgePoints(int e) {
        return Arrays.copyOfRange(edgePts, edgeStart[e], edgeStart[e + 1]);
    }

    /** Smallest x over all nodes and edge points. */
    public double minX() {
        return minX;
    }

    /** Smallest y over all nodes and edge points. */
    public double minY() {
        return minY;
    }

    /** Largest x over all nodes and edge points. */
    public double maxX() {
        return maxX;
    }

    /** Largest y over all nodes and edge points. */
    public double maxY() {
        return maxY;
    }

    /** Overall width, {@code maxX - minX}. */
    public double width() {
        return maxX - minX;
    }

    /** Overall height, {@code maxY - minY}. */
    public double height() {
        return maxY - minY;
    }
}
