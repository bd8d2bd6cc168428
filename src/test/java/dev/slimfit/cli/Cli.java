package dev.slimfit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the CLI in-process with captured stdout/stderr (picocli's setOut/setErr). */
final class Cli {
    private Cli() {
    }

    /** What one run produced. */
    record Result(int exit, String out, String err) {
        /** Asserts the Slimfit failure form: exit 2, nothing on stdout, one line "slimfit: ..." on stderr. */
        Result assertOneLineFailure() {
            assertEquals(2, exit, () -> "exit code; stderr was: " + err);
            assertEquals("", out, "nothing on stdout on failure");
            assertTrue(err.startsWith("slimfit: "), () -> "stderr must start with 'slimfit: ': " + err);
            assertTrue(err.endsWith("\n"), () -> "stderr must end with a newline: " + err);
            assertEquals(1, err.lines().count(), () -> "stderr must be one line: " + err);
            assertFalse(err.contains("Exception") || err.contains("\tat "), () -> "no stack trace: " + err);
            return this;
        }

        /** The single error line without its trailing newline. */
        String line() {
            return err.strip();
        }
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SlimfitCommand.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }
}
