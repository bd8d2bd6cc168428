package dev.slimfit.optimize.cluster;

import dev.slimfit.optimize.Clustering;
import dev.slimfit.optimize.prune.WeightLayout;
import java.util.Arrays;

/**
 * Clusters a weight tensor per tensor, per output channel, or scaled (one shared set of centroids
 * over channel-normalized weights, see {@link Clustering}). When the tensor is also pruned, zeros
 * stay exactly zero and are left out of the k-means (sparsity-preserving clustering, as TF-MOT's),
 * so pruning survives clustering. With calibration statistics and {@link Clustering#repair()} the
 * centroids are re-fitted by {@link CentroidRepair}.
 */
public final class WeightClusterer {
    private WeightClusterer() {
    }

    /**
     * Clustered weights, the centroids and, for scaled clustering, the int8 scale per channel that
     * maps the shared centroids to the same int8 codes in every channel.
     *
     * @param weights    clustered values, same layout as the input
     * @param centroids  ascending centroids per group (one group per tensor, or one per channel);
     *                   for scaled clustering the normalized centroids
     * @param int8Scales per output channel, or null when not scaled
     */
    public record Result(float[] weights, float[][] centroids, float[] int8Scales) {
    }

    /** As {@link #cluster(float[], WeightLayout, Clustering, boolean, long, double[][][])} without repair. */
    public static Result cluster(float[] weights, int[] shape, int channelDim, Clustering spec,
                                 boolean preserveZeros, long seed) {
        WeightLayout layout = channelDim == 0 || shape.length == 0 ? WeightLayout.outputFirst(shape)
                : WeightLayout.outputLast(shape);
        return cluster(weights, layout, spec, preserveZeros, seed, null);
    }

    /**
     * Returns clustered copies of {@code weights}.
     *
     * @param preserveZeros keep exact zeros at zero (set when the layer is pruned)
     * @param hessians      XᵀX of the layer's calibration inputs (as {@link dev.slimfit.optimize.prune
     *                      .HessianCollector} gives), or null: then no centroid repair
     */
    public static Result cluster(float[] weights, WeightLayout layout, Clustering spec, boolean preserveZeros,
                                 long seed, double[][][] hessians) {
        int channels = layout.channels();
        float[] scale = new float[channels];
        Arrays.fill(scale, 1f);
        float[] norm = weights.clone();
        if (spec.scaled()) {
            for (int ch = 0; ch < channels; ch++) {
                float m = 0f;
                for (int j = 0; j < layout.reduction(); j++) {
                    m = Math.max(m, Math.abs(weights[layout.index(ch, j)]));
                }
                scale[ch] = m;
                for (int j = 0; j < layout.reduction(); j++) {
                    int i = layout.index(ch, j);
                    norm[i] = m == 0f ? 0f : weights[i] / m;
                }
            }
        }
        // group of each channel: all channels share group 0 unless clustering is per channel
        int groups = spec.perChannel() ? channels : 1;
        int[] index = new int[weights.length];
        double[][] centroids = new double[groups][];
        for (int g = 0; g < groups; g++) {
            centroids[g] = fitGroup(norm, layout, spec.perChannel() ? g : -1, spec, preserveZeros, seed + g, index);
        }
        if (hessians != null && spec.repair()) {
            CentroidRepair.refit(weights, layout, index, spec.perChannel(), centroids, spec.scaled() ? scale : null,
                    hessians);
        }
        float[] int8Scales = null;
        if (spec.scaled()) {
            int8Scales = snapToCodes(centroids[0], scale);
        }
        float[] out = new float[weights.length];
        float[][] c = new float[groups][];
        for (int g = 0; g < groups; g++) {
            c[g] = new float[centroids[g].length];
            for (int k = 0; k < c[g].length; k++) {
                c[g][k] = (float) centroids[g][k];
            }
        }
        for (int ch = 0; ch < channels; ch++) {
            double[] cg = centroids[spec.perChannel() ? ch : 0];
            for (int j = 0; j < layout.reduction(); j++) {
                int i = layout.index(ch, j);
                out[i] = index[i] < 0 ? 0f : (float) (scale[ch] * cg[index[i]]);
            }
        }
        float[][] sorted = new float[groups][];
        for (int g = 0; g < groups; g++) {
            float[] s = c[g];
            if (preserveZeros && Arrays.stream(index).anyMatch(x -> x < 0)) {
                s = Arrays.copyOf(s, s.length + 1);
            }
            Arrays.sort(s);
            sorted[g] = s;
        }
        return new Result(out, sorted, int8Scales);
    }

    /**
     * k-means over one group (channel {@code only}, or every channel when -1); writes each
     * weight's centroid index (-1: a preserved zero) and returns the centroids.
     */
    private static double[] fitGroup(float[] norm, WeightLayout layout, int only, Clustering spec,
                                     boolean preserveZeros, long seed, int[] index) {
        int from = only < 0 ? 0 : only;
        int to = only < 0 ? layout.channels() : only + 1;
        int count = 0;
        int total = 0;
        for (int ch = from; ch < to; ch++) {
            for (int j = 0; j < layout.reduction(); j++) {
                total++;
                if (!(preserveZeros && norm[layout.index(ch, j)] == 0f)) {
                    count++;
                }
            }
        }
        float[] values = new float[count];
        int n = 0;
        for (int ch = from; ch < to; ch++) {
            for (int j = 0; j < layout.reduction(); j++) {
                float v = norm[layout.index(ch, j)];
                if (!(preserveZeros && v == 0f)) {
                    values[n++] = v;
                }
            }
        }
        int k = preserveZeros && count < total ? spec.clusters() - 1 : spec.clusters();
        KMeans1D.Fit fit = KMeans1D.fit(values, Math.max(1, k), spec.init(), seed, spec.entropyWeight());
        for (int ch = from; ch < to; ch++) {
            for (int j = 0; j < layout.reduction(); j++) {
                int i = layout.index(ch, j);
                index[i] = (preserveZeros && norm[i] == 0f) || fit.centroids().length == 0 ? -1 : fit.index(norm[i]);
            }
        }
        double[] c = new double[fit.centroids().length];
        for (int j = 0; j < c.length; j++) {
            c[j] = fit.centroids()[j];
        }
        return c;
    }

    /**
     * Puts the shared normalized centroids on the int8 grid of their largest magnitude M (code
     * round(127·c/M)) and returns per channel the int8 scale scale[ch]·M/127: then every channel's
     * weights scale[ch]·c quantize to exactly the shared codes, so the tensor holds at most k
     * distinct int8 values however many channels it has.
     */
    private static float[] snapToCodes(double[] c, float[] scale) {
        double m = 0;
        for (double x : c) {
            m = Math.max(m, Math.abs(x));
        }
        float[] out = new float[scale.length];
        for (int j = 0; j < c.length && m > 0; j++) {
            c[j] = Math.round(127 * c[j] / m) * m / 127;
        }
        for (int ch = 0; ch < scale.length; ch++) {
            float s = (float) (scale[ch] * m / 127);
            out[ch] = s > 0 && Float.isFinite(s) ? s : 1f;
        }
        return out;
    }
}
