package dev.slimfit.ui;

import dev.slimfit.optimize.Clustering;
import dev.slimfit.optimize.Layer;
import dev.slimfit.optimize.Pruning;
import dev.slimfit.optimize.Scheme;
import dev.slimfit.ui.common.AppPreferences;
import dev.slimfit.ui.export.ExportDialog;
import dev.slimfit.ui.graph.ColorMode;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.prefs.Preferences;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.Duration;

import javax.imageio.ImageIO;

/**
 * Writes a screenshot of each main view to a directory (default {@code docs/screenshots}), for the
 * README. Run under a display (Xvfb works):
 * <pre>
 * xvfb-run -a -s '-screen 0 1600x1000x24' java -Dprism.order=sw -cp target/slimfit.jar \
 *     dev.slimfit.ui.Screenshots [model.tflite] [out-dir]
 * </pre>
 * It opens the model (default: the bundled sample), plans a few layers, and snapshots the main
 * window, the size tab, the histogram, a zoomed graph, the export dialog and an error dialog.
 */
public final class Screenshots {
    private final Deque<Step> steps = new ArrayDeque<>();
    private Path out;

    private record Step(BooleanSupplier ready, Runnable action) {
    }

    /** Entry point: {@code [model] [out-dir]}. Not an Application itself, so a plain classpath launch works. */
    public static void main(String[] args) {
        Application.launch(App.class, args);
    }

    /** The JavaFX application behind {@link #main}. */
    public static final class App extends Application {
        @Override
        public void start(Stage stage) throws IOException {
            new Screenshots().start(stage, getParameters().getRaw());
        }
    }

    private void start(Stage stage, List<String> args) throws IOException {
        Path model = args.isEmpty() ? SampleLocator.sample().orElseThrow() : Path.of(args.get(0));
        out = Path.of(args.size() > 1 ? args.get(1) : "docs/screenshots");
        Files.createDirectories(out);
        AppPreferences prefs = new AppPreferences(Preferences.userRoot().node("/dev/slimfit/screenshots"));
        SlimfitApp.Window w = SlimfitApp.createWindow(stage, prefs);
        MainViewModel vm = w.viewModel();
        MainView view = w.view();
        stage.setWidth(1500);
        stage.setHeight(940);
        stage.show();
        vm.open(model);
        Path export = Files.createTempDirectory("slimfit-shots").resolve(
                model.getFileName().toString().replace(".tflite", "_slim.tflite"));
        Path garbage = Files.createTempFile("broken", ".tflite");
        Files.write(garbage, "this is not a flatbuffer, just text pretending to be a model".getBytes());

        then(() -> vm.documentProperty().get() != null, () -> {
            Layer conv = firstOp(vm, "CONV_2D", 1);
            vm.selection().add(conv.opIndex());
            view.graph().centerOn(conv.opIndex());
        });
        pause(900, () -> shoot(stage.getScene(), "main-window.png"));
        then(() -> true, () -> {
            List<String> convs = vm.documentProperty().get().layers().stream()
                    .filter(l -> l.hasWeights() && l.op().contains("CONV")).map(Layer::id).toList();
            vm.setPruning(convs.subList(0, convs.size() / 2), new Pruning(0.6, Pruning.Pattern.UNSTRUCTURED, false));
            List<String> rest = convs.subList(convs.size() / 2, convs.size());
            vm.setClustering(rest, new Clustering(16, Clustering.Init.KMEANS_PLUS_PLUS, false));
            view.measureViewModel().measure();
        });
        then(() -> view.layers().table().getItems().stream().anyMatch(r -> r.errorProperty().get() != null), () -> {
            viewColour(view, ColorMode.LAYER_ERROR);
            view.graph().canvas().fitToView();
        });
        pause(1500, () -> shoot(stage.getScene(), "colour-by-error.png"));
        then(() -> true, () -> {
            List<String> convs = vm.documentProperty().get().layers().stream()
                    .filter(l -> l.hasWeights() && l.op().contains("CONV")).map(Layer::id).toList();
            vm.setScheme(convs, Scheme.DYNAMIC_INT8);
            viewColour(view, ColorMode.OP_CATEGORY);
            view.showTab("Size");
        });
        then(() -> planned(view, vm), () -> { });
        pause(1500, () -> shoot(stage.getScene(), "size-panel.png"));
        then(() -> true, () -> {
            vm.selection().clear();
            Layer l = vm.documentProperty().get().layers().stream().filter(x -> x.hasWeights()
                    && vm.planProperty().get().choiceFor(x.id()).clustering() != null).reduce((a, b) -> b).orElseThrow();
            vm.selection().add(l.opIndex());
            view.showTab("Histogram");
        });
        pause(1200, () -> shoot(stage.getScene(), "histogram.png"));
        then(() -> true, () -> {
            view.showTab("Layers");
            view.graph().searchFor("DEPTHWISE");
        });
        pause(900, () -> shoot(stage.getScene(), "graph-search.png"));
        then(() -> true, () -> {
            view.graph().canvas().fitToView();
            viewColour(view, ColorMode.PLANNED_SCHEME);
        });
        pause(900, () -> shoot(stage.getScene(), "colour-by-scheme.png"));
        then(() -> true, () -> view.showTab("Compare"));
        pause(2500, () -> shoot(stage.getScene(), "compare-tab.png"));
        then(() -> true, () -> view.showTab("Layers"));
        ExportDialog[] dialog = new ExportDialog[1];
        then(() -> true, () -> {
            // one full-integer layer, so the dialog shows its calibration chooser
            vm.setScheme(List.of(firstOp(vm, "CONV_2D", 1).id()), Scheme.INT8);
            dialog[0] = view.openExport();
            ((javafx.scene.control.TextField) dialog[0].stage().getScene().lookup("#export-path"))
                    .setText(export.toString());
            ((javafx.scene.control.Button) dialog[0].stage().getScene().lookup("#export-run")).fire();
        });
        then(() -> Files.exists(export.resolveSibling(export.getFileName().toString()
                .replace(".tflite", ".report.html"))), () -> { });
        pause(800, () -> shoot(dialog[0].stage().getScene(), "export-dialog.png"));
        then(() -> true, () -> {
            dialog[0].stage().close();
            vm.open(garbage);
        });
        then(() -> Window.getWindows().size() > 1, () -> { });
        pause(700, () -> {
            Window.getWindows().stream().filter(x -> x != stage).findFirst()
                    .ifPresent(x -> shoot(x.getScene(), "error-dialog.png"));
            Platform.exit();
        });
        run();
    }

    private static boolean planned(MainView view, MainViewModel vm) {
        var p = view.sizeViewModel().plannedProperty().get();
        return p != null && p.plan() == vm.planProperty().get();
    }

    private static void viewColour(MainView view, ColorMode mode) {
        ((javafx.scene.control.ComboBox<?>) view.lookup(".pane-bar .combo-box")).getSelectionModel().select(mode.ordinal());
    }

    private static Layer firstOp(MainViewModel vm, String op, int nth) {
        List<Layer> l = vm.documentProperty().get().layers().stream().filter(x -> x.op().equals(op)).toList();
        return l.isEmpty() ? vm.documentProperty().get().layers().get(0) : l.get(Math.min(nth, l.size() - 1));
    }

    private void then(BooleanSupplier ready, Runnable action) {
        steps.add(new Step(ready, action));
    }

    private void pause(long millis, Runnable action) {
        long[] until = {-1};
        steps.add(new Step(() -> {
            if (until[0] < 0) {
                until[0] = System.currentTimeMillis() + millis;
            }
            return System.currentTimeMillis() >= until[0];
        }, action));
    }

    private void run() {
        Timeline poll = new Timeline(new KeyFrame(Duration.millis(100), e -> {
            while (!steps.isEmpty() && steps.peek().ready().getAsBoolean()) {
                steps.poll().action().run();
            }
        }));
        poll.setCycleCount(Timeline.INDEFINITE);
        poll.play();
    }

    private void shoot(Scene scene, String name) {
        try {
            File f = out.resolve(name).toFile();
            ImageIO.write(SwingFXUtils.fromFXImage(scene.snapshot(null), null), "png", f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
