package dev.slimfit.cli;

import dev.slimfit.model.Model;
import dev.slimfit.optimize.AiEdgeRecipe;
import dev.slimfit.optimize.CalibrationSpec;
import dev.slimfit.optimize.IoType;
import dev.slimfit.optimize.Plan;
import dev.slimfit.optimize.QuantizeService;
import dev.slimfit.optimize.RangeSource;
import dev.slimfit.optimize.Recipe;
import dev.slimfit.optimize.Scheme;
import dev.slimfit.optimize.quantize.QuantizationException;
import dev.slimfit.tflite.TfliteReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code slimfit optimize MODEL (--recipe R.json | --scheme S) [--calibration DIR] [--samples N]
 * [--io float|int8|uint8] -o OUT.tflite [--report R.json]}: applies a Slimfit or AI Edge recipe,
 * or one scheme to every layer, and writes the quantized model. Exit codes: 0 written, 1 refused
 * (what is wrong is printed), 2 bad usage. Calibration data reaches the quantizer through a
 * {@link RangeSource} made from the directory by the factory given at construction.
 */
@Command(name = "optimize", mixinStandardHelpOptions = true,
        description = "Quantize a .tflite model (float16, dynamic, int8, int16x8) and write it.")
public final class OptimizeCommand implements Callable<Integer> {
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

    @Option(names = "--calibration", paramLabel = "DIR", description = "Representative samples for int8/int16x8.")
    private Path calibration;

    @Option(names = "--samples", paramLabel = "N", description = "Calibration samples to use (default: recipe's, 100).")
    private Integer samples;

    @Option(names = "--io", paramLabel = "TYPE", description = "Model I/O for full integer: float, int8, uint8.")
    private String io;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.tflite", description = "Output model.")
    private Path output;

    @Option(names = "--report", paramLabel = "R.json", description = "Write a JSON report (sizes, schemes, notes).")
    private Path report;

    /** A command without calibration support (full-integer plans then fail with a clear message). */
    public OptimizeCommand() {
        this(null);
    }

    /** A command that turns {@code --calibration DIR} into a range source with {@code calibrators}. */
    public OptimizeCommand(Function<Path, RangeSource> calibrators) {
        this.calibrators = calibrators;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Recipe recipe;
        try {
            recipe = recipe(err);
        } catch (IllegalArgumentException e) {
            err.println("slimfit optimize: " + e.getMessage());
            return 2;
        }
        RangeSource source = null;
        if (calibration != null) {
            if (calibrators == null) {
                err.println("slimfit optimize: calibration is not available in this build");
                return 2;
            }
            source = calibrators.apply(calibration);
        }
        try {
            QuantizeService.Outcome o = new QuantizeService(source).export(model, recipe, output,
                    (d, t) -> err.printf(Locale.ROOT, "\rcalibrating %d/%d", d, t), () -> false);
            for (String n : o.result().notes()) {
                out.println("  " + n);
            }
            out.printf(Locale.ROOT, "%s: %,d -> %,d bytes (%.1f%%)%n", output, o.sourceBytes(), o.outputBytes(),
                    100 * o.ratio());
            if (report != null) {
                Files.writeString(report, o.toJson(), StandardCharsets.UTF_8);
            }
            return 0;
        } catch (QuantizationException e) {
            err.println("slimfit optimize: refused: " + e.getMessage());
            return 1;
        } catch (java.io.IOException e) {
            err.println("slimfit optimize: " + e.getMessage());
            return 1;
        }
    }

    private Recipe recipe(PrintWriter err) throws java.io.IOException {
        Recipe r;
        if (what.recipe != null) {
            String text = Files.readString(what.recipe, StandardCharsets.UTF_8);
            if (text.stripLeading().startsWith("[")) {
                Model m = TfliteReader.read(model);
                AiEdgeRecipe.Imported im = AiEdgeRecipe.read(text, m);
                im.warnings().forEach(w -> err.println("warning: " + w));
                r = new Recipe(im.plan(), im.hybridMinElements(), "from AI Edge recipe " + what.recipe.getFileName());
            } else {
                r = Recipe.fromJson(text);
            }
        } else {
            r = Recipe.of(Plan.uniform(Scheme.parse(what.scheme)));
        }
        Plan p = r.plan();
        if (io != null) {
            try {
                p = p.withIo(IoType.valueOf(io.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--io must be float, int8 or uint8, got '" + io + "'", e);
            }
        }
        if (samples != null) {
            CalibrationSpec c = p.calibration();
            p = p.withCalibration(new CalibrationSpec(c.method(), c.percentile(), samples));
        }
        return new Recipe(p, r.hybridMinElements(), r.description());
    }
}
