package dev.slimfit.ui.eval;

import dev.slimfit.eval.CalibrationRangeSource;
import dev.slimfit.eval.Calibrator;
import dev.slimfit.eval.Dataset;
import dev.slimfit.model.Model;
import dev.slimfit.optimize.CalibrationSpec;
import dev.slimfit.optimize.Optimizer;
import dev.slimfit.optimize.Plan;
import dev.slimfit.optimize.RangeSource;
import dev.slimfit.optimize.quantize.Quantizer;
import dev.slimfit.ui.charts.PlannedModel;
import dev.slimfit.ui.common.TaskExecutor;

/**
 * The optimized model the Evaluate tab compares with the original: what Export would write for
 * the plan, calibrated on the evaluation's own samples. A plan with full-integer layers or
 * repair runs the export's {@link Optimizer} pipeline on (up to the plan's sample count of) those
 * samples, and the report says so; other plans need no samples. Plain Java.
 */
public final class PlanEvaluation {
    private PlanEvaluation() {
    }

    /** {@code plan} applied to {@code original}, calibrated and repaired on {@code samples} where it needs them. */
    public static EvaluationRunner.Built optimized(Model original, Plan plan, Dataset samples,
                                                   TaskExecutor.Progress p) throws Exception {
        if (!Optimizer.wantsSamples(original, plan)) {
            return new EvaluationRunner.Built(PlannedModel.compute(original, plan).model(), null);
        }
        int n = Math.min(samples.size(), plan.calibration().samples());
        Plan calibrated = plan.withCalibration(new CalibrationSpec(plan.calibration().method(),
                plan.calibration().percentile(), n));
        RangeSource source = CalibrationRangeSource.of(samples, "the evaluation data",
                new Calibrator(Math.max(1, Runtime.getRuntime().availableProcessors() / 2)));
        Model m = new Optimizer(source, Quantizer.DEFAULT_HYBRID_MIN_ELEMENTS, false).optimize(original, calibrated,
                null, (done, total) -> p.update(0.02 * done / Math.max(1, total),
                        "Calibrating the optimized model \u2014 " + done + " / " + total), p::isCancelled).model();
        return new EvaluationRunner.Built(m, "The optimized model was calibrated (and repaired, where the plan asks)"
                + " on the first " + n + " of these samples, as Export does on its calibration data.");
    }
}
