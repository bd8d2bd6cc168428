package dev.slimfit.ui.charts;

import dev.slimfit.model.Model;
import dev.slimfit.optimize.ActivationRanges;
import dev.slimfit.optimize.LayerCatalog;
import dev.slimfit.optimize.Plan;
import dev.slimfit.optimize.Scheme;
import dev.slimfit.optimize.SizeEstimator;
import dev.slimfit.optimize.SizeRanges;
import dev.slimfit.optimize.WeightTransforms;
import dev.slimfit.optimize.quantize.QuantizationResult;
import dev.slimfit.optimize.quantize.Quantizer;
import java.util.List;

/**
 * A plan applied to a model: the changed model, its size, what each transform did and the
 * quantizer's notes.
 *
 * @param plan          the plan applied
 * @param model         the planned model
 * @param estimate      its size
 * @param applied       per-layer results of pruning/clustering (centroids for the histogram)
 * @param notes         the quantizer's notes (fallbacks, refusals), may be empty
 * @param computeMillis time to apply and estimate, off the UI thread
 */
public record PlannedModel(Plan plan, Model model, SizeEstimator.Estimate estimate,
                           List<WeightTransforms.Applied> applied, List<String> notes, long computeMillis) {

    /**
     * Applies {@code plan} exactly (pruning/clustering, then the quantizer) and estimates the
     * result with a full write and deflate (any thread; for export and reports).
     *
     * @param ranges activation ranges for full-integer schemes; null uses size-only placeholders
     */
    public static PlannedModel compute(Model source, Plan plan, ActivationRanges ranges) {
        long t0 = System.nanoTime();
        Model planned = source;
        List<WeightTransforms.Applied> applied = List.of();
        if (!plan.overrides().isEmpty() || !plan.defaults().isKeep()) {
            WeightTransforms.Result r = WeightTransforms.apply(source, plan, java.util.Map.of());
            planned = r.model();
            applied = r.applied();
        }
        List<String> notes = List.of();
        if (quantizes(source, plan)) {
            Plan schemes = schemesOnly(plan);
            QuantizationResult q = new Quantizer().quantize(planned, schemes, ranges == null ? SizeRanges.of(planned)
                    : ranges, null, java.util.Map.of(), otherSubgraphPlaceholders(planned, schemes));
            planned = q.model();
            notes = q.notes();
        }
        SizeEstimator.Estimate e = SizeEstimator.estimate(planned);
        return new PlannedModel(plan, planned, e, applied, notes, (System.nanoTime() - t0) / 1_000_000);
    }

    /** {@link #compute(Model, Plan, ActivationRanges)} with size-only ranges. */
    public static PlannedModel compute(Model source, Plan plan) {
        return compute(source, plan, null);
    }

    /**
     * Placeholder ranges for the other subgraphs an export calibrates too (same inputs as subgraph
     * 0, full-integer default), so that the preview quantizes them as the export does.
     */
    static java.util.Map<Integer, dev.slimfit.optimize.ActivationRanges> otherSubgraphPlaceholders(Model m, Plan plan) {
        return dev.slimfit.optimize.Optimizer.subgraphRanges(m, plan, SizeRanges.source(),
                dev.slimfit.optimize.RangeSource.Progress.none(), () -> false);
    }

    /** {@code plan} without pruning and clustering, which are applied before the quantizer runs. */
    static Plan schemesOnly(Plan plan) {
        Plan p = plan.withDefaults(plan.defaults().withPruning(null).withClustering(null));
        return p.withAll(plan.overrides().keySet(), c -> c.withPruning(null).withClustering(null));
    }

    /** True when some layer of {@code source} gets a scheme other than float32. */
    public static boolean quantizes(Model source, Plan plan) {
        return LayerCatalog.of(source).stream().anyMatch(l -> plan.effectiveScheme(l) != Scheme.FLOAT32);
    }
}
