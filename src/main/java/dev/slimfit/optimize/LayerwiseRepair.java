package dev.slimfit.optimize;

import dev.slimfit.model.Model;
import dev.slimfit.optimize.prune.HessianCollector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Pruning and clustering with repair, one layer at a time in graph order: each repaired layer is
 * fitted on the inputs it will really see — the calibration samples run through the model with
 * every earlier layer already pruned/clustered and repaired — instead of the float model's. A
 * layer-wise fit on float inputs leaves each layer's error to add up along the network; here each
 * layer absorbs what its predecessors changed (the sequential scheme of GPTQ/SparseGPT). The
 * layer's bias also takes the shift of its mean output relative to the float model (bias
 * correction). Costs one pass over the samples per repaired layer.
 */
final class LayerwiseRepair {
    private LayerwiseRepair() {
    }

    static WeightTransforms.Result run(Model model, Plan plan, RangeSource samples, RangeSource.Progress p,
                                       BooleanSupplier cancel, List<String> notes) {
        Set<Integer> repair = Optimizer.repairOps(model, plan, true);
        if (repair.isEmpty()) {
            return WeightTransforms.apply(model, plan, Map.of());
        }
        int n = plan.calibration().samples();
        HessianCollector floatStats = collect(model, repair, samples, n, p, cancel);
        Map<Integer, double[][]> floatMeans = floatStats.means();
        Model current = model;
        List<WeightTransforms.Applied> applied = new ArrayList<>();
        Map<Integer, float[]> scales = new HashMap<>();
        Set<Integer> done = new HashSet<>();
        for (int op : repair) {
            HessianCollector here = done.isEmpty() ? floatStats : collect(current, Set.of(op), samples, n, p, cancel);
            Map<Integer, WeightTransforms.LayerStats> stats = Map.of(op, new WeightTransforms.LayerStats(
                    here.hessians().get(op), here.means().get(op), floatMeans.get(op)));
            WeightTransforms.Result r = WeightTransforms.apply(current, plan, stats, Set.of(op), Set.of());
            current = r.model();
            applied.addAll(r.applied());
            scales.putAll(r.int8Scales());
            done.add(op);
        }
        WeightTransforms.Result rest = WeightTransforms.apply(current, plan, Map.of(), null, done);
        applied.addAll(rest.applied());
        scales.putAll(rest.int8Scales());
        notes.add("repair: " + repair.size() + " layer(s) fitted in graph order on calibration inputs through the"
                + " already repaired layers, biases corrected");
        return new WeightTransforms.Result(rest.model(), applied, scales);
    }

    private static HessianCollector collect(Model m, Set<Integer> ops, RangeSource samples, int n,
                                            RangeSource.Progress p, BooleanSupplier cancel) {
        List<HessianCollector> parts = samples.observe(m, n, () -> new HessianCollector(ops), p, cancel);
        HessianCollector all = new HessianCollector(ops);
        for (HessianCollector h : parts) {
            all.merge(h);
        }
        return all;
    }
}
