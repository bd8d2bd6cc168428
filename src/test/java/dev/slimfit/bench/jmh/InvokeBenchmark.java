package dev.slimfit.bench.jmh;

import dev.slimfit.bench.BenchSupport;
import dev.slimfit.model.Model;
import dev.slimfit.oracle.NativeTflite;
import dev.slimfit.oracle.SharedModels;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.testing.Conformance;
import dev.slimfit.tflite.TfliteReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.tensorflow.lite.Interpreter;

/**
 * One invoke of a shared model, by Slimfit's interpreter and by TensorFlow Lite 2.6.2's default CPU
 * kernels (no XNNPACK: the first bar is against the default), same model bytes, same seeded
 * input ({@link Conformance#inputs}, seed 1), same thread count, same JMH run. Not a test: run it
 * through {@link InvokeBenchmarks#main}, which skips models missing from {@code ../shared}.
 *
 * <p>Warm-up is 3 × 2 s because C2 needs about 3 s of invokes before the kernels are compiled
 * (TFLite's native code needs none); both engines get the same schedule so neither is favoured.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class InvokeBenchmark {
    /** Paths under {@code ../shared/models}: the five models of issue 3. */
    @Param({
        "imagenet/mobilenet_v1_0.25_128_float.tflite",
        "imagenet/mobilenet_v1_0.25_128_quant.tflite",
        "imagenet/mobilenet_v2_1.0_224_quant.tflite",
        "segmentation/deeplabv3_257_mv_gpu_float.tflite",
        "detection/ssd_mobilenet_v1_coco_quant.tflite",
    })
    public String model;

    @Param({"1", "2"})
    public int threads;

    /** {@code slimfit} or {@code tflite}. */
    @Param({"slimfit", "tflite"})
    public String engine;

    private dev.slimfit.runtime.Interpreter ours;
    private Interpreter ref;
    private Object[] feeds;
    private final Map<Integer, Object> noOutputs = new HashMap<>();

    @Setup(Level.Trial)
    public void open() throws IOException, KernelException {
        Path p = SharedModels.expectedRoot().resolve("models").resolve(model);
        byte[] bytes = Files.readAllBytes(p);
        Model m = TfliteReader.read(p);
        List<byte[]> in = Conformance.inputs(m, 1);
        switch (engine) {
            case "slimfit" -> {
                ours = BenchSupport.open(m, in, threads);
            }
            case "tflite" -> {
                NativeTflite.load();
                ref = new Interpreter(BenchSupport.direct(bytes), new Interpreter.Options().setNumThreads(threads));
                feeds = new Object[in.size()];
                for (int i = 0; i < in.size(); i++) {
                    feeds[i] = BenchSupport.direct(in.get(i));
                }
            }
            default -> throw new IllegalArgumentException("engine must be slimfit or tflite, got " + engine);
        }
    }

    @Benchmark
    public void invoke() throws KernelException {
        if (ours != null) {
            ours.invoke();
        } else {
            // An empty output map: TFLite copies nothing out, as Slimfit's invoke leaves outputs in place.
            ref.runForMultipleInputsOutputs(feeds, noOutputs);
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        if (ours != null) {
            ours.close();
        }
        if (ref != null) {
            ref.close();
        }
    }
}
