package dev.slimfit.cli;

import dev.slimfit.model.Model;
import dev.slimfit.optimize.AiEdgeRecipe;
import dev.slimfit.optimize.CalibrationSpec;
import dev.slimfit.optimize.Optimizer;
import dev.slimfit.optimize.Plan;
import dev.slimfit.optimize.RangeSource;
import dev.slimfit.optimize.Recipe;
import dev.slimfit.optimize.Scheme;
import dev.slimfit.optimize.SizeEstimator;
import dev.slimfit.optimize.SizeRanges;
import dev.slimfit.optimize.quantize.QuantizationException;
import dev.slimfit.tflite.TfliteReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code slimfit size MODEL [--recipe R.json | --scheme S] [--prune P] [--clusters K]
 * [--sparse-encoding] [--calibration DIR]}: what a plan would make of the file, without writing
 * it — per layer the op, parameters, raw and deflated bytes, distinct values and sparsity of the
 * planned model, and raw/compressed totals of the original and the planned model. The numbers are
 * {@link SizeEstimator}'s: the exact bytes an export would write, deflated as zip does.
 */
@Command(name = "size", mixinStandardHelpOptions = true,
        description = "Estimate raw and compressed size of a planned model (nothing is written).")
public final class SizeCommand implements Callable<Integer>, CliErrors.FileCommand {
    private final Function<Path, RangeSource> calibrators;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "Float .tflite model.")
    private Path model;

    @Option(names = "--recipe", paramLabel = "R.json", description = "Slimfit or AI Edge Quantizer recipe.")
    private Path recipe;

    @Option(names = "--scheme", paramLabel = "SCHEME",
            description = "One scheme for every layer: float32 (default), float16, dynamic, int8, int16x8.")
    private String scheme;

    @Option(names = "--prune", paramLabel = "SPARSITY", description = WeightFlags.PRUNE_DESCRIPTION)
    private String prune;

    @Option(names = "--granularity", paramLabel = "G", description = WeightFlags.GRANULARITY_HELP)
    private String granularity;

    @Option(names = "--clusters", paramLabel = "K", description = WeightFlags.CLUSTERS_HELP)
    private String clusters;

    @Option(names = "--sparse-encoding", description = "Estimate with TFLite's sparse encoding where it pays.")
    private boolean sparseEncoding;

    @Option(names = "--calibration", paramLabel = "DIR", description = "Samples for int8/int16x8 and repair.")
    private Path calibration;

    @Option(names = "--samples", paramLabel = "N", description = "Calibration samples to use (default 100).")
    private Integer samples;

    /** A command without calibration support. */
    public SizeCommand() {
        this(null);
    }

    /** A command that turns {@code --calibration DIR} into a range source with {@code calibrators}. */
    public SizeCommand(Function<Path, RangeSource> calibrators) {
        this.calibrators = calibrators;
    }

    @Override
    public String file() {
        return model == null ? null : model.toString();
    }

    @Override
    public Integer call() throws IOException {
        Model m = TfliteReader.read(model);
        Recipe r;
        try {
            r = recipe(m);
        } catch (IllegalArgumentException e) {
            throw new UserError(model + ": " + e.getMessage(), e);
        }
        // Without samples, full-integer layers get placeholder activation ranges: the bytes do not
        // depend on them (as in the app's size preview); repair still needs real samples.
        RangeSource source = SizeRanges.source();
        if (calibration != null) {
            if (calibrators == null) {
                throw new UserError(model + ": calibration is not available in this build");
            }
            source = calibrators.apply(calibration);
        }
        Model planned;
        try {
            PrintWriter err = spec.commandLine().getErr();
            planned = new Optimizer(source, r.hybridMinElements(), sparseEncoding).optimize(m, r.plan(), null,
                    (d, t) -> err.printf(Locale.ROOT, "\rcalibrating %d/%d%s", d, t, d == t ? "\n" : ""), null)
                    .model();
        } catch (QuantizationException e) {
            throw new UserError(model + ": " + e.getMessage(), e);
        }
        print(SizeEstimator.estimate(m), SizeEstimator.estimate(planned), planned);
        if (calibration == null && r.plan().needsCalibration(dev.slimfit.optimize.LayerCatalog.of(m))) {
            spec.commandLine().getOut().println("activation ranges: placeholders (no --calibration); sizes do not"
                    + " depend on them, an export calibrates");
        }
        return 0;
    }

    private void print(SizeEstimator.Estimate original, SizeEstimator.Estimate planned, Model plannedModel) {
        PrintWriter out = spec.commandLine().getOut();
        TextTable t = new TextTable().left("layer", 40).left("op", 20).right("params").right("raw")
                .right("compressed").right("unique").right("sparsity");
        for (SizeEstimator.LayerSize l : planned.layers()) {
            if (l.rawBytes() == 0) {
                continue;
            }
            t.row(l.layerId(), plannedModel.mainSubgraph().operators().get(l.opIndex()).code().displayName(), TextTable.count(l.elements()), TextTable.count(l.rawBytes()),
                    TextTable.count(l.compressedBytes()), l.uniqueValues() > 65536 ? ">65536"
                            : TextTable.count(l.uniqueValues()),
                    String.format(Locale.ROOT, "%.1f%%", 100 * l.sparsity()));
        }
        out.print(t.render());
        out.println();
        TextTable totals = new TextTable().left("model", 10).right("raw").right("compressed").right("vs original");
        totals.row("original", TextTable.count(original.rawBytes()), TextTable.count(original.compressedBytes()),
                "100.0%");
        totals.row("planned", TextTable.count(planned.rawBytes()), TextTable.count(planned.compressedBytes()),
                String.format(Locale.ROOT, "%.1f%%", 100.0 * planned.compressedBytes()
                        / Math.max(1, original.compressedBytes())));
        out.print(totals.render());
        out.println("compressed = deflate level " + SizeEstimator.LEVEL + " (as zip); raw = the exported file");
    }

    private Recipe recipe(Model m) throws IOException {
        if (recipe != null && scheme != null) {
            throw new IllegalArgumentException("give --recipe or --scheme, not both");
        }
        Recipe r;
        if (recipe != null) {
            String text = Files.readString(recipe, StandardCharsets.UTF_8);
            if (text.stripLeading().startsWith("[")) {
                AiEdgeRecipe.Imported im = AiEdgeRecipe.read(text, m);
                r = new Recipe(im.plan(), im.hybridMinElements(), null);
            } else {
                r = Recipe.fromJson(text);
            }
        } else {
            r = Recipe.of(Plan.uniform(scheme == null ? Scheme.FLOAT32 : Scheme.parse(scheme)));
        }
        Plan p = WeightFlags.withGranularity(WeightFlags.apply(r.plan(), WeightFlags.prune(prune),
                WeightFlags.clusters(clusters)), WeightFlags.granularity(granularity));
        if (samples != null) {
            CalibrationSpec c = p.calibration();
            p = p.withCalibration(new CalibrationSpec(c.method(), c.percentile(), samples));
        }
        return new Recipe(p, r.hybridMinElements(), r.description());
    }
}
