package dev.slimfit.optimize;

/**
 * Everything the plan says about one layer. Applied in the order that preserves each result:
 * prune, then cluster, then quantize (quantizing clustered weights keeps the clusters).
 *
 * @param scheme      numeric scheme
 * @param granularity weight scales per channel, per tensor or {@link Granularity#AUTO} (int8 schemes)
 * @param pruning     pruning, or null for none
 * @param clustering  clustering, or null for none
 */
public record LayerChoice(Scheme scheme, Granularity granularity, Pruning pruning, Clustering clustering) {
    /** Keep the layer as it is. */
    public static final LayerChoice KEEP = new LayerChoice(Scheme.FLOAT32, Granularity.AUTO, null, null);

    public LayerChoice {
        if (scheme == null || granularity == null) {
            throw new IllegalArgumentException("scheme and granularity are required");
        }
    }

    /** A plain scheme with {@link Granularity#AUTO} weights and no pruning or clustering. */
    public static LayerChoice of(Scheme scheme) {
        return new LayerChoice(scheme, Granularity.AUTO, null, null);
    }

    public LayerChoice withScheme(Scheme s) {
        return new LayerChoice(s, granularity, pruning, clustering);
    }

    public LayerChoice withGranularity(Granularity g) {
        return new LayerChoice(scheme, g, pruning, clustering);
    }

    public LayerChoice withPruning(Pruning p) {
        return new LayerChoice(scheme, granularity, p, clustering);
    }

    public LayerChoice withClustering(Clustering c) {
        return new LayerChoice(scheme, granularity, pruning, c);
    }

    /** True when the choice changes nothing. */
    public boolean isKeep() {
        return scheme == Scheme.FLOAT32 && pruning == null && clustering == null;
    }
}
