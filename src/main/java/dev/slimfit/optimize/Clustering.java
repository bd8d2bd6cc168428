package dev.slimfit.optimize;

/**
 * Weight clustering (sharing) of one layer: k-means over the weights.
 *
 * @param clusters   number of centroids, 2..256
 * @param init       centroid initialisation (as TF Model Optimization Toolkit offers)
 * @param perChannel one set of centroids per output channel instead of per tensor
 */
public record Clustering(int clusters, Init init, boolean perChannel) {
    /** Centroid initialisation. */
    public enum Init { LINEAR, RANDOM, DENSITY_BASED, KMEANS_PLUS_PLUS }

    public Clustering {
        if (clusters < 2 || clusters > 256) {
            throw new IllegalArgumentException("clusters must be 2..256, got " + clusters);
        }
        if (init == null) {
            throw new IllegalArgumentException("init is required");
        }
    }
}
