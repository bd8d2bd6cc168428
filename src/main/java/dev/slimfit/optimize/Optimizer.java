package dev.slimfit.optimize;

import dev.slimfit.model.Model;
import dev.slimfit.model.Operator;
import dev.slimfit.model.TensorType;
import dev.slimfit.optimize.prune.SparseEncoding;
import dev.slimfit.optimize.quantize.QuantizationException;
import dev.slimfit.optimize.quantize.QuantizationResult;
import dev.slimfit.optimize.quantize.Quantizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;

/**
 * The whole weight pipeline in the one order that keeps every step's result: prune (with
 * layer-wise repair from calibration samples when asked), cluster (zeros stay zeros), calibrate
 * the transformed float model, quantize, and optionally store sparse weights in TFLite's sparse
 * encoding. Quantization keeps what came before: symmetric int8 maps 0 to 0, rounding to a grid
 * can merge centroids but never makes new values, and layers clustered per tensor get one shared
 * weight scale so the k centroids stay k int8 values.
 */
public final class Optimizer {
    private final RangeSource samples;
    private final int hybridMinElements;
    private final boolean sparseEncoding;

    /**
     * An optimizer.
     *
     * @param samples           calibration data (ranges, and the inputs repair needs), or null
     * @param hybridMinElements dynamic range keeps smaller weights float (converter: 1024)
     * @param sparseEncoding    store weights sparse (DENSIFY) where that makes the file smaller
     */
    public Optimizer(RangeSource samples, int hybridMinElements, boolean sparseEncoding) {
        this.samples = samples;
        this.hybridMinElements = hybridMinElements;
        this.sparseEncoding = sparseEncoding;
    }

    /** What came out: the model to write, the quantizer's and this pipeline's notes, the per-layer transforms. */
    public record Result(QuantizationResult quantization, WeightTransforms.Result transforms) {
        public Model model() {
            return quantization.model();
        }
    }

    /**
     * Runs the pipeline on a float model.
     *
     * @param sourceSha256 digest of the source file for the provenance, or null
     * @throws QuantizationException when the plan cannot be honoured (e.g. repair or int8 without samples)
     */
    public Result optimize(Model model, Plan plan, String sourceSha256, RangeSource.Progress progress,
                           BooleanSupplier cancel) {
        RangeSource.Progress p = progress == null ? RangeSource.Progress.none() : progress;
        BooleanSupplier c = cancel == null ? () -> false : cancel;
        List<String> notes = new ArrayList<>();
        Quantizer.check(model, plan); // refuse a bad plan or model before sampling or calibrating
        boolean canRun = samples != null && samples.hasSamples();
        Set<Integer> repair = repairOps(model, plan, canRun);
        if (!canRun && !repairOps(model, plan, true).isEmpty() && repair.isEmpty()) {
            notes.add("clustering: centroids not repaired (no calibration samples)");
        }
        if (!repair.isEmpty() && !canRun) {
            throw new QuantizationException(QuantizationException.Subject.CALIBRATION,
                    "pruning or clustering with repair needs calibration samples (--calibration DIR)");
        }
        WeightTransforms.Result t = repair.isEmpty() ? WeightTransforms.apply(model, plan, Map.of())
                : LayerwiseRepair.run(model, plan, samples, p, c, notes);
        if (!t.applied().isEmpty()) {
            notes.add(summary(t));
        }
        List<Layer> layers = LayerCatalog.of(t.model());
        ActivationRanges ranges = ActivationRanges.empty();
        if (plan.needsCalibration(layers)) {
            if (samples == null) {
                throw new QuantizationException(QuantizationException.Subject.CALIBRATION,
                        "the plan uses full-integer schemes, which need calibration data:"
                        + " give representative samples (--calibration DIR)");
            }
            // Calibrate the model as transformed: pruning and clustering move the activations.
            ranges = samples.ranges(t.model(), plan.calibration(), p, c);
        }
        Map<Integer, ActivationRanges> more = subgraphRanges(t.model(), plan, samples, p, c);
        QuantizationResult q = new Quantizer(hybridMinElements).quantize(t.model(), plan, ranges, sourceSha256,
                t.int8Scales(), more);
        notes.addAll(q.notes());
        Model out = q.model();
        if (sparseEncoding) {
            SparseEncoding.Encoded e = SparseEncoding.apply(out);
            out = dev.slimfit.model.MinRuntimeVersion.stamp(e.model()); // DENSIFY needs 2.2
            notes.addAll(e.notes());
        }
        return new Result(new QuantizationResult(out, notes), t);
    }

    /**
     * Whether {@code plan} on {@code model} uses samples: full-integer layers (activation ranges)
     * or pruning/clustering with repair on float layers. What an export asks calibration data for.
     */
    public static boolean wantsSamples(Model model, Plan plan) {
        return plan.needsCalibration(LayerCatalog.of(model)) || !repairOps(model, plan, true).isEmpty();
    }

    /**
     * Ranges for the other subgraphs a full-integer default reaches: those whose inputs are
     * subgraph 0's ({@link Quantizer#calibratableSubgraphs}), each calibrated on the same samples
     * with its own pass. Empty when the default is not full integer or there are no samples.
     */
    public static Map<Integer, ActivationRanges> subgraphRanges(Model model, Plan plan, RangeSource samples,
                                                                RangeSource.Progress progress, BooleanSupplier cancel) {
        if (samples == null || !plan.defaults().scheme().needsCalibration()) {
            return Map.of();
        }
        Map<Integer, ActivationRanges> out = new java.util.HashMap<>();
        for (int k : Quantizer.calibratableSubgraphs(model)) {
            out.put(k, samples.ranges(model.withSubgraphsSwapped(k), plan.calibration(), progress, cancel));
        }
        return out;
    }

    /**
     * Op indices of float conv/depthwise/FC layers whose pruning (or, with {@code clusterRepair},
     * clustering) asks for repair. Clustering's repair is a refinement the recommended setting
     * asks for, so without samples it is skipped with a note; pruning's is refused instead,
     * because pruned without repair is a much worse model than the user asked for.
     */
    static Set<Integer> repairOps(Model model, Plan plan, boolean clusterRepair) {
        Set<Integer> out = new TreeSet<>();
        for (Layer l : LayerCatalog.of(model)) {
            LayerChoice ch = plan.choiceFor(l.id());
            Operator op = model.mainSubgraph().operators().get(l.opIndex());
            boolean wants = ch.pruning() != null && ch.pruning().repair()
                    || clusterRepair && ch.clustering() != null && ch.clustering().repair();
            if (wants && l.hasWeights()
                    && l.weightType() == TensorType.FLOAT32 && WeightTransforms.transformable(op)) {
                out.add(l.opIndex());
            }
        }
        return out;
    }

    private static String summary(WeightTransforms.Result t) {
        double sparsity = 0;
        int clustered = 0;
        for (WeightTransforms.Applied a : t.applied()) {
            sparsity += a.sparsity();
            if (a.centroids() != null) {
                clustered++;
            }
        }
        return String.format(Locale.ROOT, "weights: %d layer(s) transformed (mean sparsity %.1f%%, %d clustered)",
                t.applied().size(), 100 * sparsity / t.applied().size(), clustered);
    }
}
