package dev.slimfit.ui.common;

import dev.slimfit.model.Model;
import dev.slimfit.oracle.SharedModels;
import dev.slimfit.tflite.TfliteReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Shared models and MNIST data for the feature tests; tests skip when ../shared is absent. */
public final class Fixtures {
    private Fixtures() {
    }

    /** A model under shared/models, read; skips the test when absent. */
    public static Model model(String relative) {
        try {
            return TfliteReader.read(SharedModels.model(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The float MNIST CNN. */
    public static Model mnistFloat() {
        return model("mnist/conv_fc_mnist_float.tflite");
    }

    /** MNIST IDX images (10k; use a limit). */
    public static Path mnistImages() {
        return SharedModels.root().resolve("data/mnist/mnist_npm10k-images-idx3-ubyte.gz");
    }

    /** MNIST IDX labels. */
    public static Path mnistLabels() {
        return SharedModels.root().resolve("data/mnist/mnist_npm10k-labels-idx1-ubyte.gz");
    }

    /** The folder of MNIST PNGs. */
    public static Path mnistPngs() {
        return SharedModels.root().resolve("data/mnist");
    }
}
