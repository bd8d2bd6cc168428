package dev.slimfit.ui.eval;

import dev.slimfit.eval.DataSource;
import dev.slimfit.eval.LayerErrorExport;
import dev.slimfit.eval.LayerErrors;
import dev.slimfit.model.Model;
import dev.slimfit.optimize.Layer;
import dev.slimfit.optimize.LayerCatalog;
import dev.slimfit.ui.common.BackgroundJob;
import dev.slimfit.ui.common.DialogService;
import dev.slimfit.ui.common.TaskExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyMapProperty;
import javafx.beans.property.ReadOnlyMapWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State of the Evaluate panel: dataset and preprocessing fields, the latest
 * {@link EvaluationReport}, and per-layer maps (error, latency share) keyed by
 * {@link Layer#id()} of the original model, which the main window can paint on its graph.
 */
public final class EvaluateViewModel {
    private final Model original;
    private final EvaluationRunner.OptimizedModel optimized;
    private final DialogService dialogs;
    private final BackgroundJob job;
    private final EvaluationRunner runner;
    private final Map<String, String> layerIdByTensor = new HashMap<>();

    private final StringProperty dataPath = new SimpleStringProperty("");
    private final StringProperty labelsPath = new SimpleStringProperty("");
    private final StringProperty labelColumn = new SimpleStringProperty("auto");
    private final IntegerProperty labelOffset = new SimpleIntegerProperty(0);
    private final IntegerProperty limit = new SimpleIntegerProperty(200);
    private final IntegerProperty benchRuns = new SimpleIntegerProperty(10);
    private final PreprocessingForm preprocessing = new PreprocessingForm();
    private final ObjectProperty<LayerErrorExport.Metric> metric =
            new SimpleObjectProperty<>(LayerErrorExport.Metric.RMSE_OVER_SCALE);
    private final ReadOnlyObjectWrapper<EvaluationReport> report = new ReadOnlyObjectWrapper<>();
    private final ObservableList<LayerErrors.Row> layerRows = FXCollections.observableArrayList();
    private final ObservableList<LayerErrors.Row> layerRowsView = FXCollections.unmodifiableObservableList(layerRows);
    private final ReadOnlyMapWrapper<String, Double> layerError =
            new ReadOnlyMapWrapper<>(FXCollections.observableHashMap());
    private final ReadOnlyMapWrapper<String, Double> latencyShare =
            new ReadOnlyMapWrapper<>(FXCollections.observableHashMap());
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final BooleanBinding canRun;

    /**
     * @param original  the float model the user opened
     * @param optimized the model the current plan produces (called on a worker thread at each run)
     * @param tasks     background executor
     * @param uiThread  runs progress updates on the UI thread ({@code Platform::runLater})
     * @param dialogs   error and save dialogs
     */
    public EvaluateViewModel(Model original, Supplier<Model> optimized, TaskExecutor tasks, Executor uiThread,
                             DialogService dialogs) {
        this(original, builtFrom(optimized), tasks, uiThread, dialogs);
    }

    private static EvaluationRunner.OptimizedModel builtFrom(Supplier<Model> optimized) {
        Objects.requireNonNull(optimized);
        return (samples, p) -> new EvaluationRunner.Built(optimized.get(), null);
    }

    /**
     * As {@link #EvaluateViewModel(Model, Supplier, TaskExecutor, Executor, DialogService)}, with the
     * optimized model built from each evaluation's samples (the app calibrates and repairs on them).
     */
    public EvaluateViewModel(Model original, EvaluationRunner.OptimizedModel optimized, TaskExecutor tasks,
                             Executor uiThread, DialogService dialogs) {
        this.original = Objects.requireNonNull(original);
        this.optimized = Objects.requireNonNull(optimized);
        this.dialogs = dialogs;
        this.job = new BackgroundJob(tasks, uiThread);
        this.runner = new EvaluationRunner(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
        for (Layer l : LayerCatalog.of(original)) {
            int[] outs = original.mainSubgraph().operators().get(l.opIndex()).outputs();
            if (outs.length > 0 && outs[0] >= 0) {
                layerIdByTensor.put(original.mainSubgraph().tensor(outs[0]).name(), l.id());
            }
        }
        resetPreprocessing();
        canRun = Bindings.createBooleanBinding(() -> !dataPath.get().isBlank() && !job.runningProperty().get(),
                dataPath, job.runningProperty());
        metric.addListener((o, a, b) -> refreshErrorMap());
    }

    /** Refills the preprocessing fields from the model's metadata. */
    public void resetPreprocessing() {
        preprocessing.load(DataSource.defaultPreprocessing(original));
    }

    /** Starts an evaluation of the current dataset settings; errors show in {@link #errorProperty()}. */
    public void run() {
        error.set("");
        EvaluationRunner.Request req;
        try {
            req = request();
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return;
        }
        job.start("Evaluating", p -> runner.run(original, optimized, req, p), this::show,
                e -> error.set(describe(e)));
    }

    EvaluationRunner.Request request() {
        Path data = Path.of(dataPath.get().trim());
        if (!Files.exists(data)) {
            throw new IllegalArgumentException("Dataset not found: " + data);
        }
        String lp = labelsPath.get() == null ? "" : labelsPath.get().trim();
        Path labels = lp.isEmpty() ? null : Path.of(lp);
        if (labels != null && !Files.isRegularFile(labels)) {
            throw new IllegalArgumentException("Labels file not found: " + labels);
        }
        DataSource src = new DataSource(data, labels, "file", labelColumn.get(), labelOffset.get(),
                preprocessing.toPreprocessing());
        return new EvaluationRunner.Request(src, limit.get(), benchRuns.get());
    }

    private static String describe(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && (t.getMessage() == null || t instanceof RuntimeException)) {
            t = t.getCause();
        }
        String msg = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return "Evaluation failed: " + msg;
    }

    private void show(EvaluationReport r) {
        report.set(r);
        layerRows.setAll(r.layers());
        latencyShare.clear();
        latencyShare.putAll(r.latencyShare());
        refreshErrorMap();
    }

    private void refreshErrorMap() {
        Map<String, Double> m = new HashMap<>();
        for (LayerErrors.Row row : layerRows) {
            String id = layerIdByTensor.get(row.tensorName());
            double v = value(row, metric.get());
            if (id != null && Double.isFinite(v)) {
                m.put(id, v);
            }
        }
        layerError.clear();
        layerError.putAll(m);
    }

    /** The row's value of {@code m} (NaN when undefined, e.g. RMSE/scale of a float tensor). */
    public static double value(LayerErrors.Row row, LayerErrorExport.Metric m) {
        return switch (m) {
            case RMSE -> row.rmse();
            case RMSE_OVER_SCALE -> row.rmseOverScale();
            case SQNR_DB -> row.sqnrDb();
            case COSINE -> row.cosine();
        };
    }

    /** Export formats of the per-layer table. */
    public enum ExportFormat { CSV, JSON, MODEL_EXPLORER }

    /** Asks for a file and writes the per-layer errors in {@code format}. */
    public void exportLayers(ExportFormat format) {
        if (layerRows.isEmpty()) {
            dialogs.showInfo("Nothing to export", "Run an evaluation first.");
            return;
        }
        String ext = format == ExportFormat.CSV ? "csv" : "json";
        String name = format == ExportFormat.MODEL_EXPLORER ? "layer_errors.model_explorer.json" : "layer_errors." + ext;
        dialogs.chooseSaveFile("Export per-layer errors", name, format.name(), "*." + ext).ifPresent(f -> {
            try {
                Files.writeString(f, exportText(format));
            } catch (IOException e) {
                dialogs.showError("Cannot write " + f.getFileName(), e.getMessage());
            }
        });
    }

    /** The per-layer errors as text in {@code format}. */
    public String exportText(ExportFormat format) {
        return switch (format) {
            case CSV -> LayerErrorExport.csv(layerRows);
            case JSON -> LayerErrorExport.json(layerRows);
            case MODEL_EXPLORER -> LayerErrorExport.modelExplorer(layerRows, original.mainSubgraph().name(), metric.get());
        };
    }

    /** Cancels a running evaluation. */
    public void cancel() {
        job.cancel();
    }

    public BackgroundJob job() {
        return job;
    }

    public PreprocessingForm preprocessing() {
        return preprocessing;
    }

    public StringProperty dataPathProperty() {
        return dataPath;
    }

    public StringProperty labelsPathProperty() {
        return labelsPath;
    }

    public StringProperty labelColumnProperty() {
        return labelColumn;
    }

    public IntegerProperty labelOffsetProperty() {
        return labelOffset;
    }

    public IntegerProperty limitProperty() {
        return limit;
    }

    public IntegerProperty benchRunsProperty() {
        return benchRuns;
    }

    public ObjectProperty<LayerErrorExport.Metric> metricProperty() {
        return metric;
    }

    public ReadOnlyObjectProperty<EvaluationReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    public ObservableList<LayerErrors.Row> layerRows() {
        return layerRowsView;
    }

    /** Per-layer error (the chosen metric) by original layer id, for colouring the graph. */
    public ReadOnlyMapProperty<String, Double> layerErrorProperty() {
        return layerError.getReadOnlyProperty();
    }

    /** Per-layer share (0..1) of the optimized model's op time, by original layer id. */
    public ReadOnlyMapProperty<String, Double> latencyShareProperty() {
        return latencyShare.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public BooleanBinding canRunProperty() {
        return canRun;
    }
}
