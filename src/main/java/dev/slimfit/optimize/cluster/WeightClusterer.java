package dev.slimfit.optimize.cluster;

import dev.slimfit.optimize.Clustering;

/**
 * Clusters a weight tensor (row-major float values with its shape) per tensor or per output
 * channel. When the tensor is also pruned, zeros stay exactly zero and are left out of the
 * k-means (sparsity-preserving clustering, as TF-MOT's), so pruning survives clustering.
 */
public final class WeightClusterer {
    private WeightClusterer() {
    }

    /**
     * Returns clustered copies of {@code weights}.
     *
     * @param channelDim    the output-channel dimension (conv/FC: 0, depthwise: 3), used per channel
     * @param preserveZeros keep exact zeros at zero (set when the layer is pruned)
     */
    public static Result cluster(float[] weights, int[] shape, int channelDim, Clustering spec,
                                 boolean preserveZeros, long seed) {
        float[] out = weights.clone();
        if (!spec.perChannel() || shape.length == 0) {
            float[] c = clusterRun(out, 0, out.length, 1, spec, preserveZeros, seed);
            return new Result(out, new float[][] {c});
        }
        int channels = shape[channelDim];
        int inner = 1;
        for (int i = channelDim + 1; i < shape.length; i++) {
            inner *= shape[i];
        }
        int outer = out.length / (channels * inner);
        float[][] centroids = new float[channels][];
        for (int ch = 0; ch < channels; ch++) {
            // gather the channel's values (strided when channelDim is not the outermost dimension)
            float[] vals = new float[outer * inner];
            int n = 0;
            for (int o = 0; o < outer; o++) {
                int base = (o * channels + ch) * inner;
                for (int i = 0; i < inner; i++) {
                    vals[n++] = out[base + i];
                }
            }
            centroids[ch] = clusterRun(vals, 0, vals.length, 1, spec, preserveZeros, seed + ch);
            n = 0;
            for (int o = 0; o < outer; o++) {
                int base = (o * channels + ch) * inner;
                for (int i = 0; i < inner; i++) {
                    out[base + i] = vals[n++];
                }
            }
        }
        return new Result(out, centroids);
    }

    private static float[] clusterRun(float[] v, int from, int to, int stride, Clustering spec, boolean preserveZeros,
                                      long seed) {
        int count = 0;
        for (int i = from; i < to; i += stride) {
            if (!(preserveZeros && v[i] == 0f)) {
                count++;
            }
        }
        float[] nonzero = new float[count];
        int n = 0;
        for (int i = from; i < to; i += stride) {
            if (!(preserveZeros && v[i] == 0f)) {
                nonzero[n++] = v[i];
            }
        }
        int k = preserveZeros && count < (to - from) ? spec.clusters() - 1 : spec.clusters();
        float[] c = KMeans1D.fit(nonzero, Math.max(1, k), spec.init(), seed);
        for (int i = from; i < to; i += stride) {
            if (!(preserveZeros && v[i] == 0f) && c.length > 0) {
                v[i] = KMeans1D.nearest(v[i], c);
            }
        }
        if (preserveZeros && count < (to - from)) {
            float[] withZero = java.util.Arrays.copyOf(c, c.length + 1);
            withZero[c.length] = 0f;
            java.util.Arrays.sort(withZero);
            return withZero;
        }
        return c;
    }

    /**
     * Clustered weights and the centroids (one array for per-tensor, one per channel otherwise).
     *
     * @param weights   clustered values, same layout as the input
     * @param centroids ascending centroids per group
     */
    public record Result(float[] weights, float[][] centroids) {
    }
}
