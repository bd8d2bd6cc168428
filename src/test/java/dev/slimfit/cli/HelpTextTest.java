package dev.slimfit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every sub-command's help renders cleanly. picocli treats descriptions as format strings and,
 * when one does not format (a lone '%'), prints a warning straight to System.err on every
 * {@code --help}; this catches that, and checks the percent example survives formatting.
 */
class HelpTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"inspect", "export", "run", "bench", "eval", "optimize", "size"})
    void helpPrintsWithoutPicocliWarnings(String command) {
        PrintStream saved = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        Cli.Result r;
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            r = Cli.run(command, "--help");
        } finally {
            System.setErr(saved);
        }
        String stray = captured.toString(StandardCharsets.UTF_8);
        assertEquals(0, r.exit(), r.err());
        assertFalse(stray.contains("WARN") || r.err().contains("WARN"), () -> command + " --help warned: " + stray);
        assertTrue(r.out().startsWith("Usage: slimfit " + command), r.out());
        if (command.equals("optimize") || command.equals("size")) {
            assertTrue(r.out().replaceAll("\\s+", " ").contains("e.g. 0.5, 50%, 0.5:"), () -> "percent example lost: " + r.out());
        }
    }
}
