package dev.slimfit.ui;

import dev.slimfit.model.Model;
import dev.slimfit.optimize.Clustering;
import dev.slimfit.optimize.Layer;
import dev.slimfit.optimize.LayerCatalog;
import dev.slimfit.optimize.Plan;
import dev.slimfit.optimize.Pruning;
import dev.slimfit.optimize.SizeEstimator;
import dev.slimfit.runtime.Interpreter;
import dev.slimfit.runtime.KernelRegistry;
import dev.slimfit.tflite.TfliteReader;
import dev.slimfit.ui.charts.IncrementalPlanner;
import dev.slimfit.ui.charts.PlannedModel;
import dev.slimfit.ui.graph.GraphLayout;
import dev.slimfit.ui.graph.GraphSpec;
import dev.slimfit.ui.graph.ModelGraphs;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;

/**
 * Measures the steps of opening a model and of re-planning it, warm (third run of five).
 * Run: {@code java -cp <test classpath> dev.slimfit.ui.OpenTimings model.tflite...}; prints one
 * line per step (this is a measuring tool, like the graph scale harness, not a test).
 */
public final class OpenTimings {
    private OpenTimings() {
    }

    /** Entry point. */
    public static void main(String[] args) throws Exception {
        for (String a : args) {
            for (int run = 0; run < 3; run++) {
                long t0 = System.nanoTime();
                Model m = TfliteReader.read(Path.of(a));
                long t1 = System.nanoTime();
                List<Layer> layers = LayerCatalog.of(m);
                var problems = Interpreter.unsupportedNodes(m, KernelRegistry.standard());
                long t2 = System.nanoTime();
                GraphSpec spec = ModelGraphs.of(m, new HashSet<>());
                GraphLayout.layout(spec);
                long t3 = System.nanoTime();
                SizeEstimator.Estimate e = SizeEstimator.estimate(m);
                long t4 = System.nanoTime();
                IncrementalPlanner planner = new IncrementalPlanner(m, layers, e);
                Layer conv = layers.stream().filter(l -> l.op().equals("CONV_2D") && l.hasWeights())
                        .max((x, y) -> Long.compare(x.params(), y.params())).orElseThrow();
                Plan p1 = Plan.keepAll().with(conv.id(), conv.id() == null ? null
                        : Plan.keepAll().choiceFor(conv.id()).withPruning(new Pruning(0.5, Pruning.Pattern.UNSTRUCTURED, false)));
                long t5 = System.nanoTime();
                PlannedModel r1 = planner.apply(p1);
                long t6 = System.nanoTime();
                Plan p2 = p1.with(conv.id(), p1.choiceFor(conv.id()).withClustering(
                        new Clustering(16, Clustering.Init.KMEANS_PLUS_PLUS, false)));
                planner.apply(p2);
                long t7 = System.nanoTime();
                planner.apply(p1);
                long t8 = System.nanoTime();
                PlannedModel exact = PlannedModel.compute(m, p1);
                long t9 = System.nanoTime();
                System.out.printf(Locale.ROOT, "%s run %d: %d ops, %d nodes; read %.0f ms, catalog+kernels %.0f ms, "
                        + "graph+layout %.0f ms, size %.0f ms | prune largest conv %s (%d params) %.0f ms, +cluster %.0f ms, "
                        + "back (cached) %.1f ms; exact recompute %.0f ms; compressed incr %d vs exact %d; problems %d%n",
                        Path.of(a).getFileName(), run, m.mainSubgraph().operators().size(), spec.nodeCount(),
                        ms(t0, t1), ms(t1, t2), ms(t2, t3), ms(t3, t4), conv.id(), conv.params(), ms(t5, t6), ms(t6, t7),
                        ms(t7, t8), ms(t8, t9), r1.estimate().compressedBytes(), exact.estimate().compressedBytes(),
                        problems.size());
            }
        }
    }

    private static double ms(long a, long b) {
        return (b - a) / 1e6;
    }
}
