package dev.slimfit.bench;

import static dev.slimfit.bench.BenchSupport.ms;

import dev.slimfit.model.Model;
import dev.slimfit.oracle.NativeTflite;
import dev.slimfit.oracle.SharedModels;
import dev.slimfit.runtime.InterpreterOptions;
import dev.slimfit.testing.Conformance;
import dev.slimfit.tflite.TfliteReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.tensorflow.lite.Interpreter;

/**
 * Slimfit vs TFLite 2.6.2 at one thread, invoke by invoke interleaved on the same Java thread, timed
 * both by wall clock and by the thread's CPU time. On a loaded shared machine the wall clock mostly
 * measures the other tenants; thread CPU time (TFLite at one thread runs on the calling thread)
 * measures the work. Opt-in:
 * {@code mvn -B -q test -Dtest=InterleavedCpuBench -Dslimfit.bench=true [-Dslimfit.bench.models=a,b]
 * [-Dslimfit.bench.nodes=true]}. Prints to stderr; never asserts on numbers.
 */
class InterleavedCpuBench {
    private static final ThreadMXBean TMX = ManagementFactory.getThreadMXBean();

    @Test
    void interleaved() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("slimfit.bench"), "benchmark: run with -Dslimfit.bench=true");
        String list = System.getProperty("slimfit.bench.models", String.join(",", LatencyComparison.MODELS));
        int runs = Integer.getInteger("slimfit.bench.runs", 30);
        for (String rel : list.split(",")) {
            Path p = SharedModels.model(rel);
            Model m = TfliteReader.read(p);
            byte[] bytes = Files.readAllBytes(p);
            List<byte[]> in = Conformance.inputs(m, 1);
            NativeTflite.load();
            ByteBuffer mb = BenchSupport.direct(bytes);
            try (Interpreter ref = new Interpreter(mb, new Interpreter.Options().setNumThreads(1));
                 dev.slimfit.runtime.Interpreter ours = dev.slimfit.runtime.Interpreter.create(m,
                         InterpreterOptions.defaults().withThreads(1))) {
                Object[] feeds = new Object[in.size()];
                for (int i = 0; i < in.size(); i++) {
                    feeds[i] = BenchSupport.direct(in.get(i));
                    ours.input(i).copyFrom(ByteBuffer.wrap(in.get(i)));
                }
                // C2 must have compiled the kernels before timing (TFLite's native code needs no warm-up).
                long warmStart = System.nanoTime();
                while (System.nanoTime() - warmStart < 3_000_000_000L) {
                    ours.invoke();
                }
                long[][] t = new long[4][runs]; // ours wall, ours cpu, ref wall, ref cpu
                for (int i = -5; i < runs; i++) {
                    long w0 = System.nanoTime();
                    long c0 = TMX.getCurrentThreadCpuTime();
                    ours.invoke();
                    long c1 = TMX.getCurrentThreadCpuTime();
                    long w1 = System.nanoTime();
                    ref.runForMultipleInputsOutputs(feeds, new HashMap<>());
                    long c2 = TMX.getCurrentThreadCpuTime();
                    long w2 = System.nanoTime();
                    if (i >= 0) {
                        t[0][i] = w1 - w0;
                        t[1][i] = c1 - c0;
                        t[2][i] = w2 - w1;
                        t[3][i] = c2 - c1;
                    }
                }
                for (long[] a : t) {
                    Arrays.sort(a);
                }
                System.err.printf(Locale.ROOT, "%s (1 thread, n=%d)%n  wall ms: slimfit median %.2f min %.2f | tflite median"
                        + " %.2f min %.2f | ratio median %.2f min %.2f%n  cpu  ms: slimfit median %.2f min %.2f | tflite"
                        + " median %.2f min %.2f | ratio median %.2f min %.2f%n", rel, runs,
                        ms(t[0][runs / 2]), ms(t[0][0]), ms(t[2][runs / 2]), ms(t[2][0]),
                        (double) t[0][runs / 2] / t[2][runs / 2], (double) t[0][0] / t[2][0],
                        ms(t[1][runs / 2]), ms(t[1][0]), ms(t[3][runs / 2]), ms(t[3][0]),
                        (double) t[1][runs / 2] / t[3][runs / 2], (double) t[1][0] / t[3][0]);
                if (Boolean.getBoolean("slimfit.bench.nodes")) {
                    printNodes(ours, runs);
                }
            }
        }
    }

    private static void printNodes(dev.slimfit.runtime.Interpreter ours, int runs) throws Exception {
        Map<String, long[]> perOp = new TreeMap<>();
        long[] nodeMin = new long[4096];
        String[] names = new String[4096];
        Arrays.fill(nodeMin, Long.MAX_VALUE);
        for (int i = 0; i < Math.min(runs, 10); i++) {
            ours.invoke((node, nanos) -> {
                nodeMin[node.index()] = Math.min(nodeMin[node.index()], nanos);
                names[node.index()] = node.opName() + " " + Arrays.toString(node.output(0).shape());
            }, () -> false);
        }
        for (int i = 0; i < names.length; i++) {
            if (names[i] != null) {
                perOp.computeIfAbsent(names[i].split(" ")[0], k -> new long[1])[0] += nodeMin[i];
                if (nodeMin[i] > 500_000) {
                    System.err.printf(Locale.ROOT, "      #%03d %-50s %.3f ms%n", i, names[i], ms(nodeMin[i]));
                }
            }
        }
        perOp.forEach((k, v) -> System.err.printf(Locale.ROOT, "    %-30s %.3f ms (sum of per-node minima)%n", k,
                ms(v[0])));
    }
}
