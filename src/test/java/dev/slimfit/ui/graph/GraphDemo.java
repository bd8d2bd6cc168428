package dev.slimfit.ui.graph;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import javafx.util.Duration;

import javax.imageio.ImageIO;

/**
 * Shows a generated model graph in a window, with a search box and a fit button.
 *
 * <p>Run: {@code java -cp <test classpath> dev.slimfit.ui.graph.GraphDemo [nodes] [shot.png] [scale]}.
 * With a file name it frames an interesting region, selects a node, highlights search hits,
 * writes a snapshot of the window and exits. With a scale ("fit" for fit-all) it zooms there
 * first around the framed node, to show the far-zoom level of detail.
 */
public final class GraphDemo {

    private static String[] arguments = new String[0];

    private GraphDemo() { }

    /** Entry point; not an {@link Application} itself so a plain classpath launch works. */
    public static void main(String[] args) {
        arguments = args.clone();
        Application.launch(App.class, args);
    }

    /** The JavaFX application behind {@link #main}. */
    public static final class App extends Application {
        @Override
        public void start(Stage stage) {
            GraphDemo.start(stage);
        }
    }

    private static void start(Stage stage) {
        int nodes = arguments.length > 0 ? Integer.parseInt(arguments[0]) : 300;
        String shot = arguments.length > 1 ? arguments[1] : null;
        GraphSpec spec = SyntheticGraphs.cnn(nodes, 7, 0.02);

        GraphCanvas view = new GraphCanvas();
        view.setLegend(CategoryPalette.legend(spec));
        TextField search = new TextField();
        search.setPromptText("Search ops…");
        search.setPrefColumnCount(18);
        Label status = new Label();
        status.setStyle("-fx-text-fill: #4a5160;");
        search.setOnAction(e -> runSearch(view, spec, search.getText(), status));
        Button fit = new Button("Fit");
        fit.setOnAction(e -> view.fitToView());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label title = new Label("resnet_inception_synthetic.tflite");
        title.setStyle("-fx-font-weight: bold; -fx-text-fill: #2b303a;");
        HBox toolbar = new HBox(10, title, spacer, status, search, fit);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.setPadding(new Insets(8, 12, 8, 12));
        toolbar.setStyle("-fx-background-color: #ffffff; -fx-border-color: transparent transparent #d5d9e0 transparent;");
        view.getSelectedNodes().addListener((javafx.collections.SetChangeListener<Integer>) c ->
                status.setText(view.getSelectedNodes().size() + " selected"));

        BorderPane root = new BorderPane(view, toolbar, null, null, null);
        Scene scene = new Scene(root, 1400, 900);
        stage.setTitle("Slimfit graph view demo — " + spec.nodeCount() + " ops, "
                + spec.edgeCount() + " tensors");
        stage.setScene(scene);
        stage.show();

        ExecutorService layoutThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "graph-layout");
            t.setDaemon(true);
            return t;
        });
        GraphLayout.layoutAsync(spec, layoutThread).thenAccept(geometry -> Platform.runLater(() -> {
            view.setGraph(spec, geometry);
            if (shot != null) {
                frameForScreenshot(view, spec, search, status);
                if (arguments.length > 2 && arguments[2].equals("fit")) {
                    view.fitToView();
                } else if (arguments.length > 2) {
                    view.zoomAt(Double.parseDouble(arguments[2]) / view.getScale(), view.getWidth() / 2,
                            view.getHeight() / 2);
                }
                PauseTransition wait = new PauseTransition(Duration.millis(600));
                wait.setOnFinished(e -> {
                    writeSnapshot(scene, new File(shot));
                    Platform.exit();
                });
                wait.play();
            }
        }));
    }

    /** Frames an inception block near an unsupported op, with a selection and search hits. */
    private static void frameForScreenshot(GraphCanvas view, GraphSpec spec, TextField search,
                                           Label status) {
        int focus = spec.nodeCount() / 3;
        for (int c = 20; c < spec.nodeCount() && focus == spec.nodeCount() / 3; c++) {
            if (!spec.nodes().get(c).label().equals("Concatenation")) {
                continue;
            }
            for (int k = Math.max(0, c - 12); k < Math.min(spec.nodeCount(), c + 6); k++) {
                if (spec.nodes().get(k).unsupported()) {
                    focus = c;
                }
            }
        }
        search.setText("Concatenation");
        runSearch(view, spec, "Concatenation", status);
        view.centerOn(spec.nodes().get(focus).id());
        view.getSelectedNodes().add(spec.nodes().get(focus - 3).id());
    }

    private static void runSearch(GraphCanvas view, GraphSpec spec, String text, Label status) {
        String needle = text.toLowerCase(Locale.ROOT).trim();
        List<Integer> hits = new ArrayList<>();
        for (GraphSpec.Node node : spec.nodes()) {
            if (!needle.isEmpty() && (node.label().toLowerCase(Locale.ROOT).contains(needle)
                    || node.sublabel().toLowerCase(Locale.ROOT).contains(needle))) {
                hits.add(node.id());
            }
        }
        view.setSearchHits(hits);
        status.setText(hits.size() + " matches");
        if (!hits.isEmpty()) {
            view.centerOn(hits.get(0));
        }
    }

    private static void writeSnapshot(Scene scene, File file) {
        try {
            File dir = file.getAbsoluteFile().getParentFile();
            if (dir != null && !dir.isDirectory() && !dir.mkdirs()) {
                throw new IOException("cannot create " + dir);
            }
            ImageIO.write(SwingFXUtils.fromFXImage(scene.snapshot(null), null), "png", file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
