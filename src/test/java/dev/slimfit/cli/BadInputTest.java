package dev.slimfit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimfit.SharedModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of bad input ends in one line {@code slimfit: <file>: <problem>} and exit 2, for both
 * commands: the malformed shared models, truncated copies of every real model, non-flatbuffer
 * files, an empty file, a directory and a missing file.
 */
class BadInputTest {
    /** Structurally valid (its one op is the custom op fake-op-double): inspect succeeds by design. */
    private static final String VALID_CUSTOM_OP = "coral_model_invoking_error.tflite";

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> everyMalformedSharedModelIsOneLineAndExit2() {
        return SharedModels.all("malformed").stream()
                .filter(p -> !p.getFileName().toString().equals(VALID_CUSTOM_OP))
                .flatMap(p -> Stream.of(
                        DynamicTest.dynamicTest("inspect " + p.getFileName(), () -> assertNamesFile(p,
                                Cli.run("inspect", p.toString()))),
                        DynamicTest.dynamicTest("export " + p.getFileName(), () -> assertNamesFile(p,
                                Cli.run("export", p.toString(), "-o", tmp.resolve("out.tflite").toString())))));
    }

    @Test
    void modelWhoseOnlyOpIsAnUnknownCustomOpIsInspectable() {
        Path p = SharedModels.require("malformed/" + VALID_CUSTOM_OP);
        Cli.Result r = Cli.run("inspect", p.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("fake-op-double"), r.out());
    }

    @TestFactory
    Stream<DynamicTest> truncatedCopiesOfEveryRealModelAreOneLineAndExit2() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path model : SharedModels.allReal()) {
            byte[] bytes = Files.readAllBytes(model);
            for (int len : new int[] {bytes.length / 2, 10}) {
                String name = model.getFileName() + ".cut" + len;
                tests.add(DynamicTest.dynamicTest(name, () -> {
                    Path cut = Files.write(tmp.resolve(name), Arrays.copyOf(bytes, len));
                    assertNamesFile(cut, Cli.run("inspect", cut.toString()));
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void pngIsNotATfliteModel() throws IOException {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 1};
        Path p = Files.write(tmp.resolve("picture.tflite"), png);
        assertEquals("slimfit: " + p + ": not a TFLite model (file identifier missing, expected 'TFL3')",
                Cli.run("inspect", p.toString()).assertOneLineFailure().line());
    }

    @Test
    void textFileIsNotATfliteModel() throws IOException {
        Path p = Files.writeString(tmp.resolve("notes.txt"), "these are not the weights you are looking for\n");
        assertEquals("slimfit: " + p + ": not a TFLite model (file identifier 'e ar', expected 'TFL3')",
                Cli.run("inspect", p.toString()).assertOneLineFailure().line());
    }

    @Test
    void emptyFile() throws IOException {
        Path p = Files.createFile(tmp.resolve("empty.tflite"));
        assertEquals("slimfit: " + p + ": empty file (0 bytes)",
                Cli.run("inspect", p.toString()).assertOneLineFailure().line());
    }

    @Test
    void directory() {
        assertEquals("slimfit: " + tmp + ": is a directory, not a .tflite file",
                Cli.run("inspect", tmp.toString()).assertOneLineFailure().line());
    }

    @Test
    void missingFile() {
        Path p = tmp.resolve("nope.tflite");
        assertEquals("slimfit: " + p + ": no such file", Cli.run("inspect", p.toString()).assertOneLineFailure().line());
        assertEquals("slimfit: " + p + ": no such file",
                Cli.run("export", p.toString(), "-o", tmp.resolve("o.tflite").toString()).assertOneLineFailure().line());
    }

    @Test
    void namedPipeIsRefusedWithoutBlocking() throws Exception {
        Path fifo = tmp.resolve("model.fifo");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(mk.waitFor() == 0, "mkfifo not available");
        Cli.Result r = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(5),
                () -> Cli.run("inspect", fifo.toString()));
        assertEquals("slimfit: " + fifo + ": not a regular file (a device, pipe or socket)",
                r.assertOneLineFailure().line());
    }

    @Test
    void debugAddsTheStackTrace() throws IOException {
        Path p = Files.createFile(tmp.resolve("empty.tflite"));
        Cli.Result r = Cli.run("inspect", "--debug", p.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("slimfit: " + p + ": empty file (0 bytes)\n"), r.err());
        assertTrue(r.err().contains("TfliteFormatException") && r.err().contains("\tat "), r.err());
    }

    @Test
    void usageErrorsAreOneLineAndExit2() {
        assertEquals("slimfit: Missing required parameter: 'MODEL' (see 'slimfit inspect --help')",
                Cli.run("inspect").assertOneLineFailure().line());
        assertTrue(Cli.run("export", "a.tflite").assertOneLineFailure().line().contains("'--output=OUT'"));
        assertTrue(Cli.run("inspect", "--bogus", "m").assertOneLineFailure().line().contains("--bogus"));
        assertEquals("slimfit: missing sub-command " + String.join(" or ", SlimfitCommand.SUBCOMMANDS)
                + " (see 'slimfit --help')",
                Cli.run().assertOneLineFailure().line());
        Path p = tmp.resolve("missing.tflite");
        assertEquals("slimfit: " + p + ": no such file, and not a sub-command (see 'slimfit --help')",
                Cli.run(p.toString()).assertOneLineFailure().line());
    }

    /** One line, exit 2, and the line names the file right after the prefix. */
    private static void assertNamesFile(Path file, Cli.Result r) {
        r.assertOneLineFailure();
        assertTrue(r.err().startsWith("slimfit: " + file + ": "), () -> "must name " + file + ": " + r.err());
    }
}
