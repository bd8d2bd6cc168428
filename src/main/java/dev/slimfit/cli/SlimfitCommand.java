package dev.slimfit.cli;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code slimfit} command line: global options and the sub-commands. {@link #execute} runs it
 * with Slimfit's error conventions: every failure is one line {@code slimfit: <file>: <problem>} on
 * stderr and exit code 2; stack traces only with {@code --debug}.
 */
@Command(name = "slimfit", mixinStandardHelpOptions = true, versionProvider = SlimfitCommand.Version.class,
        description = "Inspect, quantize and export TensorFlow Lite models.%n"
                + "Without arguments, or with a model file as the only argument, opens the desktop app.",
        footer = "%nExit codes: 0 success, 2 any failure (one line on stderr).")
public final class SlimfitCommand implements Callable<Integer> {
    /** Names of the sub-commands, known without building the picocli model (the launcher asks). */
    public static final List<String> SUBCOMMANDS = List.of("inspect", "export", "optimize", "run", "bench", "eval",
            "size");

    /** Exit code of every failure. */
    public static final int FAILURE = 2;

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Print stack traces of failures.")
    boolean debug;

    @Parameters(arity = "0..1", hidden = true, paramLabel = "MODEL")
    String stray;

    @Spec
    CommandSpec spec;

    /** Used by picocli. */
    public SlimfitCommand() {
    }

    @Override
    public Integer call() {
        if (stray == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "missing sub-command "
                    + String.join(" or ", SUBCOMMANDS));
        }
        String problem;
        try {
            Path p = Path.of(stray);
            problem = Files.isDirectory(p) ? "is a directory, not a .tflite file"
                    : Files.exists(p) ? "cannot be opened" : "no such file, and not a sub-command";
        } catch (InvalidPathException e) {
            problem = "not a sub-command";
        }
        throw new UserError(stray + ": " + problem + " (see 'slimfit --help')");
    }

    /** Builds the command line with all sub-commands and Slimfit's output and error handling. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return commandLine(out, err, null);
    }

    /**
     * Builds the command line; when {@code only} names a sub-command, only that one is added.
     * Picocli reads a command's annotations when it is added, and that reflection is a good part
     * of the CLI's start-up time: a run of {@code inspect} need not pay for {@code export}.
     */
    static CommandLine commandLine(PrintWriter out, PrintWriter err, String only) {
        CommandLine cl = new CommandLine(new SlimfitCommand());
        for (String name : SUBCOMMANDS) {
            if (only == null || only.equals(name)) {
                cl.addSubcommand(name, newSubcommand(name));
            }
        }
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler(CliErrors::onExecutionException);
        cl.setParameterExceptionHandler(CliErrors::onParameterException);
        return cl;
    }

    private static Object newSubcommand(String name) {
        return switch (name) {
            case "inspect" -> new InspectCommand();
            case "export" -> new ExportCommand();
            case "optimize" -> new OptimizeCommand();
            case "run" -> new RunCommand();
            case "bench" -> new BenchCommand();
            case "eval" -> new EvalCommand();
            case "size" -> new SizeCommand(dir -> dev.slimfit.eval.CalibrationRangeSource.of(
                    new dev.slimfit.eval.DataSource(dir, null, "file", "auto", 0, null)));
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** The sub-command the arguments ask for (the first non-option argument), or null. */
    private static String requested(String[] args) {
        for (String a : args) {
            if (!a.startsWith("-")) {
                return SUBCOMMANDS.contains(a) ? a : null;
            }
        }
        return null;
    }

    /** Runs {@code args} against the process's stdout/stderr and returns the exit code. */
    public static int execute(String... args) {
        PrintWriter out = new PrintWriter(System.out, true, Charset.defaultCharset());
        PrintWriter err = new PrintWriter(System.err, true, Charset.defaultCharset());
        return execute(out, err, args);
    }

    /** Runs {@code args} against the given writers and returns the exit code. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        boolean debug = List.of(args).contains("--debug");
        try {
            return commandLine(out, err, requested(args)).execute(args);
        } catch (OutOfMemoryError | StackOverflowError e) {
            // picocli handles Exceptions only; errors from deep inside still get one line.
            CliErrors.report(err, "not enough memory or stack to finish (" + e.getClass().getSimpleName() + ")",
                    debug ? e : null);
            return FAILURE;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** Prints a failure outside a command (the launcher's) the usual way: one line on stderr. */
    public static void printError(String message, Throwable cause, boolean debug) {
        PrintWriter err = new PrintWriter(System.err, true, Charset.defaultCharset());
        CliErrors.report(err, message, debug ? cause : null);
    }

    /** {@code slimfit <version>}: the jar manifest's Implementation-Version, "dev" outside a jar. */
    public static final class Version implements CommandLine.IVersionProvider {
        /** Used by picocli. */
        public Version() {
        }

        /** The version string alone. */
        public static String version() {
            String v = SlimfitCommand.class.getPackage().getImplementationVersion();
            return v == null || v.isBlank() ? "dev" : v;
        }

        @Override
        public String[] getVersion() {
            return new String[] {"slimfit " + version()};
        }
    }
}
