package dev.slimfit.eval;

import dev.slimfit.model.Model;
import dev.slimfit.optimize.ActivationRanges;
import dev.slimfit.optimize.CalibrationSpec;
import dev.slimfit.optimize.RangeSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.BooleanSupplier;

/**
 * The optimizer's {@link RangeSource} backed by real data: opens a {@link DataSource} for the
 * float model, runs the {@link Calibrator} on all cores and turns the statistics into ranges by
 * the plan's method (min/max as TFLite's converter, percentile, or MSE-optimal).
 */
public final class CalibrationRangeSource implements RangeSource {
    /** Opens the samples as inputs of a (float) model. */
    @FunctionalInterface
    private interface Opener {
        Dataset open(Model model) throws IOException;
    }

    private final Opener source;
    private final String name;
    private final Calibrator calibrator;

    public CalibrationRangeSource(DataSource source, Calibrator calibrator) {
        this(source::open, String.valueOf(source.data()), calibrator);
    }

    private CalibrationRangeSource(Opener source, String name, Calibrator calibrator) {
        this.source = source;
        this.name = name;
        this.calibrator = calibrator;
    }

    /**
     * A source over samples already opened for the model (pruning and clustering keep a model's
     * inputs, so they serve the transformed model too); {@code name} names them in errors.
     */
    public static CalibrationRangeSource of(Dataset opened, String name, Calibrator calibrator) {
        return new CalibrationRangeSource(m -> opened, name, calibrator);
    }

    /** A source over {@code source} on all cores. */
    public static CalibrationRangeSource of(DataSource source) {
        return new CalibrationRangeSource(source, Calibrator.allCores());
    }

    @Override
    public ActivationRanges ranges(Model floatModel, CalibrationSpec spec, Progress progress, BooleanSupplier cancel) {
        Dataset data;
        try {
            data = source.open(floatModel);
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": " + e.getMessage(), e);
        }
        TensorStats stats;
        try {
            stats = calibrator.calibrate(floatModel, data, spec.samples(), progress::samplesDone, cancel);
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": " + e.getMessage(), e);
        } catch (dev.slimfit.runtime.KernelException e) {
            throw new IllegalStateException("calibration cannot run the float model: " + e.getMessage(), e);
        }
        TensorStats.Method method = switch (spec.method()) {
            case MIN_MAX -> TensorStats.Method.MINMAX;
            case PERCENTILE -> TensorStats.Method.PERCENTILE;
            case MSE -> TensorStats.Method.MSE;
        };
        return ActivationRanges.of(stats.ranges(method, spec.percentile()), spec.method().name().toLowerCase(
                java.util.Locale.ROOT), stats.samples());
    }

    @Override
    public <O extends dev.slimfit.runtime.InvokeObserver> java.util.List<O> observe(Model floatModel, int samples,
            java.util.function.Supplier<O> observers, Progress progress, BooleanSupplier cancel) {
        try {
            Dataset data = source.open(floatModel).limit(samples <= 0 ? Calibrator.DEFAULT_SAMPLES : samples);
            if (data.size() == 0) {
                throw new IllegalArgumentException(name + ": no samples to run");
            }
            return SampleRunner.run(java.util.List.of(floatModel), data, calibrator.threads(), progress::samplesDone,
                    cancel, observers, (obs, its, i, inputs) -> SampleRunner.invoke(its[0], inputs, obs));
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": " + e.getMessage(), e);
        } catch (dev.slimfit.runtime.KernelException e) {
            throw new IllegalStateException("cannot run the float model on the samples: " + e.getMessage(), e);
        }
    }
}
