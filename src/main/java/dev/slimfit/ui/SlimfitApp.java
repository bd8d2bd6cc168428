package dev.slimfit.ui;

import dev.slimfit.ui.common.AppPreferences;
import dev.slimfit.ui.common.FxDialogService;
import dev.slimfit.ui.common.FxTaskExecutor;
import dev.slimfit.ui.common.RecipePlanStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The Slimfit desktop app. Opens the model given as the first argument, or the bundled sample;
 * remembers recent files and the window layout.
 */
public final class SlimfitApp extends Application {

    /** The window's view-model and view, as built by {@link #createWindow}. */
    public record Window(MainViewModel viewModel, MainView view, FxTaskExecutor tasks) {
    }

    /** Used by JavaFX. */
    public SlimfitApp() {
    }

    /** Starts the app; {@code args} may hold one model path. */
    public static void main(String[] args) {
        // ELK's first layout in a JVM pays ~1.3 s of class loading and first-run code: pay it
        // while the toolkit starts and the window comes up (GraphLayout.warmUpInBackground).
        dev.slimfit.ui.graph.GraphLayout.warmUpInBackground(args.length == 0 ? 1500 : 100);
        launch(SlimfitApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        AppPreferences prefs = AppPreferences.standard();
        Window w = createWindow(stage, prefs);
        stage.show();
        List<String> args = getParameters().getRaw();
        Optional<Path> initial = args.isEmpty() ? SampleLocator.sample() : Optional.of(Path.of(args.get(0)));
        initial.ifPresent(w.viewModel()::open);
    }

    /**
     * Builds the main window on {@code stage} (not shown yet): services, view-model, view,
     * stylesheet, remembered geometry and split positions, saved again when the window closes.
     */
    public static Window createWindow(Stage stage, AppPreferences prefs) {
        FxTaskExecutor tasks = new FxTaskExecutor(2);
        MainViewModel vm = new MainViewModel(tasks, new FxDialogService(() -> stage), prefs, new RecipePlanStore());
        MainView view = new MainView(vm, tasks);
        // never larger than the screen (remembered sizes may come from a bigger monitor)
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        double width = Math.min(prefs.getDouble("window.width", 1440), screen.getWidth());
        double height = Math.min(prefs.getDouble("window.height", 900), screen.getHeight() - 30);
        Scene scene = new Scene(view, width, height);
        scene.getStylesheets().add(SlimfitApp.class.getResource("slimfit.css").toExternalForm());
        stage.setScene(scene);
        stage.setTitle("Slimfit");
        double x = prefs.getDouble("window.x", Double.NaN);
        double y = prefs.getDouble("window.y", Double.NaN);
        if (!Double.isNaN(x) && !Double.isNaN(y) && screen.contains(x + 40, y + 20)) {
            stage.setX(x);
            stage.setY(y);
        }
        vm.documentProperty().addListener((o, a, d) -> stage.setTitle(d == null ? "Slimfit" : d.name() + " \u2014 Slimfit"));
        view.restoreLayout(prefs);
        stage.setOnShown(e -> view.restoreLayout(prefs));
        stage.setOnHiding(e -> {
            prefs.putDouble("window.width", scene.getWidth());
            prefs.putDouble("window.height", scene.getHeight());
            prefs.putDouble("window.x", stage.getX());
            prefs.putDouble("window.y", stage.getY());
            view.saveLayout(prefs);
            prefs.flush();
        });
        return new Window(vm, view, tasks);
    }
}
