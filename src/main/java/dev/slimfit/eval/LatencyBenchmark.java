package dev.slimfit.eval;

import dev.slimfit.model.Model;
import dev.slimfit.runtime.Interpreter;
import dev.slimfit.runtime.InterpreterOptions;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Latency of our interpreter on one model: warm-up runs, then timed runs on fixed inputs;
 * median/min/mean/p90, and optionally per-op-type totals (like {@code benchmark_model
 * --enable_op_profiling}) gathered by an observer on the timed runs.
 */
public final class LatencyBenchmark {
    private LatencyBenchmark() {
    }

    /** Per op type over all timed runs: node count (per invoke), mean ms per invoke, share of op time. */
    public record OpStat(String op, int count, double msPerRun, double percent) {
    }

    /** Timing result in milliseconds. */
    public record Result(int runs, double medianMs, double minMs, double meanMs, double p90Ms, List<OpStat> ops) {
    }

    /**
     * Runs the benchmark.
     *
     * @param inputs  one byte array per model input (e.g. {@link RandomInputs})
     * @param profile collect per-op times (adds an observer; plain runs are timed without it)
     */
    public static Result run(Model model, List<byte[]> inputs, int warmup, int runs, int threads, boolean profile,
                             ProgressListener progress, BooleanSupplier cancel) throws KernelException {
        if (runs < 1 || warmup < 0) {
            throw new IllegalArgumentException("need runs >= 1 and warmup >= 0");
        }
        ProgressListener p = progress == null ? ProgressListener.NONE : progress;
        try (Interpreter it = Interpreter.create(model, InterpreterOptions.defaults().withThreads(Math.max(1, threads)))) {
            byte[][] in = inputs.toArray(new byte[0][]);
            for (int i = 0; i < warmup; i++) {
                check(cancel);
                SampleRunner.invokeKeepingState(it, in, null);
            }
            double[] ms = new double[runs];
            for (int i = 0; i < runs; i++) {
                check(cancel);
                long t0 = System.nanoTime();
                SampleRunner.invokeKeepingState(it, in, null);
                ms[i] = (System.nanoTime() - t0) / 1e6;
                p.progress(i + 1, runs * (profile ? 2 : 1));
            }
            List<OpStat> ops = profile ? profile(it, in, runs, cancel, p) : List.of();
            return summarize(ms, ops);
        }
    }

    private static List<OpStat> profile(Interpreter it, byte[][] in, int runs, BooleanSupplier cancel,
                                        ProgressListener p) throws KernelException {
        Map<String, long[]> byOp = new LinkedHashMap<>(); // {nanos, nodes seen}
        for (int i = 0; i < runs; i++) {
            check(cancel);
            SampleRunner.invokeKeepingState(it, in, (OpNode node, long nanos) -> {
                long[] a = byOp.computeIfAbsent(node.opName(), k -> new long[2]);
                a[0] += nanos;
                a[1]++;
            });
            p.progress(runs + i + 1, 2 * runs);
        }
        long total = byOp.values().stream().mapToLong(a -> a[0]).sum();
        List<OpStat> out = new ArrayList<>();
        for (Map.Entry<String, long[]> e : byOp.entrySet()) {
            long[] a = e.getValue();
            out.add(new OpStat(e.getKey(), (int) (a[1] / runs), a[0] / 1e6 / runs,
                    total == 0 ? 0 : 100.0 * a[0] / total));
        }
        out.sort(Comparator.comparingDouble(OpStat::msPerRun).reversed());
        return out;
    }

    /** Median (mean of the middle two for even counts), min, mean, p90 (nearest rank). */
    static Result summarize(double[] ms, List<OpStat> ops) {
        double[] s = ms.clone();
        Arrays.sort(s);
        int n = s.length;
        double median = n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
        double mean = Arrays.stream(s).sum() / n;
        double p90 = s[Math.max(0, (int) Math.ceil(0.9 * n) - 1)];
        return new Result(n, median, s[0], mean, p90, ops);
    }

    private static void check(BooleanSupplier cancel) {
        if (cancel != null && cancel.getAsBoolean()) {
            throw new java.util.concurrent.CancellationException("cancelled");
        }
    }
}
