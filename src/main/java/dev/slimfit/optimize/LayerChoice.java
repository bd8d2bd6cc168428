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

    /**
     * The clustering applied to {@code op}: as planned, except that under {@link Granularity#AUTO}
     * a layer that gets one weight scale (a convolution with a 1×1 output map, i.e. a
     * fully-connected layer) is clustered per tensor instead of scaled. Scaled clustering exists
     * for batch-norm-folded channels of very different ranges; such a classifier has none, and its
     * channel scales would only add bytes: on MobileNet v1 0.25 (16 clusters + int8, 100 ImageNet
     * images) per-tensor logits gave 294 KB / agreement 0.55 against scaled 303 KB / 0.51.
     */
    public Clustering clusteringFor(dev.slimfit.model.Subgraph sg, dev.slimfit.model.Operator op) {
        if (clustering != null && clustering.scaled() && granularity == Granularity.AUTO
                && !granularity.perChannel(sg, op)) {
            return new Clustering(clustering.clusters(), clustering.init(), false, false, clustering.entropyWeight(),
                    clustering.repair());
        }
        return clustering;
    }

    /**
     * Whether {@code op}'s weights get one scale per output channel: the granularity decides,
     * except that {@link Granularity#AUTO} keeps per-channel scales for scaled clustering, whose
     * shared int8 codes are made by those scales.
     */
    public boolean perChannelWeights(dev.slimfit.model.Subgraph sg, dev.slimfit.model.Operator op) {
        Clustering c = clusteringFor(sg, op);
        if (granularity == Granularity.AUTO && c != null && c.scaled()) {
            return true;
        }
        return granularity.perChannel(sg, op);
    }

    /** True when the choice changes nothing. */
    public boolean isKeep() {
        return scheme == Scheme.FLOAT32 && pruning == null && clustering == null;
    }
}
