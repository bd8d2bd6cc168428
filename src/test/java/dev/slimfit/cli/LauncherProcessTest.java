package dev.slimfit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimfit.SharedModels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real entry point in a child JVM: exit codes as a shell sees them, and no JavaFX on the CLI path. */
class LauncherProcessTest {
    @TempDir
    Path tmp;

    record Proc(int exit, String out, String err) {
    }

    @Test
    void malformedModelExitsWith2AndOneLine() throws Exception {
        Path bad = SharedModels.require("malformed/flutter_bad_model.tflite");
        Proc p = run("inspect", bad.toString());
        assertEquals(2, p.exit(), p.err());
        assertEquals("", p.out());
        assertEquals("slimfit: " + bad + ": not a TFLite model (file identifier 'n't ', expected 'TFL3')\n", p.err());
    }

    @Test
    void truncatedModelExitsWith2AndOneLine() throws Exception {
        byte[] bytes = Files.readAllBytes(SharedModels.require("micro/micro_speech_int8.tflite"));
        Path cut = Files.write(tmp.resolve("cut.tflite"), Arrays.copyOf(bytes, bytes.length / 2));
        Proc p = run("inspect", cut.toString());
        assertEquals(2, p.exit(), p.err());
        assertTrue(p.err().startsWith("slimfit: " + cut + ": "), p.err());
        assertEquals(1, p.err().lines().count(), p.err());
    }

    @Test
    void inspectSucceedsWithoutLoadingJavaFx() throws Exception {
        Path ok = SharedModels.require("micro/hello_world_int8.tflite");
        Proc p = run("-verbose:class", "inspect", ok.toString());
        assertEquals(0, p.exit(), p.err());
        assertTrue(p.out().contains("FULLY_CONNECTED"), p.out());
        assertTrue(p.out().contains("dev.slimfit.cli.InspectCommand"), "-verbose:class works");
        assertFalse(p.out().contains("javafx."), "the CLI must not load JavaFX");
        assertFalse(p.out().contains("dev.slimfit.ui."), "the CLI must not load the UI");
    }

    @Test
    void versionOutsideAJarIsDev() throws Exception {
        Proc p = run("--version");
        assertEquals(0, p.exit(), p.err());
        assertEquals("slimfit dev\n", p.out());
    }

    /** Runs the launcher; a first argument starting with "-verbose" is passed to the JVM instead. */
    private static Proc run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> rest = new ArrayList<>(List.of(args));
        if (!rest.isEmpty() && rest.get(0).startsWith("-verbose")) {
            cmd.add(rest.remove(0));
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.slimfit.Launcher"));
        cmd.addAll(rest);
        Process proc = new ProcessBuilder(cmd).start();
        proc.getOutputStream().close();
        // small outputs: read after exit is safe only if pipes do not fill, so read concurrently
        var out = new java.util.concurrent.CompletableFuture<String>();
        var err = new java.util.concurrent.CompletableFuture<String>();
        new Thread(() -> out.complete(slurp(proc.getInputStream()))).start();
        new Thread(() -> err.complete(slurp(proc.getErrorStream()))).start();
        if (!proc.waitFor(60, TimeUnit.SECONDS)) {
            proc.destroyForcibly();
            throw new AssertionError("child JVM did not finish within 60 s: " + cmd);
        }
        return new Proc(proc.exitValue(), out.join(), err.join());
    }

    private static String slurp(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "<" + e + ">";
        }
    }
}
