package dev.slimfit.ui.graph;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.eclipse.elk.alg.layered.options.CrossingMinimizationStrategy;
import org.eclipse.elk.alg.layered.options.CycleBreakingStrategy;
import org.eclipse.elk.alg.layered.options.GreedySwitchType;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.alg.layered.options.NodePlacementStrategy;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.graph.ElkNode;

/**
 * Measures ELK layered options one at a time on the 5,000-op synthetic graph, to choose
 * {@link GraphLayout}'s settings from numbers (run by hand; timings do not belong in tests).
 * Prints, per variant, the median of three warm runs (round robin): wall time and the layout
 * thread's CPU time, and the layout's bounds and bend count (proxies for compactness and
 * readability).
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat cp.txt) dev.slimfit.ui.graph.LayoutOptionsHarness [nodes]
 * </pre>
 */
public final class LayoutOptionsHarness {

    private LayoutOptionsHarness() { }

    /** Entry point; prints one line per variant. */
    public static void main(String[] args) {
        int target = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        GraphSpec spec = SyntheticGraphs.cnn(target, 1);
        Map<String, Consumer<ElkNode>> variants = new LinkedHashMap<>();
        variants.put("current", r -> { });
        variants.put("placement SIMPLE", r -> r.setProperty(LayeredOptions.NODE_PLACEMENT_STRATEGY,
                NodePlacementStrategy.SIMPLE));
        variants.put("no component separation", r -> r.setProperty(CoreOptions.SEPARATE_CONNECTED_COMPONENTS, false));
        variants.put("greedy switch OFF", r -> r.setProperty(
                LayeredOptions.CROSSING_MINIMIZATION_GREEDY_SWITCH_TYPE, GreedySwitchType.OFF));
        variants.put("crossing min NONE", r -> r.setProperty(LayeredOptions.CROSSING_MINIMIZATION_STRATEGY,
                CrossingMinimizationStrategy.NONE));
        variants.put("cycle breaking DEPTH_FIRST", r -> r.setProperty(LayeredOptions.CYCLE_BREAKING_STRATEGY,
                CycleBreakingStrategy.DEPTH_FIRST));
        variants.put("thoroughness 7 (ELK default)", r -> r.setProperty(LayeredOptions.THOROUGHNESS, 7));
        variants.put("SIMPLE + no separation", r -> {
            r.setProperty(LayeredOptions.NODE_PLACEMENT_STRATEGY, NodePlacementStrategy.SIMPLE);
            r.setProperty(CoreOptions.SEPARATE_CONNECTED_COMPONENTS, false);
        });
        variants.put("SIMPLE + no sep + DEPTH_FIRST", r -> {
            r.setProperty(LayeredOptions.NODE_PLACEMENT_STRATEGY, NodePlacementStrategy.SIMPLE);
            r.setProperty(CoreOptions.SEPARATE_CONNECTED_COMPONENTS, false);
            r.setProperty(LayeredOptions.CYCLE_BREAKING_STRATEGY, CycleBreakingStrategy.DEPTH_FIRST);
        });
        variants.put("BK + no sep + DEPTH_FIRST", r -> {
            r.setProperty(CoreOptions.SEPARATE_CONNECTED_COMPONENTS, false);
            r.setProperty(LayeredOptions.CYCLE_BREAKING_STRATEGY, CycleBreakingStrategy.DEPTH_FIRST);
        });
        for (int warm = 0; warm < 2; warm++) {
            GraphLayout.layout(spec);
        }
        // Round robin, so a change of machine load hits every variant alike.
        int rounds = 3;
        Map<String, double[][]> times = new LinkedHashMap<>();
        Map<String, GraphGeometry> shapes = new LinkedHashMap<>();
        for (int run = 0; run < rounds; run++) {
            for (Map.Entry<String, Consumer<ElkNode>> v : variants.entrySet()) {
                long s = System.nanoTime();
                GraphGeometry g = GraphLayout.layout(spec, v.getValue());
                double wall = (System.nanoTime() - s) / 1e6;
                double[][] t = times.computeIfAbsent(v.getKey(), k -> new double[2][rounds]);
                t[0][run] = wall;
                t[1][run] = GraphLayout.lastLayoutCpuNanos / 1e6;
                shapes.put(v.getKey(), g);
            }
        }
        for (String name : variants.keySet()) {
            double[][] t = times.get(name);
            java.util.Arrays.sort(t[0]);
            java.util.Arrays.sort(t[1]);
            GraphGeometry g = shapes.get(name);
            System.out.printf(Locale.ROOT, "%-30s wall median %5.0f ms, layout-thread CPU median %5.0f ms"
                    + " (min %5.0f)  bounds %.0f x %.0f  bends %d  load %.1f%n",
                    name, t[0][1], t[1][1], t[1][0], g.width(), g.height(), bends(g),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    /** Total bend points over all edges: fewer reads more easily. */
    private static int bends(GraphGeometry g) {
        int total = 0;
        for (int e = 0; e < g.edgeCount(); e++) {
            total += g.edgePoints(e).length / 2 - 2;
        }
        return total;
    }

}
