package dev.slimfit.ui.wizard;

import dev.slimfit.eval.Calibrator;
import dev.slimfit.eval.Dataset;
import dev.slimfit.eval.ProgressListener;
import dev.slimfit.eval.TensorStats;
import dev.slimfit.model.Model;
import dev.slimfit.optimize.ActivationRanges;
import dev.slimfit.optimize.CalibrationSpec;
import dev.slimfit.optimize.LayerCatalog;
import dev.slimfit.optimize.Plan;
import dev.slimfit.optimize.quantize.Quantizer;
import java.util.function.BooleanSupplier;

/**
 * The real {@link CandidateOptimizer}: calibrates on the samples with {@link Calibrator} when the
 * plan has full-integer layers, then runs {@link Quantizer}. What the app passes to the wizard.
 */
public final class QuantizingOptimizer implements CandidateOptimizer {
    private final int threads;

    /** An optimizer calibrating on {@code threads} threads. */
    public QuantizingOptimizer(int threads) {
        this.threads = Math.max(1, threads);
    }

    @Override
    public Model optimize(Model original, Plan plan, Dataset samples, ProgressListener progress,
                          BooleanSupplier cancel) throws Exception {
        ActivationRanges ranges = ActivationRanges.empty();
        if (plan.needsCalibration(LayerCatalog.of(original))) {
            if (samples == null || samples.size() == 0) {
                throw new IllegalStateException("full-integer quantization needs representative samples");
            }
            CalibrationSpec spec = plan.calibration();
            TensorStats stats = new Calibrator(threads).calibrate(original, samples, spec.samples(), progress, cancel);
            TensorStats.Method m = switch (spec.method()) {
                case MIN_MAX -> TensorStats.Method.MINMAX;
                case PERCENTILE -> TensorStats.Method.PERCENTILE;
                case MSE -> TensorStats.Method.MSE;
            };
            ranges = ActivationRanges.of(stats.ranges(m, spec.percentile()), spec.method().name(), stats.samples());
        }
        return Quantizer.apply(original, plan, ranges).model();
    }
}
