package dev.slimfit.ui.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GraphLayoutTest {

    private static final double EPS = 0.5;

    @Test
    void everyNodeGetsARectangleOfItsRequestedSize() {
        GraphSpec spec = SyntheticGraphs.cnn(400, 1);
        GraphGeometry g = GraphLayout.layout(spec);
        assertEquals(spec.nodeCount(), g.nodeCount());
        for (int i = 0; i < spec.nodeCount(); i++) {
            GraphSpec.Node node = spec.nodes().get(i);
            assertTrue(Double.isFinite(g.nodeX(i)) && Double.isFinite(g.nodeY(i)), "node " + i);
            assertEquals(GraphLayout.widthOf(node), g.nodeWidth(i), 1e-9);
            assertEquals(GraphLayout.heightOf(node), g.nodeHeight(i), 1e-9);
            assertTrue(g.nodeX(i) >= g.minX() && g.nodeX(i) + g.nodeWidth(i) <= g.maxX());
            assertTrue(g.nodeY(i) >= g.minY() && g.nodeY(i) + g.nodeHeight(i) <= g.maxY());
        }
    }

    @Test
    void nodeRectanglesDoNotOverlap() {
        GraphSpec spec = SyntheticGraphs.cnn(600, 2);
        assertNoOverlap(GraphLayout.layout(spec));
    }

    @Test
    void edgesStartAndEndOnTheBordersOfTheirNodes() {
        GraphSpec spec = SyntheticGraphs.cnn(400, 3);
        GraphGeometry g = GraphLayout.layout(spec);
        assertEquals(spec.edgeCount(), g.edgeCount());
        for (int e = 0; e < spec.edgeCount(); e++) {
            double[] p = g.edgePoints(e);
            assertTrue(p.length >= 4, "edge " + e + " has a start and an end");
            assertOnBorder(g, spec.edgeSource(e), p[0], p[1], "start of edge " + e);
            assertOnBorder(g, spec.edgeTarget(e), p[p.length - 2], p[p.length - 1], "end of edge " + e);
        }
    }

    @Test
    void edgesAreOrthogonalAndFlowDownwards() {
        GraphSpec spec = SyntheticGraphs.cnn(300, 4);
        GraphGeometry g = GraphLayout.layout(spec);
        for (int e = 0; e < g.edgeCount(); e++) {
            double[] p = g.edgePoints(e);
            for (int k = 0; k + 3 < p.length; k += 2) {
                assertTrue(Math.abs(p[k] - p[k + 2]) < 1e-6 || Math.abs(p[k + 1] - p[k + 3]) < 1e-6,
                        "segment " + k / 2 + " of edge " + e + " is axis-parallel");
            }
            int s = spec.edgeSource(e);
            int t = spec.edgeTarget(e);
            assertTrue(g.nodeY(s) + g.nodeHeight(s) <= g.nodeY(t) + EPS, "edge " + e + " points down");
        }
    }

    @Test
    void disconnectedComponentsAreAllPlacedWithoutOverlap() {
        GraphSpec.Builder b = GraphSpec.builder();
        int id = 0;
        for (int component = 0; component < 4; component++) {
            int first = id;
            for (int k = 0; k < 5 + component; k++, id++) {
                b.node(id, "Op" + id, "", "conv");
                if (id > first) {
                    b.edge(id - 1, id, "");
                }
            }
        }
        b.node(id, "Lonely", "v1", "io");
        GraphSpec spec = b.build();
        GraphGeometry g = GraphLayout.layout(spec);
        assertEquals(spec.nodeCount(), g.nodeCount());
        assertNoOverlap(g);
    }

    @Test
    void deepChainLaysOutEvenFromAThreadWithASmallStack() throws Exception {
        GraphSpec.Builder b = GraphSpec.builder();
        int n = 6000;
        for (int id = 0; id < n; id++) {
            b.node(id, "Op", "", "conv");
            if (id > 0) {
                b.edge(id - 1, id, "");
            }
        }
        GraphSpec spec = b.build();
        GraphGeometry[] out = new GraphGeometry[1];
        Throwable[] failure = new Throwable[1];
        Thread caller = new Thread(null, () -> {
            try {
                out[0] = GraphLayout.layout(spec);
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, "small-stack", 256 * 1024);
        caller.start();
        caller.join();
        assertEquals(null, failure[0], "layout failed");
        assertEquals(n, out[0].nodeCount());
        assertTrue(out[0].nodeY(n - 1) > out[0].nodeY(0), "chain runs downwards");
    }

    @Test
    void emptyGraphHasEmptyBounds() {
        GraphGeometry g = GraphLayout.layout(GraphSpec.builder().build());
        assertEquals(0, g.nodeCount());
        assertEquals(0, g.width());
    }

    private static void assertNoOverlap(GraphGeometry g) {
        for (int i = 0; i < g.nodeCount(); i++) {
            for (int j = i + 1; j < g.nodeCount(); j++) {
                boolean overlap = g.nodeX(i) < g.nodeX(j) + g.nodeWidth(j) - EPS
                        && g.nodeX(j) < g.nodeX(i) + g.nodeWidth(i) - EPS
                        && g.nodeY(i) < g.nodeY(j) + g.nodeHeight(j) - EPS
                        && g.nodeY(j) < g.nodeY(i) + g.nodeHeight(i) - EPS;
                assertFalse(overlap, "nodes " + i + " and " + j + " overlap");
            }
        }
    }

    private static void assertOnBorder(GraphGeometry g, int node, double x, double y, String what) {
        double x0 = g.nodeX(node);
        double y0 = g.nodeY(node);
        double x1 = x0 + g.nodeWidth(node);
        double y1 = y0 + g.nodeHeight(node);
        boolean withinOuter = x >= x0 - EPS && x <= x1 + EPS && y >= y0 - EPS && y <= y1 + EPS;
        boolean strictlyInside = x > x0 + EPS && x < x1 - EPS && y > y0 + EPS && y < y1 - EPS;
        assertTrue(withinOuter && !strictlyInside,
                what + " at (" + x + ", " + y + ") is not on the border of node " + node
                        + " [" + x0 + ", " + y0 + ", " + x1 + ", " + y1 + "]");
    }
}
