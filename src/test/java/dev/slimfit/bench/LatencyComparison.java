package dev.slimfit.bench;

import dev.slimfit.model.Model;
import dev.slimfit.oracle.IsolatedOracle;
import dev.slimfit.oracle.OracleBench;
import dev.slimfit.oracle.SharedModels;
import dev.slimfit.runtime.Interpreter;
import dev.slimfit.runtime.InterpreterOptions;
import dev.slimfit.testing.Conformance;
import dev.slimfit.tflite.TfliteReader;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The README's latency table: Slimfit's interpreter vs TensorFlow Lite 2.6.2 (default CPU kernels,
 * no XNNPACK) on the same models, same inputs, same machine, same run, at 1 and 2 threads.
 * A benchmark, not a test: it only runs with {@code -Dslimfit.bench=true}:
 *
 * <pre>mvn -B -q test -Dtest=LatencyComparison -Dslimfit.bench=true</pre>
 *
 * It writes the markdown table to {@code target/latency-comparison.md}.
 */
class LatencyComparison {
    static final String[] MODELS = {
        "imagenet/mobilenet_v1_0.25_128_float.tflite",
        "imagenet/mobilenet_v1_0.25_128_quant.tflite",
        "imagenet/mobilenet_v2_1.0_224_quant.tflite",
        "segmentation/deeplabv3_257_mv_gpu_float.tflite",
        "detection/ssd_mobilenet_v1_coco_quant.tflite",
    };
    static final int WARMUP = 10;
    static final int RUNS = 50;
    static final long WARMUP_NANOS = 3_000_000_000L;

    @Test
    void compareWithTflite() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("slimfit.bench"), "benchmark: run with -Dslimfit.bench=true");
        StringBuilder md = new StringBuilder();
        md.append("| model | threads | Slimfit median ms | TFLite 2.6.2 median ms | ratio |\n");
        md.append("|---|---:|---:|---:|---:|\n");
        IsolatedOracle oracle = new IsolatedOracle(Duration.ofMinutes(10));
        for (String rel : MODELS) {
            Path p = SharedModels.model(rel);
            Model m = TfliteReader.read(p);
            byte[] bytes = Files.readAllBytes(p);
            List<byte[]> in = Conformance.inputs(m, 1);
            for (int threads = 1; threads <= 2; threads++) {
                OracleBench ref = oracle.bench(bytes, in, threads, false, WARMUP, RUNS);
                double ours = ours(m, in, threads);
                md.append(String.format(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.2f |%n", rel, threads, ours,
                        ref.medianMs(), ours / ref.medianMs()));
            }
        }
        oracle.close();
        Files.writeString(Path.of("target/latency-comparison.md"), md.toString());
        System.out.println(md);
    }

    static double ours(Model m, List<byte[]> in, int threads) throws Exception {
        try (Interpreter it = Interpreter.create(m, InterpreterOptions.defaults().withThreads(threads))) {
            for (int i = 0; i < in.size(); i++) {
                it.input(i).copyFrom(ByteBuffer.wrap(in.get(i)));
            }
            // Steady state: WARMUP invokes, and at least WARMUP_NANOS, so C2 has compiled the kernels
            // (TFLite's native code needs no JIT warm-up; 10 invokes of a 4 ms model are not enough).
            long warmStart = System.nanoTime();
            for (int i = 0; i < WARMUP || System.nanoTime() - warmStart < WARMUP_NANOS; i++) {
                it.invoke();
            }
            double[] t = new double[RUNS];
            for (int i = 0; i < RUNS; i++) {
                long t0 = System.nanoTime();
                it.invoke();
                t[i] = (System.nanoTime() - t0) / 1e6;
            }
            Arrays.sort(t);
            return t[RUNS / 2];
        }
    }

    static List<String> models() {
        return new ArrayList<>(List.of(MODELS));
    }
}
