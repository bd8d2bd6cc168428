package dev.slimfit.runtime.kernels.conv.bench;

import dev.slimfit.model.Model;
import dev.slimfit.oracle.InProcessOracle;
import dev.slimfit.oracle.OracleBench;
import dev.slimfit.oracle.SharedModels;
import dev.slimfit.runtime.Interpreter;
import dev.slimfit.runtime.InterpreterOptions;
import dev.slimfit.testing.Conformance;
import dev.slimfit.tflite.TfliteReader;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Quick latency harness for the conv family: whole real models in our interpreter (1 thread) vs
 * TFLite 2.6.2 (1 thread, no XNNPACK), with our per-op-type time breakdown. Opt-in:
 * {@code mvn -B -q test -Dtest=ConvBench -Dslimfit.bench=true -Dslimfit.bench.models=a,b}.
 * Prints to stderr; never asserts on numbers.
 */
class ConvBench {
    @Test
    void mobilenets() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("slimfit.bench"), "benchmark: run with -Dslimfit.bench=true");
        String list = System.getProperty("slimfit.bench.models",
                "imagenet/mobilenet_v1_0.25_128_float.tflite,imagenet/mobilenet_v1_0.25_128_quant.tflite");
        int runs = Integer.getInteger("slimfit.bench.runs", 50);
        for (String rel : list.split(",")) {
            Path p = SharedModels.model(rel);
            Model m = TfliteReader.read(p);
            byte[] bytes = Files.readAllBytes(p);
            List<byte[]> in = Conformance.inputs(m, 1);
            OracleBench ref = InProcessOracle.get().bench(bytes, in, 1, false, 10, runs);
            try (Interpreter it = Interpreter.create(m, InterpreterOptions.defaults().withThreads(1))) {
                for (int i = 0; i < in.size(); i++) {
                    it.input(i).copyFrom(ByteBuffer.wrap(in.get(i)));
                }
                for (int i = 0; i < 30; i++) {
                    it.invoke();
                }
                long[] t = new long[runs];
                Map<String, long[]> perOp = new TreeMap<>();
                for (int i = 0; i < runs; i++) {
                    long t0 = System.nanoTime();
                    it.invoke();
                    t[i] = System.nanoTime() - t0;
                }
                // Per node: the minimum over runs (the machine is shared; minima are the stable statistic).
                Map<String, long[]> nodeMin = new TreeMap<>();
                for (int i = 0; i < runs; i++) {
                    it.invoke((node, nanos) -> {
                        String key = String.format(Locale.ROOT, "#%03d %s %s <- %s", node.index(), node.opName(),
                                Arrays.toString(node.output(0).shape()), node.inputCount() > 1 && node.input(1) != null
                                        ? Arrays.toString(node.input(1).shape()) : "");
                        long[] v = nodeMin.computeIfAbsent(key, k -> new long[] {Long.MAX_VALUE, 0});
                        v[0] = Math.min(v[0], nanos);
                        v[1] = node.index();
                    }, () -> false);
                }
                nodeMin.forEach((key, v) -> perOp.computeIfAbsent(key.replaceAll("^#\\d+ (\\S+).*", "$1"),
                        k -> new long[1])[0] += v[0] * 10);
                if (Boolean.getBoolean("slimfit.bench.nodes")) {
                    nodeMin.forEach((key, v) -> System.err.printf(Locale.ROOT, "      %-60s %.3f ms%n", key, v[0] / 1e6));
                }
                Arrays.sort(t);
                double ours = t[runs / 2] / 1e6;
                System.err.printf(Locale.ROOT, "%s: slimfit median %.3f ms min %.3f ms, tflite %s, ratio median %.2f"
                        + " min %.2f (per-op sums below are of per-node minima)%n", rel, ours, t[0] / 1e6, ref,
                        ours / ref.medianMs(), t[0] / 1e6 / ref.minMs());
                perOp.forEach((k, v) -> System.err.printf(Locale.ROOT, "    %-40s %.3f ms%n", k, v[0] / 10 / 1e6));
            }
        }
    }
}
