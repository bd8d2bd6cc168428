package dev.slimfit.cli;

import dev.slimfit.model.Model;
import dev.slimfit.tflite.TfliteReader;
import dev.slimfit.tflite.TfliteWriter;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code slimfit export MODEL -o OUT.tflite}: reads a model and writes it back (for now unchanged),
 * atomically, never over the input model, whatever path spelling or link leads to it.
 */
@Command(name = "export", description = "Write a model to a new .tflite file (identity export: content unchanged).")
public final class ExportCommand implements Callable<Integer>, CliErrors.FileCommand {
    @Parameters(index = "0", paramLabel = "MODEL", description = "The source .tflite file.")
    Path model;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT",
            description = "The file to write; must not be MODEL itself.")
    Path output;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Spec
    CommandSpec spec;

    /** Used by picocli. */
    public ExportCommand() {
    }

    @Override
    public String file() {
        return model == null ? null : model.toString();
    }

    @Override
    public Integer call() throws IOException {
        refuseSameFile();
        Model m = TfliteReader.read(model);
        try {
            TfliteWriter.write(m, output, model);
        } catch (FileSystemException e) {
            // The writer's temporary file sits next to OUT: report OUT, not the temporary name.
            throw new UserError(output + ": cannot write: " + CliErrors.message(e, null), e);
        }
        long size = Files.size(output);
        spec.commandLine().getOut().println("wrote " + output + " (" + TextTable.count(size) + " bytes)");
        return 0;
    }

    /** Same file = same inode: catches "./m.tflite", "dir/../m.tflite", symlinks and hard links. */
    private void refuseSameFile() throws IOException {
        if (Files.exists(output) && Files.exists(model) && Files.isSameFile(model, output)) {
            throw new UserError(output + ": is the input model " + model
                    + " (same file); refusing to overwrite it, choose another output");
        }
    }
}
