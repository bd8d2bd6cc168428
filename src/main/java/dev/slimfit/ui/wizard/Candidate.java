package dev.slimfit.ui.wizard;

import dev.slimfit.optimize.CalibrationSpec;
import dev.slimfit.optimize.Clustering;
import dev.slimfit.optimize.Plan;
import dev.slimfit.optimize.Pruning;
import dev.slimfit.optimize.Scheme;
import java.util.Locale;
import java.util.Objects;

/**
 * One recipe the wizard tries: a scheme for every layer, optionally with pruning or clustering of
 * every conv/depthwise/FC layer (the same defaults as the layers table's Prune and Cluster
 * actions and the CLI's {@code --prune S:repair} / {@code --clusters K}).
 *
 * @param scheme     the scheme of every layer (FLOAT32 for the original)
 * @param pruning    pruning of every weighted layer, or null
 * @param clustering clustering of every weighted layer, or null
 */
public record Candidate(Scheme scheme, Pruning pruning, Clustering clustering) {

    public Candidate {
        Objects.requireNonNull(scheme, "scheme");
    }

    /** The scheme alone. */
    public static Candidate of(Scheme scheme) {
        return new Candidate(scheme, null, null);
    }

    /** The scheme with {@code k} clusters per layer ({@link Clustering#recommended}). */
    public static Candidate clustered(Scheme scheme, int k) {
        return new Candidate(scheme, null, Clustering.recommended(k));
    }

    /** The scheme with magnitude pruning to {@code sparsity}, repaired on the samples. */
    public static Candidate pruned(Scheme scheme, double sparsity) {
        return new Candidate(scheme, new Pruning(sparsity, Pruning.Pattern.UNSTRUCTURED, true), null);
    }

    /** A short id, e.g. {@code int8}, {@code int8+16clusters}, {@code int8+prune50}. */
    public String id() {
        StringBuilder b = new StringBuilder(scheme.id());
        if (pruning != null) {
            b.append("+prune").append(Math.round(pruning.sparsity() * 100));
        }
        if (clustering != null) {
            b.append('+').append(clustering.clusters()).append("clusters");
        }
        return b.toString();
    }

    /** A display name, e.g. "full-integer int8 + 16 clusters". */
    public String label() {
        String base = switch (scheme) {
            case FLOAT32 -> "original (float32)";
            case FLOAT16 -> "float16";
            case DYNAMIC_INT8 -> "dynamic-range int8";
            case INT8 -> "full-integer int8";
            case INT16X8 -> "int16x8";
        };
        if (pruning != null) {
            base += String.format(Locale.ROOT, " + %d%% pruned", Math.round(pruning.sparsity() * 100));
        }
        if (clustering != null) {
            base += " + " + clustering.clusters() + " clusters";
        }
        return base;
    }

    /** True when it cannot run without representative samples (calibration or repair). */
    public boolean needsSamples() {
        return scheme.needsCalibration() || (pruning != null && pruning.repair());
    }

    /** The plan: the scheme everywhere, pruning/clustering on the defaults, calibrating on up to {@code samples}. */
    public Plan plan(int samples) {
        Plan p = Plan.uniform(scheme);
        if (pruning != null || clustering != null) {
            p = p.withDefaults(p.defaults().withPruning(pruning).withClustering(clustering));
        }
        return p.withCalibration(new CalibrationSpec(CalibrationSpec.DEFAULT.method(),
                CalibrationSpec.DEFAULT.percentile(), Math.max(1, samples)));
    }
}
