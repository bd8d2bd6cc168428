package dev.slimfit.ui;

import dev.slimfit.model.Model;
import dev.slimfit.model.ModelSummary;
import dev.slimfit.tflite.TfliteFormatException;
import dev.slimfit.tflite.TfliteReader;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javafx.application.Application;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

/**
 * Placeholder desktop app until the real UI lands: one window showing a model's summary
 * (inputs/outputs and op counts, from {@link ModelSummary}) with an Open... button. A file that
 * cannot be read is reported in an error dialog, never by a crash.
 */
public final class SlimfitApp extends Application {
    private final Label header = new Label("No model open");
    private final TextArea body = new TextArea();
    private Stage stage;

    /** Used by JavaFX. */
    public SlimfitApp() {
    }

    /** Starts the app; {@code args} may hold one model path. */
    public static void main(String[] args) {
        launch(SlimfitApp.class, args);
    }

    @Override
    public void start(Stage primary) {
        this.stage = primary;
        body.setEditable(false);
        body.setStyle("-fx-font-family: monospace;");
        Button open = new Button("Open\u2026");
        open.setOnAction(e -> chooseFile());
        HBox top = new HBox(12, open, header);
        top.setPadding(new Insets(8));
        BorderPane root = new BorderPane(body);
        root.setTop(top);
        primary.setScene(new Scene(root, 900, 640));
        primary.setTitle("Slimfit");
        primary.show();
        List<String> args = getParameters().getRaw();
        Optional<Path> initial = args.isEmpty() ? firstSampleModel() : Optional.of(Path.of(args.get(0)));
        initial.ifPresent(this::open);
    }

    private void chooseFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a TensorFlow Lite model");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("TFLite models", "*.tflite"),
                new FileChooser.ExtensionFilter("All files", "*"));
        File f = chooser.showOpenDialog(stage);
        if (f != null) {
            open(f.toPath());
        }
    }

    private void open(Path file) {
        Model model;
        try {
            model = TfliteReader.read(file);
        } catch (TfliteFormatException e) {
            error(file, e.getMessage());
            return;
        } catch (RuntimeException | OutOfMemoryError e) {
            error(file, file + ": cannot read: " + e);
            return;
        }
        ModelSummary s = ModelSummary.of(model);
        stage.setTitle("Slimfit \u2014 " + file.getFileName());
        header.setText(file.getFileName() + ": " + s.totalOps() + " operators, " + s.parameterCount()
                + " parameters");
        body.setText(describe(s));
    }

    private void error(Path file, String message) {
        Alert alert = new Alert(Alert.AlertType.ERROR, message);
        alert.setHeaderText("Cannot open " + file.getFileName());
        alert.initOwner(stage);
        alert.showAndWait();
    }

    static String describe(ModelSummary s) {
        StringBuilder sb = new StringBuilder();
        for (ModelSummary.SubgraphInfo g : s.subgraphs()) {
            sb.append("Subgraph ").append(g.index()).append(g.name() == null ? "" : " '" + g.name() + "'")
                    .append(": ").append(g.tensorCount()).append(" tensors, ").append(g.opCount()).append(" ops\n");
            g.inputs().forEach(t -> sb.append("  input   ").append(tensor(t)).append('\n'));
            g.outputs().forEach(t -> sb.append("  output  ").append(tensor(t)).append('\n'));
        }
        sb.append("\nOperators\n");
        s.opCounts().forEach(o -> sb.append(String.format("  %-36s v%-3d x%d%n", o.op(), o.version(), o.count())));
        return sb.toString();
    }

    private static String tensor(ModelSummary.TensorInfo t) {
        return t.name() + "  " + t.type() + t.shape().stream().map(String::valueOf)
                .collect(Collectors.joining(",", "[", "]"))
                + (t.quantization() == null ? "" : "  " + t.quantization().describe());
    }

    /** The first .tflite in sample-models/, next to the working directory or the jar. */
    static Optional<Path> firstSampleModel() {
        List<Path> dirs = new ArrayList<>();
        dirs.add(Path.of("sample-models"));
        try {
            Path jar = Path.of(SlimfitApp.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path jarDir = jar.getParent();
            if (jarDir != null) {
                dirs.add(jarDir.resolve("sample-models"));
                if (jarDir.getParent() != null) {
                    dirs.add(jarDir.getParent().resolve("sample-models"));
                }
            }
        } catch (URISyntaxException | RuntimeException e) {
            // no code source (unusual class loader): the working directory is enough
        }
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                Optional<Path> first = files.filter(p -> p.getFileName().toString().endsWith(".tflite"))
                        .filter(Files::isRegularFile).sorted().findFirst();
                if (first.isPresent()) {
                    return first;
                }
            } catch (java.io.IOException e) {
                // unreadable directory: try the next candidate
            }
        }
        return Optional.empty();
    }
}
