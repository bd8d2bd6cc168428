package dev.slimfit.cli;

import dev.slimfit.tflite.TfliteFormatException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import picocli.CommandLine;

/** Turns every failure into Slimfit's one-line form {@code slimfit: <file>: <problem>} and exit code 2. */
final class CliErrors {
    private CliErrors() {
    }

    /** A command that works on one file, named in messages about failures it did not word itself. */
    interface FileCommand {
        /** The file the command was working on, or null. */
        String file();
    }

    static int onExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        Object cmd = cl.getCommand();
        String file = cmd instanceof FileCommand fc ? fc.file() : null;
        report(cl.getErr(), message(ex, file), debug(parsed) ? ex : null);
        return SlimfitCommand.FAILURE;
    }

    static int onParameterException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        String name = cl.getCommandSpec().qualifiedName();
        report(cl.getErr(), ex.getMessage() + " (see '" + name + " --help')", null);
        return SlimfitCommand.FAILURE;
    }

    /** Prints {@code slimfit: <message>} as one line, then the stack trace of {@code debugCause} if given. */
    static void report(PrintWriter err, String message, Throwable debugCause) {
        err.println("slimfit: " + oneLine(message));
        if (debugCause != null) {
            debugCause.printStackTrace(err);
        }
        err.flush();
    }

    /** The problem in words; {@code file} prefixes messages that do not name their file themselves. */
    static String message(Throwable ex, String file) {
        String prefix = file == null ? "" : file + ": ";
        if (ex instanceof TfliteFormatException || ex instanceof UserError) {
            return ex.getMessage();
        }
        if (ex instanceof FileSystemException fse) {
            String f = fse.getFile() != null ? fse.getFile() : file;
            String why = ex instanceof NoSuchFileException ? "no such file or directory"
                    : ex instanceof AccessDeniedException ? "permission denied"
                    : ex instanceof NotDirectoryException ? "not a directory"
                    : fse.getReason() != null ? fse.getReason() : ex.getClass().getSimpleName();
            return (f == null ? "" : f + ": ") + why;
        }
        if (ex instanceof IOException) {
            return ex.getMessage() != null ? ex.getMessage() : prefix + ex.getClass().getSimpleName();
        }
        return prefix + "internal error: " + ex.getClass().getSimpleName()
                + (ex.getMessage() == null ? "" : " (" + ex.getMessage() + ")")
                + "; run with --debug for the stack trace";
    }

    private static boolean debug(CommandLine.ParseResult pr) {
        for (CommandLine.ParseResult p = pr; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }

    private static String oneLine(String s) {
        return TextTable.clean(String.valueOf(s).replace("\r\n", " ").replace('\n', ' ').replace('\r', ' '));
    }
}
