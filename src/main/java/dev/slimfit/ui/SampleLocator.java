package dev.slimfit.ui;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the bundled sample model, {@code sample-models/tinynet_float.tflite}, in the working
 * directory or next to the jar (or its parent, for {@code target/slimfit.jar}).
 */
public final class SampleLocator {
    /** The bundled sample's file name. */
    public static final String SAMPLE = "tinynet_float.tflite";

    private SampleLocator() {
    }

    /** The sample, if found. */
    public static Optional<Path> sample() {
        List<Path> dirs = new ArrayList<>();
        dirs.add(Path.of("sample-models"));
        try {
            Path jar = Path.of(SampleLocator.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path d = jar.getParent(); d != null && dirs.size() < 5; d = d.getParent()) {
                dirs.add(d.resolve("sample-models"));
            }
        } catch (URISyntaxException | RuntimeException e) {
            // unusual class loader without a code source: the working directory is enough
        }
        return dirs.stream().map(d -> d.resolve(SAMPLE)).filter(Files::isRegularFile).findFirst();
    }
}
