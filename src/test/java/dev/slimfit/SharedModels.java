package dev.slimfit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the shared test models ({@code ../shared/models}, see its MANIFEST.md) without copying
 * them into the project. The pom passes {@code -Dslimfit.shared}; tests that need a model skip
 * (JUnit assumption) with a message saying where it was looked for.
 */
public final class SharedModels {
    private SharedModels() {
    }

    /** The models directory (it may not exist). */
    public static Path dir() {
        return Path.of(System.getProperty("slimfit.shared", "../shared")).resolve("models");
    }

    /** The models directory; skips the test if absent. */
    public static Path requireDir() {
        Path dir = dir();
        assumeTrue(Files.isDirectory(dir), "shared models not found at " + dir.toAbsolutePath()
                + " (set -Dslimfit.shared=<dir containing models/>); skipping");
        return dir;
    }

    /** The model at {@code relative} (e.g. "micro/hello_world_int8.tflite"); skips the test if absent. */
    public static Path require(String relative) {
        Path f = requireDir().resolve(relative);
        assumeTrue(Files.isRegularFile(f), "shared model " + f + " not found; skipping");
        return f;
    }

    /** Every .tflite file directly in the sub-folder {@code sub}, sorted; skips the test if absent. */
    public static List<Path> all(String sub) {
        Path d = requireDir().resolve(sub);
        assumeTrue(Files.isDirectory(d), "shared folder " + d + " not found; skipping");
        try (Stream<Path> s = Files.list(d)) {
            return s.filter(p -> p.toString().endsWith(".tflite")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every real (not malformed) model, sorted; skips the test if the folder is absent. */
    public static List<Path> allReal() {
        Path dir = requireDir();
        try (Stream<Path> s = Files.walk(dir, 2)) {
            return s.filter(p -> p.toString().endsWith(".tflite"))
                    .filter(p -> !p.getParent().getFileName().toString().equals("malformed")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
