package dev.slimfit.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimfit.model.Model;
import dev.slimfit.oracle.SharedModels;
import dev.slimfit.testing.Conformance;
import dev.slimfit.tflite.TfliteReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * "Use both cores when asked for 2 threads" (issue 3) on real models: two threads must give the same
 * bytes as one (every kernel computes each output element whole on one thread, so the thread count
 * cannot change a result), and the second thread must really do a share of the work. The share is
 * judged by CPU time, not wall time, because the machine is shared and wall time measures the load.
 */
class TwoThreadsTest {
    /** The issue's five latency models, plus a dynamic-range one for the hybrid CONV/DEPTHWISE paths. */
    static final List<String> MODELS = List.of(
            "imagenet/mobilenet_v1_0.25_128_float.tflite",
            "imagenet/mobilenet_v1_0.25_128_quant.tflite",
            "imagenet/mobilenet_v2_1.0_224_quant.tflite",
            "segmentation/deeplabv3_257_mv_gpu_float.tflite",
            "detection/ssd_mobilenet_v1_coco_quant.tflite",
            "imagenet/mobilenet_v2_0.35_96_embedder_dynamic.tflite",
            "ops/bmm.tflite");

    private static final ThreadMXBean TMX = ManagementFactory.getThreadMXBean();
    /** The kernels that hold ~all of a CNN's work; each must split at 2 threads on these models... */
    private static final Set<String> HEAVY = Set.of("CONV_2D", "DEPTHWISE_CONV_2D", "FULLY_CONNECTED");
    /**
     * ...when it has at least this many multiply-adds: the kernels keep smaller layers (a 4x4 or 6x6
     * MobileNet tail, ~40-120 K) on one thread, where a hand-off costs about what it saves.
     */
    private static final long HEAVY_MACS = 1 << 18;

    @TestFactory
    Stream<DynamicTest> twoThreadsGiveTheSameOutputBytesAsOneOnRealModels() {
        return MODELS.stream().map(rel -> DynamicTest.dynamicTest(rel, () -> {
            Model m = TfliteReader.read(SharedModels.model(rel));
            for (long seed = 1; seed <= 2; seed++) {
                List<byte[]> in = Conformance.inputs(m, seed);
                List<byte[]> one = Conformance.runOurs(m, in, 1);
                List<byte[]> two = Conformance.runOurs(m, in, 2);
                assertEquals(one.size(), two.size());
                for (int i = 0; i < one.size(); i++) {
                    assertArrayEquals(one.get(i), two.get(i), rel + " output " + i + " seed " + seed);
                }
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyHeavyKernelSplitsItsWorkAtTwoThreads() {
        return Stream.of("imagenet/mobilenet_v1_0.25_128_quant.tflite",
                "imagenet/mobilenet_v1_0.25_128_float.tflite",
                "imagenet/mobilenet_v2_0.35_96_embedder_dynamic.tflite").map(rel -> DynamicTest.dynamicTest(rel, () -> {
            Model m = TfliteReader.read(SharedModels.model(rel));
            try (Interpreter it = open(m, 2)) {
                List<String> serial = new ArrayList<>();
                long[] before = {it.parallel().splitCalls()};
                it.invoke((node, nanos) -> {
                    long now = it.parallel().splitCalls();
                    if (HEAVY.contains(node.opName()) && macs(node) >= HEAVY_MACS && now == before[0]) {
                        serial.add("#" + node.index() + " " + node.opName() + " " + node.output(0));
                    }
                    before[0] = now;
                }, () -> false);
                assertEquals(List.of(), serial, rel + ": heavy nodes that ran on one thread");
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> theWorkerThreadDoesRealWork() {
        return Stream.of("imagenet/mobilenet_v1_0.25_128_quant.tflite",
                "imagenet/mobilenet_v2_0.35_96_embedder_dynamic.tflite").map(rel -> DynamicTest.dynamicTest(rel, () -> {
            Model m = TfliteReader.read(SharedModels.model(rel));
            try (Interpreter it = open(m, 2)) {
                for (int i = 0; i < 5; i++) {
                    it.invoke(); // start the pool's worker before measuring
                }
                Map<Long, Long> w0 = workerCpuNanos();
                long c0 = TMX.getCurrentThreadCpuTime();
                for (int i = 0; i < 20; i++) {
                    it.invoke();
                }
                long caller = TMX.getCurrentThreadCpuTime() - c0;
                long worker = 0;
                for (Map.Entry<Long, Long> e : workerCpuNanos().entrySet()) {
                    worker += e.getValue() - w0.getOrDefault(e.getKey(), 0L);
                }
                // How much the worker gets depends on when the OS schedules it (the caller runs the
                // chunks it has not started): ~45-50% on idle cores, 24% seen at load 6. A worker that
                // is never used, as before kernels split, scores 0.
                assertTrue(worker > caller / 50, rel + ": worker thread did " + worker / 1_000_000
                        + " ms of CPU work, the caller " + caller / 1_000_000 + " ms");
            }
        }));
    }

    /** Multiply-adds of a conv, depthwise or FC node: output positions times filter size. */
    private static long macs(OpNode node) {
        RuntimeTensor out = node.output(0);
        return (long) out.flatSize() / Math.max(1, out.dim(out.rank() - 1)) * node.input(1).flatSize();
    }

    private static Interpreter open(Model m, int threads) throws KernelException {
        Interpreter it = Interpreter.create(m, InterpreterOptions.defaults().withThreads(threads));
        List<byte[]> in = Conformance.inputs(m, 1);
        for (int i = 0; i < in.size(); i++) {
            it.input(i).copyFrom(ByteBuffer.wrap(in.get(i)));
        }
        return it;
    }

    /**
     * CPU time of each live kernel worker by thread id ({@link Parallel}'s threads are named
     * slimfit-kernel-*); by id, so workers of interpreters closed by earlier tests that die meanwhile
     * do not count.
     */
    private static Map<Long, Long> workerCpuNanos() {
        Map<Long, Long> cpu = new HashMap<>();
        for (ThreadInfo ti : TMX.getThreadInfo(TMX.getAllThreadIds())) {
            if (ti != null && ti.getThreadName().startsWith("slimfit-kernel-")) {
                long t = TMX.getThreadCpuTime(ti.getThreadId());
                if (t >= 0) {
                    cpu.put(ti.getThreadId(), t);
                }
            }
        }
        return cpu;
    }
}
