package dev.slimfit.ui;

import dev.slimfit.optimize.Layer;
import dev.slimfit.optimize.Pruning;
import dev.slimfit.optimize.Scheme;
import dev.slimfit.ui.common.AppPreferences;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.prefs.Preferences;

import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * Measures, in the real window, the time from a plan edit to the size panel showing its result
 * (SizeViewModel's lastLatencyMillis: edit on the FX thread → background recompute → charts and
 * summary updated on the FX thread). Also prints the time to open the model (read, analyse, lay
 * out, estimate size).
 *
 * <p>Run headless: {@code java -Dglass.platform=Monocle -Dmonocle.platform=Headless -Dprism.order=sw
 * -cp <test classpath> dev.slimfit.ui.SizeLatency model.tflite}. A measuring tool, not a test.
 */
public final class SizeLatency {
    private static final List<Long> COMPUTE = new ArrayList<>();

    private SizeLatency() {
    }

    /** Entry point. */
    public static void main(String[] args) throws Exception {
        Platform.startup(() -> { });
        Platform.setImplicitExit(false);
        for (String a : args) {
            SlimfitApp.Window[] w = new SlimfitApp.Window[1];
            Preferences node = Preferences.userRoot().node("/dev/slimfit/test/latency");
            fx(() -> {
                Stage s = new Stage();
                w[0] = SlimfitApp.createWindow(s, new AppPreferences(node));
                s.show();
            });
            MainViewModel vm = w[0].viewModel();
            if (System.getProperty("tab") != null) {
                fx(() -> w[0].view().showTab(System.getProperty("tab")));
            }
            for (int open = 0; open < 3; open++) {
                ModelDocument before = vm.documentProperty().get();
                fx(() -> vm.open(Path.of(a)));
                waitUntil(() -> vm.documentProperty().get() != before && planned(w[0]));
                System.err.printf(Locale.ROOT, "%s open %d: %d ms%n", Path.of(a).getFileName(), open,
                        vm.documentProperty().get().openMillis());
            }
            List<Layer> convs = vm.documentProperty().get().layers().stream()
                    .filter(l -> l.hasWeights() && l.op().contains("CONV")).toList();
            List<Long> scheme = new ArrayList<>();
            List<Long> prune = new ArrayList<>();
            List<Long> undo = new ArrayList<>();
            for (Layer l : convs) {
                scheme.add(edit(w[0], v -> v.setScheme(List.of(l.id()), Scheme.INT8)));
                prune.add(edit(w[0], v -> v.setPruning(List.of(l.id()), new Pruning(0.5, Pruning.Pattern.UNSTRUCTURED, false))));
                undo.add(edit(w[0], v -> v.undoStack().undo()));
                edit(w[0], v -> v.undoStack().redo());
            }
            System.err.printf(Locale.ROOT, "%s edit -> size panel, %d conv layers: scheme %s | prune 50%% (new) %s | undo (cached) %s%n",
                    Path.of(a).getFileName(), convs.size(), stats(scheme), stats(prune), stats(undo));
            System.err.println("  of which background compute: " + stats(COMPUTE));
            COMPUTE.clear();
            fx(() -> ((Stage) w[0].view().window()).close());
            node.removeNode();
        }
        Platform.exit();
    }

    private static boolean planned(SlimfitApp.Window w) {
        var p = w.view().sizeViewModel().plannedProperty().get();
        return p != null && p.plan() == w.viewModel().planProperty().get();
    }

    private static long edit(SlimfitApp.Window w, Consumer<MainViewModel> e) throws Exception {
        long prev = w.view().sizeViewModel().lastLatencyMillisProperty().get();
        Object[] planBefore = {w.viewModel().planProperty().get()};
        fx(() -> e.accept(w.viewModel()));
        if (w.viewModel().planProperty().get() == planBefore[0]) {
            return 0;
        }
        waitUntil(() -> planned(w));
        fx(() -> { });
        long ms = w.view().sizeViewModel().lastLatencyMillisProperty().get();
        COMPUTE.add(w.view().sizeViewModel().plannedProperty().get().computeMillis());
        return ms < 0 ? prev : ms;
    }

    private static String stats(List<Long> v) {
        List<Long> s = new ArrayList<>(v);
        s.sort(null);
        return String.format(Locale.ROOT, "median %d ms, p90 %d ms, max %d ms", s.get(s.size() / 2),
                s.get((int) (s.size() * 0.9)), s.get(s.size() - 1));
    }

    private static void fx(Runnable r) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                r.run();
            } finally {
                done.countDown();
            }
        });
        done.await(60, TimeUnit.SECONDS);
    }

    private static void waitUntil(java.util.function.BooleanSupplier c) throws InterruptedException {
        long end = System.currentTimeMillis() + 120_000;
        while (!c.getAsBoolean() && System.currentTimeMillis() < end) {
            Thread.sleep(2);
        }
    }
}
