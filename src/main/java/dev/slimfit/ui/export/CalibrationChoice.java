package dev.slimfit.ui.export;

import dev.slimfit.eval.CalibrationRangeSource;
import dev.slimfit.eval.Calibrator;
import dev.slimfit.eval.DataSource;
import dev.slimfit.model.Model;
import dev.slimfit.optimize.ActivationRanges;
import dev.slimfit.optimize.CalibrationSpec;
import dev.slimfit.ui.MeasureViewModel;
import dev.slimfit.ui.eval.PreprocessingForm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * What a full-integer (int8 / int16x8) export calibrates its activation ranges on: a folder of
 * the user's samples (images or .npy, read with the Evaluate panel's {@link DataSource} and
 * {@link PreprocessingForm}, pre-filled from the model's metadata), how many samples (100 by
 * default, as TFLite's converter is usually fed) and the range method. With no folder it falls
 * back to seeded random inputs and says so: the ranges then fit noise, not the user's data.
 */
public final class CalibrationChoice {
    /** Samples taken when there is no folder: the random fallback is only a smoke test. */
    static final int RANDOM_SAMPLES = 16;

    private final Model model;
    private final StringProperty data = new SimpleStringProperty("");
    private final IntegerProperty samples = new SimpleIntegerProperty(Calibrator.DEFAULT_SAMPLES);
    private final ObjectProperty<CalibrationSpec.Method> method = new SimpleObjectProperty<>(
            CalibrationSpec.Method.MIN_MAX);
    private final PreprocessingForm preprocessing = new PreprocessingForm();

    /** Choices for calibrating {@code floatModel}, preprocessing taken from its metadata. */
    public CalibrationChoice(Model floatModel) {
        this.model = floatModel;
        resetPreprocessing();
    }

    /** Restores the preprocessing the model's metadata implies. */
    public void resetPreprocessing() {
        preprocessing.load(DataSource.defaultPreprocessing(model));
    }

    /** The settings frozen for one export (read on the FX thread, used on the worker). */
    record Settings(Path data, int samples, CalibrationSpec.Method method, DataSource source) {
    }

    /**
     * Freezes the current choices; throws {@link IllegalArgumentException} naming what is wrong
     * (missing folder, bad preprocessing field) so the export does not start with them.
     */
    Settings settings() {
        String text = data.get() == null ? "" : data.get().trim();
        if (text.isEmpty()) {
            return new Settings(null, RANDOM_SAMPLES, CalibrationSpec.Method.MIN_MAX, null);
        }
        Path folder = Path.of(text);
        if (!Files.exists(folder)) {
            throw new IllegalArgumentException("Calibration data not found: " + folder);
        }
        if (samples.get() < 1) {
            throw new IllegalArgumentException("Calibration needs at least 1 sample");
        }
        DataSource source = new DataSource(folder, null, "file", "auto", 0, preprocessing.toPreprocessing());
        return new Settings(folder, samples.get(), method.get(), source);
    }

    /**
     * The samples an export runs the {@link dev.slimfit.optimize.Optimizer} pipeline on, as {@code s}
     * says: the user's folder (calibration and repair), or, without one, seeded random inputs for
     * activation ranges only (repair would fit noise, so the source reports no samples and repair is
     * skipped or refused with a note). Remembers subgraph 0's ranges for the status line and report.
     */
    static Source source(Model model, Settings s) {
        if (s.source() == null) {
            return new Source(CalibrationRangeSource.of(MeasureViewModel.randomInputs(model).limit(s.samples()),
                    "seeded random inputs", new Calibrator(1)), false, s);
        }
        return new Source(CalibrationRangeSource.of(s.source()), true, s);
    }

    /** A range source that keeps the first (subgraph 0) ranges it hands out, for the note. */
    static final class Source implements dev.slimfit.optimize.RangeSource {
        private final dev.slimfit.optimize.RangeSource delegate;
        private final boolean samples;
        private final Settings settings;
        private volatile ActivationRanges first;

        Source(dev.slimfit.optimize.RangeSource delegate, boolean samples, Settings settings) {
            this.delegate = delegate;
            this.samples = samples;
            this.settings = settings;
        }

        @Override
        public ActivationRanges ranges(Model floatModel, CalibrationSpec spec, Progress progress,
                                       java.util.function.BooleanSupplier cancel) {
            ActivationRanges r = delegate.ranges(floatModel, spec, progress, cancel);
            if (first == null) {
                first = r;
            }
            return r;
        }

        @Override
        public <O extends dev.slimfit.runtime.InvokeObserver> java.util.List<O> observe(Model floatModel, int n,
                java.util.function.Supplier<O> observers, Progress progress, java.util.function.BooleanSupplier cancel) {
            return delegate.observe(floatModel, n, observers, progress, cancel);
        }

        @Override
        public boolean hasSamples() {
            return samples;
        }

        /** The calibration spec the export's plan takes: the dialog's method and sample count. */
        CalibrationSpec spec() {
            return new CalibrationSpec(settings.method(), 99.99, settings.samples());
        }

        /** What the status line and report say about the ranges; empty when nothing was calibrated. */
        String note() {
            ActivationRanges r = first;
            if (r == null) {
                return "";
            }
            if (!samples) {
                return " Activation ranges come from " + r.samples() + " seeded random inputs: calibrate on"
                        + " representative data before shipping a full-integer model.";
            }
            return String.format(Locale.ROOT, " Activation ranges: %s over %d sample(s) of %s.",
                    describe(settings.method()), r.samples(), settings.data());
        }
    }

    /** How a method is named in the dialog and the report. */
    static String describe(CalibrationSpec.Method m) {
        return switch (m) {
            case MIN_MAX -> "min/max";
            case PERCENTILE -> "percentile 99.99";
            case MSE -> "MSE-optimal";
        };
    }


    /** Folder (or file) of calibration samples; empty = seeded random inputs. */
    public StringProperty dataProperty() {
        return data;
    }

    /** Samples to calibrate on (the folder's first ones). */
    public IntegerProperty samplesProperty() {
        return samples;
    }

    /** Range method: min/max as TFLite's converter, percentile 99.99, or MSE-optimal. */
    public ObjectProperty<CalibrationSpec.Method> methodProperty() {
        return method;
    }

    /** Preprocessing of image samples, pre-filled from the model's metadata. */
    public PreprocessingForm preprocessing() {
        return preprocessing;
    }
}
