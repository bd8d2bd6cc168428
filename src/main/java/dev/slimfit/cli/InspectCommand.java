package dev.slimfit.cli;

import dev.slimfit.model.Model;
import dev.slimfit.model.ModelSummary;
import dev.slimfit.tflite.TfliteReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code slimfit inspect MODEL [--json]}: prints the {@link ModelSummary} of a model. */
@Command(name = "inspect",
        description = "Show a model's subgraphs, inputs/outputs, operators, weights, layers, signatures and metadata.")
public final class InspectCommand implements Callable<Integer>, CliErrors.FileCommand {
    @Parameters(index = "0", paramLabel = "MODEL", description = "The .tflite file.")
    Path model;

    @Option(names = "--json", description = "Print JSON (schema slimfit.inspect/1, see docs/cli-json.md).")
    boolean json;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Spec
    CommandSpec spec;

    /** Used by picocli. */
    public InspectCommand() {
    }

    @Override
    public String file() {
        return model == null ? null : model.toString();
    }

    @Override
    public Integer call() throws IOException {
        Model m = TfliteReader.read(model);
        long size = Files.size(model);
        ModelSummary summary = ModelSummary.of(m);
        String text = json ? InspectJson.format(model.toString(), size, summary)
                : InspectText.format(model.toString(), size, summary);
        PrintWriter out = spec.commandLine().getOut();
        out.print(text);
        out.flush();
        return 0;
    }
}
