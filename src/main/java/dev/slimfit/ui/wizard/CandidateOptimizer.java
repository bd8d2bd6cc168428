package dev.slimfit.ui.wizard;

import dev.slimfit.eval.Dataset;
import dev.slimfit.eval.ProgressListener;
import dev.slimfit.model.Model;
import dev.slimfit.optimize.Plan;
import java.util.function.BooleanSupplier;

/**
 * Turns the original model and a plan into the optimized model the wizard measures: the app wires
 * calibration ({@code eval.Calibrator}, when {@link Plan#needsCalibration}) followed by
 * {@code optimize.quantize.Quantizer}; tests pass a fake.
 */
@FunctionalInterface
public interface CandidateOptimizer {
    /**
     * Applies {@code plan} to {@code original}.
     *
     * @param samples  representative samples for calibration, or null when none were given
     * @param progress calibration progress (samples done of total)
     * @param cancel   polled between samples
     * @throws Exception when the plan cannot be applied (the wizard shows the message in the row)
     */
    Model optimize(Model original, Plan plan, Dataset samples, ProgressListener progress, BooleanSupplier cancel)
            throws Exception;
}
