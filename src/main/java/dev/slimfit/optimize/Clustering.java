package dev.slimfit.optimize;

/**
 * Weight clustering (sharing) of one layer: k-means over the weights.
 *
 * <p>Three scopes. Per tensor ({@code perChannel = false, scaled = false}) clusters the raw values,
 * which on converted models is a poor fit: batch norm is folded into the weights, so output
 * channels differ in scale by orders of magnitude and the small channels collapse onto the
 * centroid nearest zero (measured on MobileNet v1 0.25, 16 clusters: top-1 agreement with float
 * 0.00). Per channel gives every channel its own centroids: accurate, but int8 then stores up to
 * k different values per channel, which deflate barely shrinks. Scaled ({@code scaled = true}) is
 * the middle: every channel is divided by its own max|w|, the normalized values share one set of
 * k centroids, and int8 quantization gets one scale per channel chosen so that the k centroids
 * land on the same k int8 codes in every channel — the structure TF's toolkit has when it
 * clusters a Keras kernel before batch norm is folded into it.
 *
 * @param clusters      number of centroids, 2..256
 * @param init          centroid initialisation (as TF Model Optimization Toolkit offers)
 * @param perChannel    one set of centroids per output channel instead of per tensor
 * @param scaled        per tensor: one shared set of centroids over channel-normalized weights
 * @param entropyWeight λ of entropy-constrained assignment (ECSQ): each weight goes to the
 *                      centroid minimising (w − c)² + λ·σ²·(−log₂ p(c)), σ² the mean squared
 *                      (normalized) weight; 0 is plain k-means. Larger λ makes the populations
 *                      more skewed, so deflate gets fewer bits per weight, at some accuracy
 * @param repair        re-fit the centroid values (and, when scaled, the channel scales) by least
 *                      squares on calibration inputs: the layer output is linear in them
 */
public record Clustering(int clusters, Init init, boolean perChannel, boolean scaled, double entropyWeight,
                         boolean repair) {
    /** Centroid initialisation. */
    public enum Init { LINEAR, RANDOM, DENSITY_BASED, KMEANS_PLUS_PLUS }

    /**
     * What {@code --clusters K} and the app's "Cluster" action give: scaled, k-means++, with centroid
     * repair when calibration data is there, no ECSQ (it costs accuracy wherever errors propagate;
     * use it per layer, e.g. on the classifier). Chosen on MobileNet v1 0.25 with 16 clusters + int8
     * (docs/compression-table.md): top-1 agreement with float 0.00 plain per tensor, 0.00 scaled
     * without repair, 0.51 scaled with repair; linear init gave the same size as k-means++.
     */
    public static Clustering recommended(int clusters) {
        return new Clustering(clusters, Init.KMEANS_PLUS_PLUS, false, true, 0, true);
    }

    /** This clustering with entropy-constrained assignment weight {@code lambda}. */
    public Clustering withEntropyWeight(double lambda) {
        return new Clustering(clusters, init, perChannel, scaled, lambda, repair);
    }

    /** Plain k-means without scaling, ECSQ or repair (what earlier recipes meant). */
    public Clustering(int clusters, Init init, boolean perChannel) {
        this(clusters, init, perChannel, false, 0, false);
    }

    public Clustering {
        if (clusters < 2 || clusters > 256) {
            throw new IllegalArgumentException("clusters must be 2..256, got " + clusters);
        }
        if (init == null) {
            throw new IllegalArgumentException("init is required");
        }
        if (perChannel && scaled) {
            throw new IllegalArgumentException("scaled clustering shares one set of centroids per tensor;"
                    + " it cannot be per channel as well");
        }
        if (!(entropyWeight >= 0 && entropyWeight <= 10)) {
            throw new IllegalArgumentException("entropy weight must be in [0, 10], got " + entropyWeight);
        }
    }
}
