package dev.slimfit.bench;

import static dev.slimfit.bench.BenchSupport.ms;

import dev.slimfit.model.Model;
import dev.slimfit.oracle.NativeTflite;
import dev.slimfit.oracle.SharedModels;
import dev.slimfit.testing.Conformance;
import dev.slimfit.tflite.TfliteReader;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.tensorflow.lite.Interpreter;

/**
 * The README's latency table: Slimfit's interpreter vs TensorFlow Lite 2.6.2 (default CPU kernels,
 * no XNNPACK) on the same models, same inputs, same machine, same run, at 1 and 2 threads.
 * A benchmark, not a test: it only runs with {@code -Dslimfit.bench=true}:
 *
 * <pre>mvn -B -q test -Dtest=LatencyComparison -Dslimfit.bench=true [-Dslimfit.bench.runs=40]</pre>
 *
 * <p>Why interleaved: the machine is shared, and its load changes over seconds. The four
 * configurations (Slimfit 1 thread, Slimfit 2 threads, TFLite 1 thread, TFLite 2 threads) are open
 * at once and invoked round-robin, one invoke each per round, so every configuration sees the same
 * load; the table gives the median and the minimum (the least disturbed invoke) of each, and the load
 * average before and after each model. It writes the markdown table to
 * {@code target/latency-comparison.md}.
 */
class LatencyComparison {
    static final String[] MODELS = {
        "imagenet/mobilenet_v1_0.25_128_float.tflite",
        "imagenet/mobilenet_v1_0.25_128_quant.tflite",
        "imagenet/mobilenet_v2_1.0_224_quant.tflite",
        "segmentation/deeplabv3_257_mv_gpu_float.tflite",
        "detection/ssd_mobilenet_v1_coco_quant.tflite",
    };
    /** C2 needs about 3 s of invokes before the kernels are compiled; TFLite's native code needs none. */
    static final long WARMUP_NANOS = 4_000_000_000L;

    @Test
    void compareWithTflite() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("slimfit.bench"), "benchmark: run with -Dslimfit.bench=true");
        int runs = Integer.getInteger("slimfit.bench.runs", 40);
        StringBuilder md = new StringBuilder();
        md.append("| model | threads | Slimfit ms (median / min) | TFLite 2.6.2 ms (median / min)"
                + " | ratio (median / min)"
                + " | load avg (1 min) |\n");
        md.append("|---|---:|---:|---:|---:|---:|\n");
        NativeTflite.load();
        for (String rel : MODELS) {
            Path p = SharedModels.model(rel);
            Model m = TfliteReader.read(p);
            List<byte[]> in = Conformance.inputs(m, 1);
            ByteBuffer mb = BenchSupport.direct(Files.readAllBytes(p));
            Object[] feeds = in.stream().map(BenchSupport::direct).toArray();
            Map<Integer, Object> noOutputs = new HashMap<>();
            String loadBefore = BenchSupport.loadAverage();
            long[][] t = new long[4][runs]; // slimfit 1t, slimfit 2t, tflite 1t, tflite 2t
            try (dev.slimfit.runtime.Interpreter ours1 = BenchSupport.open(m, in, 1);
                 dev.slimfit.runtime.Interpreter ours2 = BenchSupport.open(m, in, 2);
                 Interpreter ref1 = new Interpreter(mb, new Interpreter.Options().setNumThreads(1));
                 Interpreter ref2 = new Interpreter(mb, new Interpreter.Options().setNumThreads(2))) {
                long warmStart = System.nanoTime();
                while (System.nanoTime() - warmStart < WARMUP_NANOS) {
                    ours1.invoke();
                    ours2.invoke();
                }
                for (int i = -3; i < runs; i++) {
                    long t0 = System.nanoTime();
                    ours1.invoke();
                    long t1 = System.nanoTime();
                    ours2.invoke();
                    long t2 = System.nanoTime();
                    ref1.runForMultipleInputsOutputs(feeds, noOutputs);
                    long t3 = System.nanoTime();
                    ref2.runForMultipleInputsOutputs(feeds, noOutputs);
                    long t4 = System.nanoTime();
                    if (i >= 0) {
                        t[0][i] = t1 - t0;
                        t[1][i] = t2 - t1;
                        t[2][i] = t3 - t2;
                        t[3][i] = t4 - t3;
                    }
                }
            }
            String load = loadBefore + " → " + BenchSupport.loadAverage();
            for (long[] a : t) {
                Arrays.sort(a);
            }
            for (int threads = 1; threads <= 2; threads++) {
                long[] s = t[threads - 1];
                long[] r = t[threads + 1];
                md.append(String.format(Locale.ROOT, "| %s | %d | %.2f / %.2f | %.2f / %.2f | %.2f / %.2f | %s |%n",
                        rel, threads, ms(s[runs / 2]), ms(s[0]), ms(r[runs / 2]), ms(r[0]),
                        (double) s[runs / 2] / r[runs / 2], (double) s[0] / r[0], load));
            }
        }
        Files.writeString(Path.of("target/latency-comparison.md"), md.toString());
        System.out.println(md);
    }
}
