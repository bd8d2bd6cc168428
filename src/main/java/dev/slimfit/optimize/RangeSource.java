package dev.slimfit.optimize;

import dev.slimfit.model.Model;
import dev.slimfit.runtime.InvokeObserver;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

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

    /**
     * Runs {@code floatModel} on the first {@code samples} calibration samples with an observer per
     * worker thread (made by {@code observers}) and returns those observers for the caller to merge.
     * Pruning with repair uses this to collect each layer's input statistics. Sources without
     * samples keep the default, which refuses.
     */
    default <O extends InvokeObserver> List<O> observe(Model floatModel, int samples, Supplier<O> observers,
                                                       Progress progress, BooleanSupplier cancel) {
        throw new UnsupportedOperationException("this calibration source cannot run samples through the model");
    }

    /**
     * Whether {@link #observe} can run samples through a model. A source of placeholder ranges
     * (the size estimate's) cannot, so repair is refused or skipped as without a source.
     */
    default boolean hasSamples() {
        return true;
    }

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
