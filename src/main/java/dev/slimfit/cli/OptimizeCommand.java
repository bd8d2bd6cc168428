package dev.slimfit.cli;

import dev.slimfit.eval.CalibrationRangeSource;
import dev.slimfit.eval.DataSource;
import dev.slimfit.eval.Preprocessing;
import dev.slimfit.model.Model;
import dev.slimfit.optimize.ActivationRanges;
import dev.slimfit.optimize.AiEdgeRecipe;
import dev.slimfit.optimize.CalibrationSpec;
import dev.slimfit.optimize.IoType;
import dev.slimfit.optimize.Plan;
import dev.slimfit.optimize.QuantizeService;
import dev.slimfit.optimize.RangeSource;
import dev.slimfit.optimize.Recipe;
import dev.slimfit.optimize.Scheme;
import dev.slimfit.optimize.quantize.QuantizationException;
import dev.slimfit.runtime.InvokeObserver;
import dev.slimfit.tflite.TfliteReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code slimfit optimize MODEL (--recipe R.json | --scheme S) [--prune P] [--clusters K]
 * [--sparse-encoding] [--calibration DIR] [--samples N] [--crop F] [--resize M] [--norm N]
 * [--io float|int8|uint8] [--hybrid-min-elements N] -o OUT.tflite [--report R.json]}: applies a
 * Slimfit or AI Edge recipe, or one scheme to every layer, with optional pruning and clustering
 * of every conv/depthwise/FC layer, and writes the model. Every refusal follows the CLI convention: one line
 * {@code slimfit: <file>: <problem>} naming the file at fault (model, recipe, calibration data or
 * output), exit code 2, nothing written. Calibration data reaches the quantizer through a
 * {@link RangeSource}: by default {@code eval.CalibrationRangeSource} over the folder or file with
 * the given image preprocessing; tests may inject another.
 */
@Command(name = "optimize", mixinStandardHelpOptions = true,
        description = "Prune, cluster and quantize a .tflite model (float16, dynamic, int8, int16x8) and write it.")
public final class OptimizeCommand implements Callable<Integer>, CliErrors.FileCommand {
    private final Function<Path, RangeSource> calibrators;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "Float .tflite model to quantize.")
    private Path model;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private What what;

    static final class What {
        @Option(names = "--recipe", paramLabel = "R.json",
                description = "Slimfit recipe (slimfit.recipe/1) or AI Edge Quantizer recipe (JSON list).")
        Path recipe;

        @Option(names = "--scheme", paramLabel = "SCHEME",
                description = "One scheme for every layer: float16, dynamic, int8, int16x8.")
        String scheme;
    }

    @Option(names = "--calibration", paramLabel = "DIR",
            description = "Representative samples for int8/int16x8: image folder, IDX file, .npy or raw tensor files.")
    private Path calibration;

    @Option(names = "--samples", paramLabel = "N", description = "Calibration samples to use (default: recipe's, 100).")
    private Integer samples;

    @Option(names = "--crop", paramLabel = "F", description = "Calibration images: central crop fraction (e.g. 0.875).")
    private Double crop;

    @Option(names = "--resize", paramLabel = "M", description = "Calibration images: bilinear or bilinear-tf1.")
    private String resize;

    @Option(names = "--norm", paramLabel = "N",
            description = "Calibration images: minus1to1, zero1, raw, imagenet or mean=a[,b,c]:std=x[,y,z].")
    private String norm;

    @Option(names = "--io", paramLabel = "TYPE", description = "Model I/O for full integer: float, int8, uint8.")
    private String io;

    @Option(names = "--hybrid-min-elements", paramLabel = "N",
            description = "Dynamic range: quantize weights of at least N elements (converter default 1024; 0 for"
                    + " the smallest file).")
    private Integer hybridMinElements;

    @Option(names = "--prune", paramLabel = "SPARSITY", description = "Prune every conv/depthwise/FC layer: "
            + WeightFlags.PRUNE_DESCRIPTION + ". repair re-solves kept weights on the calibration samples.")
    private String prune;

    @Option(names = "--clusters", paramLabel = "K", description = "Cluster every conv/depthwise/FC layer's weights: "
            + WeightFlags.CLUSTERS_HELP + ".")
    private String clusters;

    @Option(names = "--granularity", paramLabel = "G", description = WeightFlags.GRANULARITY_HELP + ".")
    private String granularity;

    @Option(names = "--sparse-encoding", description = "Store pruned weights in TFLite's sparse encoding (DENSIFY)"
            + " where that makes the file smaller.")
    private boolean sparseEncoding;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.tflite", description = "Output model.")
    private Path output;

    @Option(names = "--report", paramLabel = "R.json", description = "Write a JSON report (sizes, schemes, notes).")
    private Path report;

    /** The command as the CLI registers it: {@code --calibration} data is read by {@code eval}. */
    public OptimizeCommand() {
        this(null);
    }

    /** A command that turns {@code --calibration DIR} into a range source with {@code calibrators}. */
    public OptimizeCommand(Function<Path, RangeSource> calibrators) {
        this.calibrators = calibrators;
    }

    @Override
    public String file() {
        return model == null ? null : model.toString();
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isRegularFile(model)) {
            throw new UserError(model + ": " + (Files.isDirectory(model) ? "is a directory, not a .tflite file"
                    : "no such file"));
        }
        if (calibration != null && !Files.exists(calibration)) {
            throw new UserError(calibration + ": no such calibration folder or file");
        }
        Recipe recipe = recipe(err);
        refuseSameFile();
        RangeSource source = calibration == null ? null : userErrors(rangeSource());
        boolean console = System.console() != null;
        QuantizeService.Outcome o;
        try {
            o = new QuantizeService(source, sparseEncoding).export(model, recipe, output, (d, t) -> {
                if (console) {
                    err.printf(Locale.ROOT, "\rcalibrating %d/%d%s", d, t, d == t ? "\n" : "");
                    err.flush();
                }
            }, () -> false);
        } catch (QuantizationException e) {
            throw new UserError(subjectFile(e.subject()) + ": " + e.getMessage(), e);
        } catch (java.nio.file.FileSystemException e) {
            throw new UserError(output + ": cannot write: " + CliErrors.message(e, null), e);
        }
        out.print(calibrationSaid);
        for (String n : o.result().notes()) {
            out.println("  " + n);
        }
        out.printf(Locale.ROOT, "%s: %,d -> %,d bytes (%.1f%%)%n", output, o.sourceBytes(), o.outputBytes(),
                100 * o.ratio());
        if (o.outputBytes() >= o.sourceBytes()) {
            out.println("  note: the output is not smaller than the source: this model's weights are too small for"
                    + " the saving to outweigh the added structure"
                    + (recipe.hybridMinElements() > 0 ? " (dynamic range keeps weights under "
                    + recipe.hybridMinElements() + " elements float; --hybrid-min-elements 0 quantizes them)" : ""));
        }
        if (report != null) {
            Files.writeString(report, o.toJson(), StandardCharsets.UTF_8);
        }
        return 0;
    }

    /** What {@link #rangeSource} has to say about the calibration data, printed with the result. */
    private String calibrationSaid = "";

    private RangeSource rangeSource() {
        if (calibrators != null) {
            return calibrators.apply(calibration);
        }
        Model m;
        try {
            m = TfliteReader.read(model);
        } catch (java.io.IOException e) {
            throw new UserError(CliErrors.message(e, model.toString()), e);
        }
        Preprocessing pre;
        try {
            pre = CliPreprocessing.apply(DataSource.defaultPreprocessing(m), crop, resize, norm);
        } catch (IllegalArgumentException e) {
            throw new UserError(model + ": " + e.getMessage(), e);
        }
        // Said with the result (on failure stdout stays empty): what the calibration images went through.
        java.io.StringWriter said = new java.io.StringWriter();
        PrintWriter w = new PrintWriter(said);
        w.println("calibration " + calibration + " preprocessing: " + pre);
        try {
            CliPreprocessing.warnIfGuessed(w, m, calibration, norm);
        } catch (java.io.IOException e) {
            throw new UserError(CliErrors.message(e, calibration.toString()), e);
        }
        w.flush();
        calibrationSaid = said.toString();
        return CalibrationRangeSource.of(new DataSource(calibration, null, "file", "auto", 0, pre));
    }

    /**
     * {@code source} with its failures as user errors naming the calibration data: a dataset that
     * does not fit the model's input (wrong .npy shape, a non-image input fed images, no usable
     * samples), or a float model the interpreter cannot run.
     */
    private RangeSource userErrors(RangeSource source) {
        return new RangeSource() {
            @Override
            public ActivationRanges ranges(Model m, CalibrationSpec spec, Progress progress,
                                           java.util.function.BooleanSupplier cancel) {
                return asUserErrors(() -> source.ranges(m, spec, progress, cancel));
            }

            @Override
            public <O extends InvokeObserver> List<O> observe(Model m, int n, Supplier<O> observers,
                                                              Progress progress,
                                                              java.util.function.BooleanSupplier cancel) {
                return asUserErrors(() -> source.observe(m, n, observers, progress, cancel));
            }
        };
    }

    private <T> T asUserErrors(Supplier<T> work) {
        try {
            return work.get();
        } catch (UncheckedIOException e) {
            throw new UserError(named(calibration, e.getCause().getMessage()), e);
        } catch (IllegalArgumentException e) {
            throw new UserError(named(calibration, e.getMessage()), e);
        } catch (IllegalStateException e) {
            throw new UserError(named(model, e.getMessage()), e);
        }
    }

    /** Same file = same inode, whatever path spelling or link leads to it. */
    private void refuseSameFile() throws java.io.IOException {
        if (Files.exists(output) && Files.isSameFile(model, output)) {
            throw new UserError(output + ": is the input model " + model
                    + " (same file); refusing to overwrite it, choose another output");
        }
    }

    /** The file a quantizer refusal is about. */
    private Path subjectFile(QuantizationException.Subject s) {
        return switch (s) {
            case PLAN -> what.recipe != null ? what.recipe : model;
            case CALIBRATION -> calibration != null ? calibration : model;
            case MODEL -> model;
        };
    }

    /** {@code message} prefixed with {@code file} unless it already names a file under it. */
    private static String named(Path file, String message) {
        String m = String.valueOf(message);
        return file != null && m.startsWith(file.toString()) ? m : file + ": " + m;
    }

    private Recipe recipe(PrintWriter err) throws java.io.IOException {
        Recipe r;
        if (what.recipe != null) {
            if (!Files.isRegularFile(what.recipe)) {
                throw new UserError(what.recipe + ": no such recipe file");
            }
            String text = Files.readString(what.recipe, StandardCharsets.UTF_8);
            try {
                if (text.stripLeading().startsWith("[")) {
                    Model m = TfliteReader.read(model);
                    AiEdgeRecipe.Imported im = AiEdgeRecipe.read(text, m);
                    im.warnings().forEach(w -> err.println("warning: " + w));
                    r = new Recipe(im.plan(), im.hybridMinElements(), "from AI Edge recipe "
                            + what.recipe.getFileName());
                } else {
                    r = Recipe.fromJson(text);
                }
            } catch (IllegalArgumentException | UncheckedIOException e) {
                throw new UserError(what.recipe + ": " + e.getMessage(), e);
            }
        } else {
            try {
                r = Recipe.of(Plan.uniform(Scheme.parse(what.scheme)));
            } catch (IllegalArgumentException e) {
                throw new UserError(model + ": --scheme: " + e.getMessage(), e);
            }
        }
        Plan p;
        try {
            p = WeightFlags.withGranularity(WeightFlags.apply(r.plan(), WeightFlags.prune(prune),
                    WeightFlags.clusters(clusters)), WeightFlags.granularity(granularity));
        } catch (IllegalArgumentException e) {
            throw new UserError(model + ": " + e.getMessage(), e);
        }
        if (io != null) {
            try {
                p = p.withIo(IoType.valueOf(io.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new UserError(model + ": --io must be float, int8 or uint8, got '" + io + "'", e);
            }
        }
        if (samples != null) {
            if (samples < 1) {
                throw new UserError(model + ": --samples must be at least 1, got " + samples);
            }
            CalibrationSpec c = p.calibration();
            p = p.withCalibration(new CalibrationSpec(c.method(), c.percentile(), samples));
        }
        int hybrid = r.hybridMinElements();
        if (hybridMinElements != null) {
            if (hybridMinElements < 0) {
                throw new UserError(model + ": --hybrid-min-elements must be >= 0, got " + hybridMinElements);
            }
            hybrid = hybridMinElements;
        }
        return new Recipe(p, hybrid, r.description());
    }
}
