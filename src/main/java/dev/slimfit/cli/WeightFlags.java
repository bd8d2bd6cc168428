package dev.slimfit.cli;

import dev.slimfit.optimize.Clustering;
import dev.slimfit.optimize.Granularity;
import dev.slimfit.optimize.LayerChoice;
import dev.slimfit.optimize.Plan;
import dev.slimfit.optimize.Pruning;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code --prune} and {@code --clusters} flags shared by {@code optimize} and {@code size}:
 * parsing (errors say which flag and what is allowed) and applying them to a plan, to the default
 * and every per-layer choice alike (the optimizer applies them to conv, depthwise and FC layers).
 */
final class WeightFlags {
    static final String PRUNE_HELP = "SPARSITY[:2of4|:block][:repair], e.g. 0.5, 50%, 0.5:repair, 0.5:2of4";
    /** {@link #PRUNE_HELP} for a picocli description, which is a format string ('%' doubled). */
    static final String PRUNE_DESCRIPTION = "SPARSITY[:2of4|:block][:repair], e.g. 0.5, 50%%, 0.5:repair, 0.5:2of4";
    static final String CLUSTERS_HELP = "K[:linear|random|density|kmeans++][:scaled|per-tensor|per-channel]"
            + "[:ecsq=LAMBDA][:repair|no-repair], e.g. 16, 16:linear:per-channel, 16:ecsq=0.1";

    static final String GRANULARITY_HELP = "auto|per-channel|per-tensor weight scales for every layer (auto, the"
            + " default: per channel, except a conv with a 1x1 output map, which gets one scale like FULLY_CONNECTED)";

    private WeightFlags() {
    }

    /** Parses {@code --granularity}; null stays null. */
    static Granularity granularity(String spec) {
        if (spec == null) {
            return null;
        }
        return switch (spec.trim().toLowerCase(Locale.ROOT).replace('_', '-')) {
            case "auto" -> Granularity.AUTO;
            case "per-channel" -> Granularity.PER_CHANNEL;
            case "per-tensor" -> Granularity.PER_TENSOR;
            default -> throw new IllegalArgumentException("--granularity: unknown value '" + spec + "' (use "
                    + "auto, per-channel or per-tensor)");
        };
    }

    /** {@code plan} with granularity {@code g} on the default and every per-layer choice; null changes nothing. */
    static Plan withGranularity(Plan plan, Granularity g) {
        if (g == null) {
            return plan;
        }
        Map<String, LayerChoice> overrides = new LinkedHashMap<>();
        plan.overrides().forEach((id, c) -> overrides.put(id, c.withGranularity(g)));
        return new Plan(plan.defaults().withGranularity(g), overrides, plan.io(), plan.calibration());
    }

    /** Parses {@code --prune}; null stays null. */
    static Pruning prune(String spec) {
        if (spec == null) {
            return null;
        }
        String[] parts = spec.trim().toLowerCase(Locale.ROOT).split(":");
        Pruning.Pattern pattern = Pruning.Pattern.UNSTRUCTURED;
        boolean repair = false;
        for (int i = 1; i < parts.length; i++) {
            switch (parts[i]) {
                case "2of4", "2:4", "two_of_four" -> pattern = Pruning.Pattern.TWO_OF_FOUR;
                case "block" -> pattern = Pruning.Pattern.BLOCK;
                case "unstructured" -> pattern = Pruning.Pattern.UNSTRUCTURED;
                case "repair" -> repair = true;
                default -> throw new IllegalArgumentException("--prune: unknown part '" + parts[i] + "' (use "
                        + PRUNE_HELP + ")");
            }
        }
        double s = fraction(parts[0], "--prune");
        if (pattern == Pruning.Pattern.TWO_OF_FOUR && s != 0.5) {
            throw new IllegalArgumentException("--prune: 2of4 means sparsity 0.5, got " + parts[0]);
        }
        try {
            return new Pruning(s, pattern, repair);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--prune: " + e.getMessage(), e);
        }
    }

    /** Parses {@code --clusters}; null stays null. */
    static Clustering clusters(String spec) {
        if (spec == null) {
            return null;
        }
        String[] parts = spec.trim().toLowerCase(Locale.ROOT).split(":");
        Clustering d = Clustering.recommended(2);
        Clustering.Init init = d.init();
        boolean perChannel = d.perChannel();
        boolean scaled = d.scaled();
        boolean repair = d.repair();
        double lambda = d.entropyWeight();
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i];
            if (part.startsWith("ecsq=")) {
                lambda = number(part.substring(5), "--clusters ecsq");
                continue;
            }
            switch (part) {
                case "linear" -> init = Clustering.Init.LINEAR;
                case "random" -> init = Clustering.Init.RANDOM;
                case "density", "density_based", "density-based" -> init = Clustering.Init.DENSITY_BASED;
                case "kmeans++", "kmeans_plus_plus" -> init = Clustering.Init.KMEANS_PLUS_PLUS;
                case "per-channel", "per_channel" -> {
                    perChannel = true;
                    scaled = false;
                }
                case "per-tensor", "per_tensor" -> {
                    perChannel = false;
                    scaled = false;
                }
                case "scaled" -> {
                    perChannel = false;
                    scaled = true;
                }
                case "repair" -> repair = true;
                case "no-repair", "no_repair" -> repair = false;
                default -> throw new IllegalArgumentException("--clusters: unknown part '" + part + "' (use "
                        + CLUSTERS_HELP + ")");
            }
        }
        int k;
        try {
            k = Integer.parseInt(parts[0]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--clusters: '" + parts[0] + "' is not a number (use " + CLUSTERS_HELP
                    + ")", e);
        }
        try {
            return new Clustering(k, init, perChannel, scaled, lambda, repair);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--clusters: " + e.getMessage(), e);
        }
    }

    /** {@code plan} with pruning/clustering (when given) on the default and every override. */
    static Plan apply(Plan plan, Pruning pruning, Clustering clustering) {
        if (pruning == null && clustering == null) {
            return plan;
        }
        Map<String, LayerChoice> overrides = new LinkedHashMap<>();
        plan.overrides().forEach((id, c) -> overrides.put(id, with(c, pruning, clustering)));
        return new Plan(with(plan.defaults(), pruning, clustering), overrides, plan.io(), plan.calibration());
    }

    private static LayerChoice with(LayerChoice c, Pruning p, Clustering k) {
        LayerChoice out = c;
        if (p != null) {
            out = out.withPruning(p);
        }
        if (k != null) {
            out = out.withClustering(k);
        }
        return out;
    }

    private static double number(String s, String what) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + ": '" + s + "' is not a number (use " + CLUSTERS_HELP + ")", e);
        }
    }

    private static double fraction(String s, String flag) {
        try {
            return s.endsWith("%") ? Double.parseDouble(s.substring(0, s.length() - 1)) / 100 : Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + ": '" + s + "' is not a sparsity (use " + PRUNE_HELP + ")", e);
        }
    }
}
