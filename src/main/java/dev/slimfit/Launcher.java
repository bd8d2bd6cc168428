package dev.slimfit;

import dev.slimfit.cli.SlimfitCommand;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The jar's main class. Decides between the desktop app and the command line:
 * <ul>
 *   <li>no arguments: the app;</li>
 *   <li>a first argument naming an existing file (not a sub-command): the app, on that model;</li>
 *   <li>anything else (a sub-command, {@code --help}, {@code --version}, ...): the CLI.</li>
 * </ul>
 * It does not extend {@code javafx.application.Application} and names the UI class only as a
 * string, so the CLI path never loads or initialises JavaFX (a missing display or toolkit cannot
 * break it, and it starts faster).
 */
public final class Launcher {
    /** The desktop app's class, loaded reflectively only when the app is wanted. */
    static final String APP_CLASS = "dev.slimfit.ui.SlimfitApp";

    private Launcher() {
    }

    /** Entry point. */
    public static void main(String[] args) {
        if (args.length == 0) {
            startApp(args);
        } else if (opensApp(args[0])) {
            startApp(args);
        } else {
            System.exit(SlimfitCommand.execute(args));
        }
    }

    /** True when {@code arg} is an existing regular file, not a sub-command or option. */
    static boolean opensApp(String arg) {
        if (arg.startsWith("-") || SlimfitCommand.SUBCOMMANDS.contains(arg)) {
            return false;
        }
        try {
            return Files.isRegularFile(Path.of(arg));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    private static void startApp(String[] args) {
        try {
            Class.forName(APP_CLASS).getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            Throwable c = e.getCause() == null ? e : e.getCause();
            SlimfitCommand.printError("cannot start the desktop app: " + describe(c)
                    + " (the command line still works: slimfit --help)", c, false);
            System.exit(SlimfitCommand.FAILURE);
        } catch (ReflectiveOperationException | LinkageError e) {
            SlimfitCommand.printError("the desktop app is not available in this build: " + describe(e)
                    + " (the command line still works: slimfit --help)", e, false);
            System.exit(SlimfitCommand.FAILURE);
        }
    }

    private static String describe(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
