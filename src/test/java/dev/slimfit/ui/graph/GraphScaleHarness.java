package dev.slimfit.ui.graph;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * Scale check of the graph view, run by hand (not a unit test: timings do not belong in tests).
 * Generates a 5,000-operator model-like DAG, then measures layout time (cold and warm), the time
 * to open it in a window (setGraph + first draw + first rendered pulse), and per-frame times for
 * 200 frames of pan and 200 of zoom, at fit-all zoom, at 1.0 (text and edge labels), at 0.5
 * (node text, no edge labels) and at 0.2 (boxes).
 *
 * <p>Frames are driven by an {@link AnimationTimer} with {@code javafx.animation.fullspeed=true}
 * unless told otherwise, so pulses run back to back: the pulse-to-pulse interval is the frame
 * throughput (FX thread drawing plus the render thread rasterising the previous frame, on cores
 * shared with the X server). With {@code -Djavafx.animation.fullspeed=false} pulses are paced at
 * 60 Hz as on a screen, and an interval over 25 ms is a missed frame. Each frame's CPU on the FX
 * and render threads is printed too (their CPU clocks read at every pulse). "draw" is the
 * FX-thread part alone. {@code -Dslimfit.harness.only=PREFIX} runs only the phases whose name
 * starts with it (for profiling one phase).
 *
 * <pre>
 * mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test
 * xvfb-run -s '-screen 0 1600x1000x24' java -Dprism.order=sw -Djavafx.animation.fullspeed=true \
 *     -cp target/test-classes:target/classes:$(cat cp.txt) dev.slimfit.ui.graph.GraphScaleHarness [nodes]
 * </pre>
 */
public final class GraphScaleHarness {

    private static final int FRAMES = 200;

    private GraphScaleHarness() { }

    /** Entry point; prints the measurements. */
    public static void main(String[] args) throws Exception {
        if (System.getProperty("javafx.animation.fullspeed") == null) {
            System.setProperty("javafx.animation.fullspeed", "true");
        }
        int target = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        long t0 = System.nanoTime();
        boolean wide = args.length > 1 && args[1].equals("wide");
        GraphSpec spec = wide ? wide(target) : SyntheticGraphs.cnn(target, 1);
        double genMs = ms(System.nanoTime() - t0);
        System.out.printf(Locale.ROOT, "graph: %d nodes, %d edges (generated in %.0f ms)%n",
                spec.nodeCount(), spec.edgeCount(), genMs);

        int warm = Integer.getInteger("slimfit.harness.warmup", 0);
        if (warm > 0) {
            long w0 = System.nanoTime();
            GraphLayout.layout(SyntheticGraphs.cnn(warm, 2));
            System.out.printf(Locale.ROOT, "warm-up layout of %d nodes first (the app does 1500 at start):"
                    + " %.0f ms%n", warm, ms(System.nanoTime() - w0));
        }
        double[] layoutMs = new double[6];
        double[] layoutCpuMs = new double[6];
        double[] layoutThreadMs = new double[6];
        double[] layoutGcMs = new double[6];
        GraphGeometry geometry = null;
        for (int run = 0; run < layoutMs.length; run++) {
            long c = processCpu();
            long gc = gcMillis();
            long s = System.nanoTime();
            geometry = GraphLayout.layout(spec);
            layoutMs[run] = ms(System.nanoTime() - s);
            layoutCpuMs[run] = ms(processCpu() - c);
            layoutThreadMs[run] = ms(GraphLayout.lastLayoutCpuNanos);
            layoutGcMs[run] = gcMillis() - gc;
        }
        System.out.printf(Locale.ROOT, "layout: cold %.0f ms, warm median %.0f ms wall (runs %s);"
                + " process CPU per run %s ms; bounds %.0f x %.0f%n",
                layoutMs[0], median(Arrays.copyOfRange(layoutMs, 1, layoutMs.length)),
                fmt(layoutMs), fmt(layoutCpuMs), geometry.width(), geometry.height());
        System.out.printf(Locale.ROOT, "layout: layout-thread CPU per run %s ms; GC time per run %s ms%n",
                fmt(layoutThreadMs), fmt(layoutGcMs));
        System.out.printf(Locale.ROOT, "load average at start: %.1f on %d cpus%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());

        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        GraphGeometry g = geometry;
        GraphCanvas view = onFx(() -> {
            GraphCanvas v = new GraphCanvas();
            Stage stage = new Stage();
            stage.setScene(new Scene(v, 1500, 900));
            stage.show();
            return v;
        });
        Thread.sleep(500);

        double[] open = onFx(() -> {
            long s = System.nanoTime();
            long cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            view.setGraph(spec, g);
            // The app opens a tall graph on its top at zoom 1; fit-all is the heavier first frame
            // (every node), so that is what is timed.
            view.fitToView();
            view.setLegend(CategoryPalette.legend(spec));
            view.getScene().getRoot().applyCss();
            view.getScene().getRoot().layout();
            return new double[] {ms(System.nanoTime() - s), System.nanoTime(),
                ms(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu)};
        });
        long rendered = waitPulses(2);
        System.out.printf(Locale.ROOT, "open (setGraph + first fit-all draw on FX thread): %.1f ms"
                + " (FX thread CPU %.1f ms); until the frame was rendered: %.1f ms; visible nodes %d%n",
                open[0], open[2], ms(rendered - (long) open[1]) + open[0],
                onFx(view::lastVisibleNodeCount));
        System.out.printf(Locale.ROOT, "open total (warm layout + open + first render): %.0f ms%n",
                median(Arrays.copyOfRange(layoutMs, 1, layoutMs.length)) + open[0]
                        + ms(rendered - (long) open[1]));

        onFx(() -> {
            view.fitToView();
            return null;
        });
        measure(view, "fit-all zoom", true);
        measure(view, "fit-all zoom", false);
        onFx(() -> {
            view.centerOn(spec.nodes().get(spec.nodeCount() / 2).id());
            view.zoomAt(1.0 / view.getScale(), view.getWidth() / 2, view.getHeight() / 2);
            return null;
        });
        measure(view, "zoom 1.0", true);
        measure(view, "zoom 1.0", false);
        onFx(() -> {
            view.zoomAt(0.5 / view.getScale(), view.getWidth() / 2, view.getHeight() / 2);
            return null;
        });
        measure(view, "zoom 0.5", true);
        measure(view, "zoom 0.5", false);
        onFx(() -> {
            view.zoomAt(0.2 / view.getScale(), view.getWidth() / 2, view.getHeight() / 2);
            return null;
        });
        // Between the far image and the text level: boxes without text, on the canvas.
        measure(view, "zoom 0.2", true);
        measure(view, "zoom 0.2", false);
        Platform.exit();
    }

    /**
     * A wide graph of about {@code target} ops: 50 parallel chains from one input, joined by one
     * concatenation, so that at fit-all zoom (above the far-image zoom) every box is on screen.
     */
    static GraphSpec wide(int target) {
        GraphSpec.Builder b = GraphSpec.builder();
        int chains = 50;
        int length = Math.max(1, (target - 2) / chains);
        b.node(0, "Input", "1×224×224×3", "io");
        int id = 1;
        int[] ends = new int[chains];
        for (int c = 0; c < chains; c++) {
            int prev = 0;
            for (int k = 0; k < length; k++) {
                b.node(id, k % 2 == 0 ? "Conv2D" : "Relu", k % 2 == 0 ? "3×3 · 16→16" : "", k % 2 == 0 ? "conv"
                        : "activation");
                b.edge(prev, id, "1×56×56×16 int8");
                prev = id++;
            }
            ends[c] = prev;
        }
        b.node(id, "Concatenation", "axis 3", "concat");
        for (int e : ends) {
            b.edge(e, id, "1×56×56×16 int8");
        }
        return b.build();
    }

    /** Runs 200 frames of pan (or zoom) and prints frame intervals and draw times. */
    private static void measure(GraphCanvas view, String where, boolean pan) throws Exception {
        String only = System.getProperty("slimfit.harness.only");
        if (only != null && !where.startsWith(only)) {
            return;
        }
        IntConsumer step = pan
                ? f -> view.panBy((f / 50) % 2 == 0 ? 6 : -6, (f / 50) % 2 == 0 ? 9 : -9)
                : f -> view.zoomAt(f < FRAMES / 2 ? 1.01 : 1 / 1.01, view.getWidth() / 2,
                        view.getHeight() / 2);
        double[] interval = new double[FRAMES];
        double[] draw = new double[FRAMES];
        // Per-frame CPU of the FX and render threads: the deltas of their CPU clocks from one
        // pulse to the next (the render thread renders frame k while the FX thread runs k + 1).
        double[] fxWork = new double[FRAMES];
        double[] renderWork = new double[FRAMES];
        int[] visible = new int[1];
        long fxId = threadId("JavaFX Application Thread");
        long renderId = threadId("QuantumRenderer-0");
        ThreadMXBean clocks = ManagementFactory.getThreadMXBean();
        CompletableFuture<Void> done = new CompletableFuture<>();
        Platform.runLater(() -> new AnimationTimer() {
            private int frame = -10;
            private long last;
            private long lastFx;
            private long lastRender;

            @Override
            public void handle(long now) {
                long fxNow = clocks.getThreadCpuTime(fxId);
                long renderNow = clocks.getThreadCpuTime(renderId);
                if (frame >= 0) {
                    interval[frame] = ms(now - last);
                    fxWork[frame] = ms(fxNow - lastFx);
                    renderWork[frame] = ms(renderNow - lastRender);
                }
                last = now;
                lastFx = fxNow;
                lastRender = renderNow;
                if (++frame >= FRAMES) {
                    stop();
                    done.complete(null);
                    return;
                }
                step.accept(Math.max(0, frame));
                long s = System.nanoTime();
                view.drawNow();
                if (frame >= 0) {
                    draw[frame] = ms(System.nanoTime() - s);
                    visible[0] = Math.max(visible[0], view.lastVisibleNodeCount());
                }
            }
        }.start());
        long fxThread = threadId("JavaFX Application Thread");
        long renderThread = threadId("QuantumRenderer-0");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long fxCpu0 = threads.getThreadCpuTime(fxThread);
        long renderCpu0 = threads.getThreadCpuTime(renderThread);
        done.get(120, TimeUnit.SECONDS);
        double fxCpu = ms(threads.getThreadCpuTime(fxThread) - fxCpu0) / (FRAMES + 10);
        double renderCpu = ms(threads.getThreadCpuTime(renderThread) - renderCpu0) / (FRAMES + 10);
        // frame 0's interval spans the warm-up boundary; drop it
        double[] frames = Arrays.copyOfRange(interval, 1, FRAMES);
        double[] fxFrames = Arrays.copyOfRange(fxWork, 1, FRAMES);
        double[] renderFrames = Arrays.copyOfRange(renderWork, 1, FRAMES);
        // Paced (javafx.animation.fullspeed=false): pulses come every 16.7 ms, so an interval
        // over 1.5 periods is a frame the screen missed.
        long missed = Arrays.stream(frames).filter(f -> f > 25).count();
        System.out.printf(Locale.ROOT, "%-12s %-4s frame interval mean %.1f / p50 %.1f / p95 %.1f / max %.1f ms;"
                + " draw (FX thread) mean %.1f / p95 %.1f ms; CPU per frame: FX thread %.1f ms,"
                + " render thread %.1f ms; scale %.4f; up to %d nodes visible%n",
                where, pan ? "pan" : "zoom", mean(frames), pct(frames, 50), pct(frames, 95), max(frames),
                mean(draw), pct(draw, 95), fxCpu, renderCpu, onFx(view::getScale), visible[0]);
        System.out.printf(Locale.ROOT, "%-12s %-4s CPU per frame p50 / p95 / max: FX thread %.1f / %.1f / %.1f ms,"
                + " render thread %.1f / %.1f / %.1f ms; intervals over 25 ms: %d of %d (%s)%n",
                where, pan ? "pan" : "zoom", pct(fxFrames, 50), pct(fxFrames, 95), max(fxFrames),
                pct(renderFrames, 50), pct(renderFrames, 95), max(renderFrames), missed, frames.length,
                Boolean.getBoolean("javafx.animation.fullspeed") ? "pulses back to back" : "paced at 60 Hz");
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean)
                ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long gcMillis() {
        long total = 0;
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }

    private static long threadId(String name) {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals(name)) {
                return t.getId();
            }
        }
        throw new IllegalStateException("no thread " + name);
    }

    private static long waitPulses(int count) throws Exception {
        CompletableFuture<Long> done = new CompletableFuture<>();
        Platform.runLater(() -> new AnimationTimer() {
            private int seen;

            @Override
            public void handle(long now) {
                if (++seen >= count) {
                    stop();
                    done.complete(System.nanoTime());
                }
            }
        }.start());
        return done.get(30, TimeUnit.SECONDS);
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.call());
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(60, TimeUnit.SECONDS);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElse(0);
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(0);
    }

    private static double median(double[] v) {
        return pct(v, 50);
    }

    private static double pct(double[] v, int p) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.ceil(p / 100.0 * s.length) - 1)];
    }

    private static String fmt(double[] v) {
        StringBuilder b = new StringBuilder();
        for (double d : v) {
            b.append(b.length() == 0 ? "" : ", ").append(Math.round(d));
        }
        return b.toString();
    }
}
