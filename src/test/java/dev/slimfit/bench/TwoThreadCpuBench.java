package dev.slimfit.bench;

import static dev.slimfit.bench.BenchSupport.ms;

import dev.slimfit.model.Model;
import dev.slimfit.oracle.SharedModels;
import dev.slimfit.runtime.Interpreter;
import dev.slimfit.testing.Conformance;
import dev.slimfit.tflite.TfliteReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * What two threads buy, measured by CPU time on a machine whose cores are not free. Wall time at 2
 * threads needs a second idle core; on the shared machine (load average often above 10 on 2 cores)
 * it mostly measures the queue. The caller's and the worker's CPU time are read around every node;
 * the node's 2-thread latency is at least the larger of the two, so {@code sum over nodes of
 * max(caller, worker)} is the critical path this run achieved, and the 1-thread CPU time of the
 * interleaved 1-thread invoke divided by it is the speedup it achieved without the queueing.
 * Since {@link dev.slimfit.runtime.Parallel} lets the caller run the chunks a worker has not started,
 * a worker that the loaded OS schedules late shows up here as a caller that did more than half: the
 * "worker share" column says how much the second core really got. Reading the clocks costs a few
 * microseconds per node, charged to the caller. Opt-in:
 * {@code mvn -B -q test -Dtest=TwoThreadCpuBench -Dslimfit.bench=true [-Dslimfit.bench.models=a,b]};
 * writes {@code target/two-thread-cpu.md}; never asserts on numbers.
 */
class TwoThreadCpuBench {
    private static final ThreadMXBean TMX = ManagementFactory.getThreadMXBean();

    @Test
    void twoThreadSpeedupByCpuTime() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("slimfit.bench"), "benchmark: run with -Dslimfit.bench=true");
        String list = System.getProperty("slimfit.bench.models", String.join(",", LatencyComparison.MODELS));
        int runs = Integer.getInteger("slimfit.bench.runs", 30);
        StringBuilder md = new StringBuilder("| model | 1 thread CPU ms | 2 threads critical-path CPU ms | speedup"
                + " | worker share | 2-thread total CPU / 1-thread | wall ms 1t / 2t (median) | load avg |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (String rel : list.split(",")) {
            Model m = TfliteReader.read(SharedModels.model(rel));
            List<byte[]> in = Conformance.inputs(m, 1);
            String loadBefore = BenchSupport.loadAverage();
            Set<Long> before = kernelThreads();
            long[][] t = new long[6][runs]; // 1t cpu, 2t critical path, 2t caller+worker, worker, wall 1t, wall 2t
            try (Interpreter one = BenchSupport.open(m, in, 1); Interpreter two = BenchSupport.open(m, in, 2)) {
                long warmStart = System.nanoTime();
                while (System.nanoTime() - warmStart < 4_000_000_000L) {
                    one.invoke();
                    two.invoke();
                }
                Set<Long> workers = kernelThreads();
                workers.removeAll(before);
                long[] ids = workers.stream().mapToLong(Long::longValue).toArray();
                for (int i = -3; i < runs; i++) {
                    long w0 = System.nanoTime();
                    long c0 = TMX.getCurrentThreadCpuTime();
                    one.invoke();
                    long c1 = TMX.getCurrentThreadCpuTime();
                    long w1 = System.nanoTime();
                    long[] acc = new long[3]; // critical path, total, worker
                    long[] last = {TMX.getCurrentThreadCpuTime(), cpu(ids)};
                    two.invoke((node, nanos) -> {
                        long c = TMX.getCurrentThreadCpuTime();
                        long w = cpu(ids);
                        long dc = c - last[0];
                        long dw = w - last[1];
                        acc[0] += Math.max(dc, dw);
                        acc[1] += dc + dw;
                        acc[2] += dw;
                        last[0] = c;
                        last[1] = w;
                    }, () -> false);
                    long w2 = System.nanoTime();
                    if (i >= 0) {
                        t[0][i] = c1 - c0;
                        t[1][i] = acc[0];
                        t[2][i] = acc[1];
                        t[3][i] = acc[2];
                        t[4][i] = w1 - w0;
                        t[5][i] = w2 - w1;
                    }
                }
            }
            double share = (double) Arrays.stream(t[3]).sum() / Arrays.stream(t[2]).sum();
            for (long[] a : t) {
                Arrays.sort(a);
            }
            int mid = runs / 2;
            md.append(String.format(Locale.ROOT,
                    "| %s | %.2f | %.2f | %.2f | %.0f%% | %.2f | %.2f / %.2f | %s → %s |%n",
                    rel, ms(t[0][mid]), ms(t[1][mid]), (double) t[0][mid] / t[1][mid], share * 100,
                    (double) t[2][mid] / t[0][mid], ms(t[4][mid]), ms(t[5][mid]), loadBefore,
                    BenchSupport.loadAverage()));
        }
        Files.writeString(Path.of("target/two-thread-cpu.md"), md.toString());
        System.out.println(md);
    }

    /** Live {@code slimfit-kernel-*} threads (runtime.Parallel's workers) by id. */
    private static Set<Long> kernelThreads() {
        Set<Long> ids = new HashSet<>();
        for (ThreadInfo ti : TMX.getThreadInfo(TMX.getAllThreadIds())) {
            if (ti != null && ti.getThreadName().startsWith("slimfit-kernel-")) {
                ids.add(ti.getThreadId());
            }
        }
        return ids;
    }

    private static long cpu(long[] ids) {
        long s = 0;
        for (long id : ids) {
            s += Math.max(0, TMX.getThreadCpuTime(id));
        }
        return s;
    }
}
