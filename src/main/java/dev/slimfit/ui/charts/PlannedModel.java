package dev.slimfit.ui.charts;

import dev.slimfit.model.Model;
import dev.slimfit.optimize.Plan;
import dev.slimfit.optimize.SizeEstimator;
import dev.slimfit.optimize.WeightTransforms;
import java.util.List;

/**
 * A plan applied to a model: the changed model, its size and what each transform did.
 *
 * @param plan          the plan applied
 * @param model         the planned model
 * @param estimate      its size
 * @param applied       per-layer results of pruning/clustering (centroids for the histogram)
 * @param computeMillis time to apply and estimate, off the UI thread
 */
public record PlannedModel(Plan plan, Model model, SizeEstimator.Estimate estimate,
                           List<WeightTransforms.Applied> applied, long computeMillis) {

    /** Applies {@code plan} to {@code source} and estimates the result (any thread). */
    public static PlannedModel compute(Model source, Plan plan) {
        long t0 = System.nanoTime();
        Model planned = source;
        List<WeightTransforms.Applied> applied = List.of();
        if (!plan.overrides().isEmpty() || !plan.defaults().isKeep()) {
            WeightTransforms.Result r = WeightTransforms.apply(source, plan, java.util.Map.of());
            planned = r.model();
            applied = r.applied();
        }
        SizeEstimator.Estimate e = SizeEstimator.estimate(planned);
        return new PlannedModel(plan, planned, e, applied, (System.nanoTime() - t0) / 1_000_000);
    }
}
