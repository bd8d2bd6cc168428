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
                for (int i = 0; i < 10; i++) {
                    it.invoke((node, nanos) -> perOp.computeIfAbsent(node.opName(), k -> new long[1])[0] += nanos, () -> false);
                }
                Arrays.sort(t);
                double ours = t[runs / 2] / 1e6;
                System.err.printf(Locale.ROOT, "%s: slimfit %.3f ms, tflite %s, ratio %.2f%n", rel, ours, ref,
                        ours / ref.medianMs());
                perOp.forEach((k, v) -> System.err.printf(Locale.ROOT, "    %-40s %.3f ms%n", k, v[0] / 10 / 1e6));
            }
        }
    }
}
