package dev.slimfit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimfit.cli.SlimfitCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the launcher chooses between the app and the CLI. */
class LauncherTest {
    @TempDir
    Path tmp;

    @Test
    void anExistingFileOpensTheApp() throws IOException {
        Path f = Files.createFile(tmp.resolve("m.tflite"));
        assertTrue(Launcher.opensApp(f.toString()));
    }

    @Test
    void subCommandsOptionsDirectoriesAndMissingFilesGoToTheCli() throws IOException {
        assertFalse(Launcher.opensApp("inspect"));
        assertFalse(Launcher.opensApp("--help"));
        assertFalse(Launcher.opensApp("--version"));
        assertFalse(Launcher.opensApp(tmp.toString()));
        assertFalse(Launcher.opensApp(tmp.resolve("missing.tflite").toString()));
        assertFalse(Launcher.opensApp("bad\0path"));
    }

    @Test
    void launcherKnowsExactlyTheCliSubCommands() {
        var cl = SlimfitCommand.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        List<String> picocli = cl.getSubcommands().keySet().stream().sorted().collect(Collectors.toList());
        assertEquals(SlimfitCommand.SUBCOMMANDS.stream().sorted().toList(), picocli);
    }

    @Test
    void uiClassNameNamesARealApplication() throws ClassNotFoundException {
        // Checked without initialising it: the name is a string in the launcher and must not rot.
        Class<?> app = Class.forName(Launcher.APP_CLASS, false, getClass().getClassLoader());
        assertEquals("javafx.application.Application", app.getSuperclass().getName());
    }
}
