package dev.slimfit.ui.common;

import dev.slimfit.model.Model;
import dev.slimfit.tflite.TfliteReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.BooleanSupplier;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.util.Duration;

import javax.imageio.ImageIO;

/**
 * Renders the Evaluate, Wizard and Compare features on the shared MNIST models and writes PNGs to
 * {@code docs/screenshots}. A tool, not a test; run under Xvfb:
 * <pre>
 * xvfb-run -a -s '-screen 0 1600x1000x24' java -Dprism.order=sw -cp target/classes:target/test-classes:$CP \
 *     dev.slimfit.ui.common.FeatureScreenshots [which...]
 * </pre>
 */
public final class FeatureScreenshots {
    static final Path MODELS = Path.of("/work/shared/models/mnist");
    static final Path DATA = Path.of("/work/shared/data/mnist");
    private final Deque<Step> steps = new ArrayDeque<>();
    private final Path out = Path.of("docs/screenshots");

    private record Step(BooleanSupplier ready, Runnable action) {
    }

    /** Entry point. */
    public static void main(String[] args) {
        Application.launch(App.class, args);
    }

    /** The JavaFX application behind {@link #main}. */
    public static final class App extends Application {
        @Override
        public void start(Stage stage) throws IOException {
            new FeatureScreenshots().run(stage, getParameters().getRaw());
        }
    }

    static Model model(String name) {
        try {
            return TfliteReader.read(MODELS.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void run(Stage stage, List<String> which) throws IOException {
        Files.createDirectories(out);
        FxTaskExecutor tasks = new FxTaskExecutor(2);
        ScreenshotScript.add(this, stage, tasks, which);
        tick();
    }

    void show(Stage stage, Parent root, double w, double h) {
        stage.setScene(new Scene(root, w, h));
        stage.show();
    }

    void then(BooleanSupplier ready, Runnable action) {
        steps.add(new Step(ready, action));
    }

    void snap(Stage stage, String name) {
        then(() -> true, () -> {
            try {
                ImageIO.write(SwingFXUtils.fromFXImage(stage.getScene().snapshot(null), null), "png",
                        out.resolve(name + ".png").toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private void tick() {
        Timeline t = new Timeline(new KeyFrame(Duration.millis(400), e -> {
            Step s = steps.peek();
            if (s == null) {
                Platform.exit();
                return;
            }
            if (s.ready().getAsBoolean()) {
                steps.poll();
                s.action().run();
            }
            tick();
        }));
        t.play();
    }
}
