package dev.slimfit.oracle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the shared, read-only model collection ({@code ../shared/models}, described by its
 * {@code MANIFEST.md}). The location is the system property {@code slimfit.shared} (the pom sets
 * it to {@code ${project.basedir}/../shared}), else {@code ../shared} relative to the working
 * directory. Tests that need it call {@link #root()}, {@link #model} or {@link #all()}, which
 * <em>skip</em> the test (JUnit assumption) when the directory is absent. Never copy these files
 * into the project.
 */
public final class SharedModels {
    private SharedModels() {
    }

    /** Where the shared directory is expected, whether or not it exists. */
    public static Path expectedRoot() {
        String p = System.getProperty("slimfit.shared");
        return Path.of(p == null || p.isBlank() ? "../shared" : p).toAbsolutePath().normalize();
    }

    /** Whether the shared models are available. */
    public static boolean available() {
        return Files.isDirectory(expectedRoot().resolve("models"));
    }

    /** The shared directory; skips the calling test when it is absent. */
    public static Path root() {
        Path root = expectedRoot();
        Assumptions.assumeTrue(Files.isDirectory(root.resolve("models")),
                "../shared not found at " + root + ": skipping tests that need the shared models");
        return root;
    }

    /** {@code <shared>/models}; skips when absent. */
    public static Path modelsDir() {
        return root().resolve("models");
    }

    /**
     * A model by its path relative to {@code models/}, e.g. {@code "micro/hello_world_float.tflite"}.
     * Skips when the shared directory is absent; fails when it is there but the file is not.
     */
    public static Path model(String relative) {
        Path p = modelsDir().resolve(relative);
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException("no shared model " + relative + " under " + modelsDir());
        }
        return p;
    }

    /** The bytes of {@link #model(String)}. */
    public static byte[] read(String relative) {
        try {
            return Files.readAllBytes(model(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every {@code .tflite} under {@code models/} except {@code malformed/}, as sorted paths relative
     * to {@code models/} with '/' separators. Skips when absent.
     */
    public static List<String> all() {
        return list(false);
    }

    /** Every {@code .tflite} under {@code models/malformed/}, relative to {@code models/}. */
    public static List<String> malformed() {
        return list(true).stream().filter(r -> r.startsWith("malformed/")).toList();
    }

    private static List<String> list(boolean includeMalformed) {
        Path dir = modelsDir();
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".tflite"))
                    .map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .filter(r -> includeMalformed || !r.startsWith("malformed/"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
