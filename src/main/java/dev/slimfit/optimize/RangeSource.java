package dev.slimfit.optimize;

import dev.slimfit.model.Model;
import java.util.function.BooleanSupplier;

/**
 * Where activation ranges come from: implemented by the calibrator in {@code eval} (running
 * representative samples through our interpreter) and wired in by the application. Keeps
 * {@code optimize} free of datasets and preprocessing.
 */
public interface RangeSource {
    /**
     * Observes subgraph 0's float activations of {@code floatModel} on calibration data.
     *
     * @param floatModel the model to calibrate (float activations)
     * @param spec       method and sample count
     * @param progress   receives (done, total) sample counts; never null
     * @param cancel     polled between samples; true aborts with {@link java.util.concurrent.CancellationException}
     */
    ActivationRanges ranges(Model floatModel, CalibrationSpec spec, Progress progress, BooleanSupplier cancel);

    /** Progress of calibration. */
    @FunctionalInterface
    interface Progress {
        void samplesDone(int done, int total);

        /** A listener that ignores progress. */
        static Progress none() {
            return (d, t) -> { };
        }
    }
}
