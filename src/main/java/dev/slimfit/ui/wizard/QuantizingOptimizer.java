package dev.slimfit.ui.wizard;

import dev.slimfit.eval.CalibrationRangeSource;
import dev.slimfit.eval.Calibrator;
import dev.slimfit.eval.Dataset;
import dev.slimfit.eval.ProgressListener;
import dev.slimfit.model.Model;
import dev.slimfit.optimize.Optimizer;
import dev.slimfit.optimize.Plan;
import dev.slimfit.optimize.RangeSource;
import dev.slimfit.optimize.quantize.Quantizer;
import java.util.function.BooleanSupplier;

/**
 * The real {@link CandidateOptimizer}: the whole {@link Optimizer} pipeline (prune and cluster with
 * repair on the samples, calibrate the transformed model when the plan has full-integer layers,
 * quantize), exactly as the export runs it. What the app passes to the wizard.
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
        RangeSource source = samples == null || samples.size() == 0 ? null
                : CalibrationRangeSource.of(samples, "the samples", new Calibrator(threads));
        return new Optimizer(source, Quantizer.DEFAULT_HYBRID_MIN_ELEMENTS, false)
                .optimize(original, plan, null, progress::progress, cancel).model();
    }
}
