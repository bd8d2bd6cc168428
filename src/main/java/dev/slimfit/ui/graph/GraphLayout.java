package dev.slimfit.ui.graph;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.math.ElkPadding;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;

/**
 * Lays out a {@link GraphSpec} top to bottom with ELK Layered and orthogonal edge routing, in
 * plain Java (no toolkit), so it can run on any background thread.
 *
 * <p>Settings follow measurements on this project's machine (see STACK-FACTS.md): thoroughness 1
 * keeps 5,000 nodes / 6,000 edges under a second; the slow node placers and layerers
 * (network simplex, linear segments, longest path) are not used. Brandes–Köpf placement stays:
 * SIMPLE placement halves the CPU again but triples the edge bends (3,764 → 11,076 on the
 * 5,000-op graph), which makes the picture hard to follow.
 */
public final class GraphLayout {

    /** Height of the header band that carries the label. */
    static final double HEADER_HEIGHT = 22;
    /** Height of the band below the header that carries the sublabel. */
    static final double BODY_HEIGHT = 18;
    /** Estimated advance per character of the 11 px bold label font. */
    static final double LABEL_CHAR_WIDTH = 7.0;
    /** Estimated advance per character of the 10 px sublabel font. */
    static final double SUBLABEL_CHAR_WIDTH = 6.0;
    static final double MIN_WIDTH = 72;
    static final double PADDING_X = 10;

    /** Stack for the layout thread: ELK recursion depth grows with the longest path. */
    private static final long LAYOUT_STACK_BYTES = 512L * 1024 * 1024;
    private static final Object REGISTRATION_LOCK = new Object();
    private static boolean registered;
    /** CPU time of the last layout's own thread, for the options harness (excludes GC and JIT). */
    static volatile long lastLayoutCpuNanos;

    private GraphLayout() { }

    /**
     * Lays out {@code spec}, blocking the caller. ELK's connected-components pass recurses once
     * per node along a path, which overflows an ordinary thread stack on deep models (measured:
     * a 5,000-op chain-like CNN). The work therefore runs on a helper thread with a large stack.
     */
    public static GraphGeometry layout(GraphSpec spec) {
        return layout(spec, root -> { });
    }

    /** As {@link #layout(GraphSpec)}, with {@code tweak} applied after the defaults (for measuring options). */
    static GraphGeometry layout(GraphSpec spec, java.util.function.Consumer<ElkNode> tweak) {
        GraphGeometry[] result = new GraphGeometry[1];
        Throwable[] failure = new Throwable[1];
        Thread worker = new Thread(null, () -> {
            try {
                long cpu = threadCpuNanos();
                result[0] = layoutHere(spec, tweak);
                lastLayoutCpuNanos = threadCpuNanos() - cpu;
            } catch (RuntimeException | Error e) {
                failure[0] = e;
            }
        }, "elk-layout", LAYOUT_STACK_BYTES);
        worker.setDaemon(true);
        worker.start();
        try {
            worker.join();
        } catch (InterruptedException e) {
            worker.interrupt();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while laying out the graph", e);
        }
        if (failure[0] instanceof RuntimeException re) {
            throw re;
        }
        if (failure[0] instanceof Error err) {
            throw err;
        }
        return result[0];
    }

    /** This thread's CPU time, 0 where the JVM cannot measure it (the harness number only). */
    private static long threadCpuNanos() {
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : 0;
    }

    /** Vertical gap between the ops of a collapsed chain: ELK's gap between layers. */
    private static final double CHAIN_GAP = 40;

    /**
     * Lays out {@code spec} on this thread. Chains (an op whose only consumer has it as its only
     * producer, one after another) go to ELK as one tall node: they would be stacked straight
     * down anyway, and ELK's cost grows with nodes and layers (a model's chains are 60 % of its
     * ops: the 5,000-op scale graph becomes 1,900 ELK nodes). The chain's ops are then placed
     * inside that node, centred, joined by straight vertical edges; edges into a chain end on its
     * first op and edges out of it start on its last.
     */
    private static GraphGeometry layoutHere(GraphSpec spec, java.util.function.Consumer<ElkNode> tweak) {
        ensureRegistered();
        int n = spec.nodeCount();
        int m = spec.edgeCount();
        int[] outDegree = new int[n];
        int[] inDegree = new int[n];
        for (int e = 0; e < m; e++) {
            outDegree[spec.edgeSource(e)]++;
            inDegree[spec.edgeTarget(e)]++;
        }
        int[] next = new int[n];
        java.util.Arrays.fill(next, -1);
        boolean[] linked = new boolean[m];
        boolean[] hasPrevious = new boolean[n];
        for (int e = 0; e < m; e++) {
            int u = spec.edgeSource(e);
            int v = spec.edgeTarget(e);
            if (u != v && outDegree[u] == 1 && inDegree[v] == 1) {
                next[u] = v;
                linked[e] = true;
                hasPrevious[v] = true;
            }
        }
        double[] w = new double[n];
        double[] h = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = widthOf(spec.nodes().get(i));
            h[i] = heightOf(spec.nodes().get(i));
        }
        ElkNode root = ElkGraphUtil.createGraph();
        configure(root);
        tweak.accept(root);
        int[] chainOf = new int[n];
        java.util.Arrays.fill(chainOf, -1);
        java.util.List<int[]> chains = new java.util.ArrayList<>();
        java.util.List<ElkNode> chainNodes = new java.util.ArrayList<>();
        for (int start = 0; start < n; start++) {
            if (hasPrevious[start]) {
                continue;
            }
            collect(start, next, chainOf, chains, chainNodes, w, h, root);
        }
        for (int i = 0; i < n; i++) {
            if (chainOf[i] < 0) {
                collect(i, next, chainOf, chains, chainNodes, w, h, root); // a cycle of links: cut it here
            }
        }
        int[] position = new int[n];
        for (int[] chain : chains) {
            for (int k = 0; k < chain.length; k++) {
                position[chain[k]] = k;
            }
        }
        ElkEdge[] elkEdges = new ElkEdge[m];
        for (int e = 0; e < m; e++) {
            int u = spec.edgeSource(e);
            int v = spec.edgeTarget(e);
            // a link inside a chain, from one op to the next, is drawn by us; a link that closes
            // a cycle (cut where the chain was started) goes to ELK like any other edge
            linked[e] = linked[e] && chainOf[u] == chainOf[v] && position[v] == position[u] + 1;
            if (!linked[e]) {
                elkEdges[e] = ElkGraphUtil.createSimpleEdge(chainNodes.get(chainOf[u]), chainNodes.get(chainOf[v]));
            }
        }
        new RecursiveGraphLayoutEngine().layout(root, new BasicProgressMonitor());
        double[] x = new double[n];
        double[] y = new double[n];
        for (int c = 0; c < chains.size(); c++) {
            ElkNode box = chainNodes.get(c);
            double top = box.getY();
            for (int i : chains.get(c)) {
                x[i] = box.getX() + (box.getWidth() - w[i]) / 2;
                y[i] = top;
                top += h[i] + CHAIN_GAP;
            }
        }
        return toGeometry(spec, x, y, w, h, elkEdges, linked);
    }

    /** Follows the links from {@code start} into one chain and gives ELK its tall node. */
    private static void collect(int start, int[] next, int[] chainOf, java.util.List<int[]> chains,
                                java.util.List<ElkNode> chainNodes, double[] w, double[] h, ElkNode root) {
        java.util.List<Integer> members = new java.util.ArrayList<>();
        double width = 0;
        double height = -CHAIN_GAP;
        for (int v = start; v >= 0 && chainOf[v] < 0; v = next[v]) {
            chainOf[v] = chains.size();
            members.add(v);
            width = Math.max(width, w[v]);
            height += h[v] + CHAIN_GAP;
        }
        chains.add(members.stream().mapToInt(Integer::intValue).toArray());
        ElkNode box = ElkGraphUtil.createNode(root);
        box.setDimensions(width, height);
        chainNodes.add(box);
    }

    /**
     * Lays out a generated {@code nodes}-node graph once on a low-priority daemon thread, so that
     * ELK's classes are loaded and initialised and the JIT has compiled its hot paths before the
     * user's model is laid out. Measured in fresh JVMs (the 5,000-op scale graph, chains
     * collapsed): cold, its layout takes 2.1 s; after a 100-node warm-up (1.1 s, almost all of it
     * class loading and first-run code, a cost that does not grow with the graph) 1.1 s; after a
     * 300-node one 0.9 s; warm 0.3–0.5 s. The app starts it before the toolkit, so it runs while
     * the window comes up: a small one when a model was given on the command line (its layout
     * starts soon), a larger one otherwise (the user first looks at the bundled sample).
     */
    public static void warmUpInBackground(int nodes) {
        Thread t = new Thread(null, () -> {
            try {
                layoutHere(SyntheticGraphs.cnn(nodes, 2), root -> { });
            } catch (RuntimeException e) {
                java.util.logging.Logger.getLogger(GraphLayout.class.getName())
                        .fine("layout warm-up failed: " + e);
            }
        }, "slimfit-layout-warmup", LAYOUT_STACK_BYTES);
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    /** Lays out {@code spec} on {@code executor}, for callers that must not block (the FX thread). */
    public static CompletableFuture<GraphGeometry> layoutAsync(GraphSpec spec, Executor executor) {
        return CompletableFuture.supplyAsync(() -> layout(spec), executor);
    }

    /** Width used for a node: its hint, or an estimate from its texts. */
    public static double widthOf(GraphSpec.Node node) {
        if (node.width() > 0) {
            return node.width();
        }
        double text = Math.max(node.label().length() * LABEL_CHAR_WIDTH,
                node.sublabel().length() * SUBLABEL_CHAR_WIDTH);
        return Math.max(MIN_WIDTH, Math.ceil(text + 2 * PADDING_X));
    }

    /** Height used for a node: its hint, or header plus a sublabel band when it has one. */
    public static double heightOf(GraphSpec.Node node) {
        if (node.height() > 0) {
            return node.height();
        }
        return node.sublabel().isEmpty() ? HEADER_HEIGHT : HEADER_HEIGHT + BODY_HEIGHT;
    }

    private static void ensureRegistered() {
        synchronized (REGISTRATION_LOCK) {
            if (!registered) {
                // Not found through ServiceLoader in a shaded jar: register explicitly.
                LayoutMetaDataService.getInstance()
                        .registerLayoutMetaDataProviders(new LayeredMetaDataProvider());
                registered = true;
            }
        }
    }

    private static void configure(ElkNode root) {
        root.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
        root.setProperty(CoreOptions.DIRECTION, Direction.DOWN);
        root.setProperty(CoreOptions.EDGE_ROUTING, EdgeRouting.ORTHOGONAL);
        root.setProperty(LayeredOptions.THOROUGHNESS, 1);
        // Models are connected graphs: the component pass found nothing to separate and cost
        // about a third of the layout thread's CPU (LayoutOptionsHarness, docs/graph-view-perf.md).
        root.setProperty(CoreOptions.SEPARATE_CONNECTED_COMPONENTS, false);
        root.setProperty(CoreOptions.PADDING, new ElkPadding(20));
        root.setProperty(LayeredOptions.SPACING_NODE_NODE, 24.0);
        root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 40.0);
        root.setProperty(LayeredOptions.SPACING_EDGE_NODE_BETWEEN_LAYERS, 14.0);
        root.setProperty(LayeredOptions.SPACING_EDGE_EDGE_BETWEEN_LAYERS, 8.0);
        root.setProperty(LayeredOptions.SPACING_EDGE_EDGE, 8.0);
        root.setProperty(LayeredOptions.SPACING_COMPONENT_COMPONENT, 60.0);
    }

    private static GraphGeometry toGeometry(GraphSpec spec, double[] x, double[] y, double[] w, double[] h,
                                            ElkEdge[] elkEdges, boolean[] linked) {
        int m = elkEdges.length;
        int[] start = new int[m + 1];
        int total = 0;
        for (int e = 0; e < m; e++) {
            start[e] = total;
            if (linked[e]) {
                total += 4;
            } else {
                for (ElkEdgeSection s : elkEdges[e].getSections()) {
                    total += 4 + 2 * s.getBendPoints().size();
                }
            }
        }
        start[m] = total;
        double[] pts = new double[total];
        for (int e = 0; e < m; e++) {
            int u = spec.edgeSource(e);
            int v = spec.edgeTarget(e);
            int p = start[e];
            if (linked[e]) {
                // inside a chain: straight down from the centre of one op to the next
                double cx = x[u] + w[u] / 2;
                pts[p] = cx;
                pts[p + 1] = y[u] + h[u];
                pts[p + 2] = cx;
                pts[p + 3] = y[v];
                continue;
            }
            // Every edge is contained in the root, so section coordinates are already global.
            for (ElkEdgeSection s : elkEdges[e].getSections()) {
                pts[p++] = s.getStartX();
                pts[p++] = s.getStartY();
                for (var bend : s.getBendPoints()) {
                    pts[p++] = bend.getX();
                    pts[p++] = bend.getY();
                }
                pts[p++] = s.getEndX();
                pts[p++] = s.getEndY();
            }
            // ELK ended the edge on its chain's box: move the ends onto the first and last ops
            // (the box is as wide as its widest op), keeping the end segments vertical.
            attach(pts, start[e], p, x[u], y[u] + h[u], w[u], true);
            attach(pts, start[e], p, x[v], y[v], w[v], false);
        }
        return new GraphGeometry(x, y, w, h, pts, start);
    }

    /**
     * Puts one end of the polyline pts[from..to) on a node's bottom (the start) or top (the end)
     * border {@code edgeY}, its x clamped into [nodeX, nodeX + nodeW]; the points of the end run
     * that shared the old x move with it, so segments stay orthogonal.
     */
    private static void attach(double[] pts, int from, int to, double nodeX, double edgeY, double nodeW,
                               boolean atStart) {
        int endIndex = atStart ? from : to - 2;
        double oldX = pts[endIndex];
        double newX = Math.min(Math.max(oldX, nodeX + 1), nodeX + nodeW - 1);
        double oldY = pts[endIndex + 1];
        // (never the other end's point: a straight edge between two narrow ops would otherwise
        // pull its start off its op; it gets a slanted first segment instead)
        if (atStart) {
            for (int k = from; k < to - 2 && pts[k] == oldX || k == from; k += 2) {
                pts[k] = newX;
            }
        } else {
            for (int k = to - 2; k > from && pts[k] == oldX || k == to - 2; k -= 2) {
                pts[k] = newX;
            }
        }
        // the box's border may be further out than the op's (its last op is higher up)
        if (oldY != edgeY) {
            for (int k = atStart ? from : to - 2; atStart ? k < to : k >= from; k += atStart ? 2 : -2) {
                if (pts[k + 1] != oldY || pts[k] != newX) {
                    break;
                }
                pts[k + 1] = edgeY;
            }
        }
    }
}
