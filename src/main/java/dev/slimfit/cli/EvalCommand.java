package dev.slimfit.cli;

import dev.slimfit.eval.AccuracyEvaluator;
import dev.slimfit.eval.DataSource;
import dev.slimfit.eval.Dataset;
import dev.slimfit.eval.Fidelity;
import dev.slimfit.eval.LayerErrorExport;
import dev.slimfit.eval.LayerErrors;
import dev.slimfit.eval.Preprocessing;
import dev.slimfit.model.Model;
import dev.slimfit.tflite.TfliteReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code slimfit eval MODEL --data DIR}: top-1/top-5 on labelled data, agreement with a reference
 * model, and per-layer errors, using the same services as the app.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Measure accuracy (top-1/top-5), agreement with a reference model and per-layer errors.")
public final class EvalCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "The .tflite model to evaluate.")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "DIR",
            description = "Image folder, .npy/raw tensor file or folder, or IDX image file.")
    Path data;

    @Option(names = "--labels", paramLabel = "FILE", description = "Label CSV (or IDX label file).")
    Path labels;

    @Option(names = "--label-column", defaultValue = "auto", paramLabel = "C",
            description = "CSV label column (default: class_index_<classes> if present, else 'label').")
    String labelColumn;

    @Option(names = "--file-column", defaultValue = "file", paramLabel = "C", description = "CSV file column.")
    String fileColumn;

    @Option(names = "--label-offset", defaultValue = "0", paramLabel = "N", description = "Added to every label.")
    int labelOffset;

    @Option(names = "--reference", paramLabel = "ORIGINAL", description = "Original model to compare against.")
    Path reference;

    @Option(names = "--layers", paramLabel = "OUT", description = "Write per-layer errors (.csv or .json).")
    Path layers;

    @Option(names = "--model-explorer", paramLabel = "OUT",
            description = "Write per-layer RMSE/scale as Model Explorer node data JSON.")
    Path modelExplorer;

    @Option(names = "--limit", defaultValue = "0", paramLabel = "N", description = "Use only the first N samples.")
    int limit;

    @Option(names = "--threads", paramLabel = "T", description = "Worker threads (default: all cores).")
    Integer threads;

    @Option(names = "--crop", paramLabel = "F", description = "Central crop fraction (TF-slim eval: 0.875).")
    Double crop;

    @Option(names = "--resize", paramLabel = "M", description = "bilinear (half-pixel) or bilinear-tf1.")
    String resize;

    @Option(names = "--norm", paramLabel = "N",
            description = "minus1to1, zero1, raw, imagenet, or mean=a[,b,c]:std=x[,y,z] on the 0..255 scale.")
    String norm;

    @Spec
    CommandSpec spec;

    /** Used by picocli. */
    public EvalCommand() {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (reference == null && (layers != null || modelExplorer != null)) {
            throw new UserError(model + ": --layers and --model-explorer need --reference ORIGINAL.tflite");
        }
        Model m = TfliteReader.read(model);
        Model ref = reference == null ? null : TfliteReader.read(reference);
        if (ref != null) {
            dev.slimfit.eval.InputSpec a = dev.slimfit.eval.InputSpec.of(ref, 0);
            dev.slimfit.eval.InputSpec b = dev.slimfit.eval.InputSpec.of(m, 0);
            if (a.type() != b.type() || a.byteSize() != b.byteSize()
                    || ref.mainSubgraph().inputs().length != m.mainSubgraph().inputs().length) {
                // Agreement and per-layer errors feed both models the same input bytes.
                throw new UserError(model + ": takes " + b + " but the reference " + reference.getFileName()
                        + " takes " + a + "; agreement and per-layer errors compare models fed the same inputs"
                        + " (export with --io float to compare against the float original)");
            }
        }
        Preprocessing pre;
        try {
            pre = CliPreprocessing.apply(DataSource.defaultPreprocessing(m), crop, resize, norm);
        } catch (IllegalArgumentException e) {
            throw new UserError(model + ": " + e.getMessage(), e);
        }
        Dataset ds = new DataSource(data, labels, fileColumn, labelColumn, labelOffset, pre).open(m).limit(limit);
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        out.println("eval model=" + model.getFileName() + " samples=" + ds.size() + " preprocessing: " + pre);
        CliPreprocessing.warnIfGuessed(out, m, data, norm);
        if (ds.labelled()) {
            AccuracyEvaluator.Result r = new AccuracyEvaluator(t).evaluate(m, ds, 0, null, null);
            out.printf(Locale.ROOT, "top1=%.4f top5=%.4f n=%d%n", r.top1(), r.top5(), r.samples());
        } else {
            out.println("top1=NA top5=NA (unlabelled data)");
        }
        if (ref != null) {
            Fidelity.Result f = new Fidelity(t).compare(ref, m, ds, 0, null, null);
            out.printf(Locale.ROOT, "agreement=%.4f sqnr_db=%.2f cosine=%.6f n=%d%n", f.top1Agreement(), f.sqnrDb(),
                    f.meanCosine(), f.samples());
            if (layers != null || modelExplorer != null) {
                List<LayerErrors.Row> rows = new LayerErrors(t).compute(ref, m, ds, null, null);
                if (layers != null) {
                    boolean json = layers.toString().toLowerCase(Locale.ROOT).endsWith(".json");
                    Files.writeString(layers, json ? LayerErrorExport.json(rows) : LayerErrorExport.csv(rows),
                            StandardCharsets.UTF_8);
                    out.println("wrote " + layers + " (" + rows.size() + " tensors)");
                }
                if (modelExplorer != null) {
                    Files.writeString(modelExplorer, LayerErrorExport.modelExplorer(rows, m.mainSubgraph().name(),
                            LayerErrorExport.Metric.RMSE_OVER_SCALE), StandardCharsets.UTF_8);
                    out.println("wrote " + modelExplorer);
                }
            }
        }
        out.flush();
        return 0;
    }
}
