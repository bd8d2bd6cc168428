package dev.slimfit.cli;

import dev.slimfit.eval.LatencyBenchmark;
import dev.slimfit.eval.RandomInputs;
import dev.slimfit.model.Model;
import dev.slimfit.model.Subgraph;
import dev.slimfit.model.Tensor;
import dev.slimfit.tflite.TfliteReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code slimfit bench MODEL}: latency of Slimfit's interpreter on seeded random inputs, printed
 * as {@code median_ms=<n>} plus min/mean/p90; {@code --profile} adds a per-op-type table like
 * TFLite's {@code benchmark_model --enable_op_profiling}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure inference latency (median/min/mean/p90), optionally per op type.")
public final class BenchCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "The .tflite model.")
    Path model;

    @Option(names = "--runs", defaultValue = "50", paramLabel = "N", description = "Timed runs.")
    int runs;

    @Option(names = "--warmup", defaultValue = "5", paramLabel = "W", description = "Untimed warm-up runs.")
    int warmup;

    @Option(names = "--threads", defaultValue = "1", paramLabel = "T", description = "Kernel threads.")
    int threads;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N", description = "Seed for random inputs.")
    long seed;

    @Option(names = "--profile", description = "Add per-op-type totals.")
    boolean profile;

    @Spec
    CommandSpec spec;

    /** Used by picocli. */
    public BenchCommand() {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (runs < 1 || warmup < 0 || threads < 1) {
            throw new UserError(model + ": need --runs >= 1, --warmup >= 0 and --threads >= 1 (got " + runs + ", "
                    + warmup + ", " + threads + ")");
        }
        Model m = TfliteReader.read(model);
        Subgraph sg = m.mainSubgraph();
        List<byte[]> in = new ArrayList<>();
        int[] ins = sg.inputs();
        for (int k = 0; k < ins.length; k++) {
            Tensor t = sg.tensor(ins[k]);
            int[] shape = t.shape();
            for (int d = 0; d < shape.length; d++) {
                shape[d] = Math.max(shape[d], 1);
            }
            in.add(RandomInputs.forInput(t.type(), shape, seed, k));
        }
        LatencyBenchmark.Result r = LatencyBenchmark.run(m, in, warmup, runs, threads, profile, null, null);
        out.printf(Locale.ROOT, "median_ms=%.4f min_ms=%.4f mean_ms=%.4f p90_ms=%.4f runs=%d warmup=%d threads=%d%n",
                r.medianMs(), r.minMs(), r.meanMs(), r.p90Ms(), r.runs(), warmup, threads);
        if (profile) {
            out.printf(Locale.ROOT, "%-28s %6s %12s %8s%n", "op", "count", "avg_ms", "%");
            for (LatencyBenchmark.OpStat s : r.ops()) {
                out.printf(Locale.ROOT, "%-28s %6d %12.4f %7.2f%%%n", s.op(), s.count(), s.msPerRun(), s.percent());
            }
        }
        out.flush();
        return 0;
    }
}
