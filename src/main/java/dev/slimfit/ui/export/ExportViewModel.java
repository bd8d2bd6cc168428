package dev.slimfit.ui.export;

import dev.slimfit.model.Model;
import dev.slimfit.runtime.Interpreter;
import dev.slimfit.runtime.KernelRegistry;
import dev.slimfit.runtime.UnsupportedModelException;
import dev.slimfit.tflite.TfliteReader;
import dev.slimfit.tflite.TfliteWriter;
import dev.slimfit.ui.MainViewModel;
import dev.slimfit.ui.ModelDocument;
import dev.slimfit.ui.charts.PlannedModel;
import dev.slimfit.ui.common.TaskExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.stream.Collectors;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * Export dialog state: where to write the model, whether to add the recipe and the HTML report,
 * and the export itself (apply plan → write .tflite, never over the source → recipe → report →
 * re-read the written file and run it once with our interpreter). Runs in the background with
 * progress and cancel.
 */
public final class ExportViewModel {
    /** What an export produced. */
    public record Result(List<Path> files, String runCheck) {
    }

    private final MainViewModel main;
    private final TaskExecutor tasks;
    private final ObjectProperty<Path> target = new SimpleObjectProperty<>();
    private final BooleanProperty writeRecipe = new SimpleBooleanProperty(true);
    private final BooleanProperty writeReport = new SimpleBooleanProperty(true);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ObjectProperty<Result> result = new SimpleObjectProperty<>();
    private final ReadOnlyBooleanWrapper canExport = new ReadOnlyBooleanWrapper();
    private final CalibrationChoice calibration;
    private final boolean needsCalibration;
    private TaskExecutor.Handle handle;

    /** An export of {@code main}'s model and plan. */
    public ExportViewModel(MainViewModel main, TaskExecutor tasks) {
        this.main = main;
        this.tasks = tasks;
        ModelDocument doc = main.documentProperty().get();
        calibration = doc == null ? null : new CalibrationChoice(doc.model());
        needsCalibration = doc != null && dev.slimfit.optimize.Optimizer.wantsSamples(doc.model(),
                main.planProperty().get());
        if (doc != null) {
            String name = doc.name().replaceFirst("\\.tflite$", "");
            Path dir = doc.file().toAbsolutePath().getParent();
            target.set((dir == null ? Path.of(".") : dir).resolve(name + "_slim.tflite"));
        }
        canExport.bind(target.isNotNull().and(running.not()));
    }

    /** Starts the export. */
    public void export() {
        ModelDocument doc = main.documentProperty().get();
        Path out = target.get();
        if (doc == null || out == null || running.get()) {
            return;
        }
        CalibrationChoice.Settings cal;
        try {
            cal = calibration.settings();
        } catch (IllegalArgumentException e) {
            status.set("Export not started: " + e.getMessage());
            main.dialogs().showError("Cannot export " + out.getFileName(), e.getMessage());
            return;
        }
        running.set(true);
        result.set(null);
        status.set("Exporting\u2026");
        var plan = main.planProperty().get();
        boolean recipe = writeRecipe.get();
        boolean report = writeReport.get();
        handle = tasks.submit("Exporting " + out.getFileName(), p -> run(doc, plan, cal, out, recipe, report, p), r -> {
            running.set(false);
            result.set(r);
            status.set("Wrote " + r.files().size() + " file(s). " + r.runCheck());
        }, e -> {
            running.set(false);
            status.set(e instanceof CancellationException ? "Cancelled." : "Export failed: " + e.getMessage());
            if (!(e instanceof CancellationException)) {
                main.dialogs().showError("Cannot export " + out.getFileName(), String.valueOf(e.getMessage()));
            }
        });
    }

    private Result run(ModelDocument doc, dev.slimfit.optimize.Plan plan, CalibrationChoice.Settings cal, Path out,
                       boolean recipe, boolean report, TaskExecutor.Progress p) throws Exception {
        List<Path> files = new ArrayList<>();
        // The export runs the CLI's whole pipeline (prune/cluster with repair on the samples,
        // calibrate the transformed model, quantize), so a plan exports the same model here as
        // `slimfit optimize --recipe` makes of it.
        CalibrationChoice.Source samples = CalibrationChoice.source(doc.model(), cal);
        dev.slimfit.optimize.Plan exported = plan.withCalibration(samples.spec());
        p.update(0.05, "applying the plan");
        long t0 = System.nanoTime();
        dev.slimfit.optimize.Optimizer.Result optimized = new dev.slimfit.optimize.Optimizer(samples,
                dev.slimfit.optimize.quantize.Quantizer.DEFAULT_HYBRID_MIN_ELEMENTS, false).optimize(doc.model(),
                exported, null, (done, total) -> p.update(0.05 + 0.25 * done / Math.max(1, total), "calibrating "
                        + done + "/" + total), p::isCancelled);
        String calibrationNote = samples.note();
        PlannedModel planned = new PlannedModel(exported, optimized.model(), dev.slimfit.optimize.SizeEstimator
                .estimate(optimized.model()), optimized.transforms().applied(), optimized.quantization().notes(),
                (System.nanoTime() - t0) / 1_000_000);
        check(p);
        p.update(0.4, "writing " + out.getFileName());
        TfliteWriter.write(planned.model(), out, doc.file());
        files.add(out);
        check(p);
        String base = out.getFileName().toString().replaceFirst("\\.tflite$", "");
        if (recipe) {
            Path r = out.resolveSibling(base + ".recipe.json");
            main.planStore().save(exported, doc.name(), r);
            files.add(r);
        }
        p.update(0.6, "checking the written model");
        String runCheck = runOnce(out) + calibrationNote;
        check(p);
        if (report) {
            p.update(0.8, "writing the report");
            Path html = out.resolveSibling(base + ".report.html");
            ReportWriter.write(html, doc, planned, out, runCheck);
            files.add(html);
        }
        p.update(1, "done");
        return new Result(files, runCheck);
    }

    private static void check(TaskExecutor.Progress p) {
        if (p.isCancelled()) {
            throw new CancellationException();
        }
    }

    /** Re-reads {@code file} and runs it once on zero inputs; says what happened. */
    static String runOnce(Path file) throws Exception {
        Model m = TfliteReader.read(file);
        List<UnsupportedModelException.Problem> missing = Interpreter.unsupportedNodes(m, KernelRegistry.standard());
        if (!missing.isEmpty()) {
            return "Re-read OK (" + Files.size(file) + " bytes); cannot run it here yet: "
                    + missing.stream().map(q -> q.op() + " v" + q.version()).distinct().limit(6)
                    .collect(Collectors.joining(", ")) + " not supported by Slimfit's interpreter.";
        }
        long t0 = System.nanoTime();
        try (Interpreter in = Interpreter.create(m)) {
            in.invoke();
            double ms = (System.nanoTime() - t0) / 1e6;
            return String.format(java.util.Locale.ROOT, "Re-read OK and ran once with Slimfit's interpreter "
                    + "(%.1f ms, %d output(s)).", ms, in.outputCount());
        }
    }

    /** Cancels a running export. */
    public void cancel() {
        if (handle != null) {
            handle.cancel();
            running.set(false);
            status.set("Cancelled.");
        }
    }

    /** Calibration data, sample count, method and preprocessing (null without a model). */
    public CalibrationChoice calibration() {
        return calibration;
    }

    /**
     * True when the plan uses samples (full-integer layers, or pruning/clustering with repair), so
     * the dialog asks for calibration data.
     */
    public boolean needsCalibration() {
        return needsCalibration;
    }

    /** Where the model goes. */
    public ObjectProperty<Path> targetProperty() {
        return target;
    }

    /** Also write the recipe JSON. */
    public BooleanProperty writeRecipeProperty() {
        return writeRecipe;
    }

    /** Also write the HTML report. */
    public BooleanProperty writeReportProperty() {
        return writeReport;
    }

    /** True while exporting. */
    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** True when Export may be pressed. */
    public ReadOnlyBooleanProperty canExportProperty() {
        return canExport.getReadOnlyProperty();
    }

    /** Progress and outcome text. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The last export's result, or null. */
    public ObjectProperty<Result> resultProperty() {
        return result;
    }
}
