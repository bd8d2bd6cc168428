package dev.slimfit.optimize.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimfit.optimize.Clustering;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WeightClustererTest {
    private static float[] gaussian(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    @Test
    void perTensorClusteringLeavesAtMostKDistinctValues() {
        float[] w = gaussian(8 * 3 * 3 * 4, 1);
        var res = WeightClusterer.cluster(w, new int[] {8, 3, 3, 4}, 0,
                new Clustering(16, Clustering.Init.LINEAR, false), false, 1);
        Set<Float> distinct = new HashSet<>();
        for (float x : res.weights()) {
            distinct.add(x);
        }
        assertTrue(distinct.size() <= 16, "distinct " + distinct.size());
        assertEquals(1, res.centroids().length);
    }

    @Test
    void perChannelClusteringOfDepthwiseWeightsGroupsByTheLastDimension() {
        int c = 5;
        float[] w = gaussian(3 * 3 * c, 2);
        for (int i = 0; i < w.length; i++) {
            w[i] += 10 * (i % c);
        }
        var res = WeightClusterer.cluster(w, new int[] {1, 3, 3, c}, 3,
                new Clustering(2, Clustering.Init.LINEAR, true), false, 1);
        assertEquals(c, res.centroids().length);
        for (int ch = 0; ch < c; ch++) {
            Set<Float> distinct = new HashSet<>();
            for (int i = ch; i < w.length; i += c) {
                distinct.add(res.weights()[i]);
                assertTrue(Math.abs(res.weights()[i] - 10 * ch) < 4, "channel " + ch + " kept its own values");
            }
            assertTrue(distinct.size() <= 2);
        }
    }

    @Test
    void sparsityPreservingClusteringKeepsEveryZeroAndUsesKValuesIncludingZero() {
        float[] w = gaussian(1000, 3);
        for (int i = 0; i < w.length; i += 2) {
            w[i] = 0f;
        }
        var res = WeightClusterer.cluster(w, new int[] {10, 100}, 0,
                new Clustering(8, Clustering.Init.DENSITY_BASED, false), true, 1);
        Set<Float> distinct = new HashSet<>();
        for (int i = 0; i < w.length; i++) {
            if (i % 2 == 0) {
                assertEquals(0f, res.weights()[i]);
            }
            distinct.add(res.weights()[i]);
        }
        assertTrue(distinct.size() <= 8, "distinct " + distinct.size());
        assertTrue(distinct.contains(0f));
    }

    /** Conv-like weights whose output channels differ in scale by 1000x, as after batch-norm folding. */
    private static float[] channelScaled(int channels, int k, long seed) {
        float[] w = gaussian(channels * k, seed);
        for (int ch = 0; ch < channels; ch++) {
            float s = (float) Math.pow(10, -3.0 * ch / (channels - 1));
            for (int j = 0; j < k; j++) {
                w[ch * k + j] *= s;
            }
        }
        return w;
    }

    @Test
    void scaledClusteringGivesEveryChannelTheSameKInt8Codes() {
        int channels = 12;
        int k = 64;
        float[] w = channelScaled(channels, k, 4);
        var res = WeightClusterer.cluster(w, new int[] {channels, 1, 1, k}, 0,
                new Clustering(16, Clustering.Init.KMEANS_PLUS_PLUS, false, true, 0, false), false, 1);
        assertEquals(channels, res.int8Scales().length);
        Set<Long> codes = new HashSet<>();
        for (int ch = 0; ch < channels; ch++) {
            for (int j = 0; j < k; j++) {
                double q = res.weights()[ch * k + j] / (double) res.int8Scales()[ch];
                assertEquals(Math.round(q), q, 1e-3, "weight is an exact multiple of its channel's int8 scale");
                assertTrue(Math.abs(q) <= 127.0001);
                codes.add(Math.round(q));
            }
        }
        assertTrue(codes.size() <= 16, "codes over all channels " + codes.size());
        assertTrue(codes.contains(127L) || codes.contains(-127L), "largest centroid uses the full int8 range");
    }

    @Test
    void scaledClusteringKeepsSmallChannelsThatPlainPerTensorClusteringFlattens() {
        int channels = 12;
        int k = 64;
        float[] w = channelScaled(channels, k, 5);
        var plain = WeightClusterer.cluster(w, new int[] {channels, k}, 0,
                new Clustering(16, Clustering.Init.KMEANS_PLUS_PLUS, false), false, 1);
        var scaled = WeightClusterer.cluster(w, new int[] {channels, k}, 0,
                new Clustering(16, Clustering.Init.KMEANS_PLUS_PLUS, false, true, 0, false), false, 1);
        int last = channels - 1;
        assertTrue(relativeError(w, scaled.weights(), last, k) < 0.2, "scaled: small channel kept");
        assertTrue(relativeError(w, plain.weights(), last, k) > 0.9, "plain per tensor: small channel flattened");
    }

    private static double relativeError(float[] a, float[] b, int ch, int k) {
        double e = 0;
        double n = 0;
        for (int j = 0; j < k; j++) {
            double d = a[ch * k + j] - b[ch * k + j];
            e += d * d;
            n += (double) a[ch * k + j] * a[ch * k + j];
        }
        return Math.sqrt(e / n);
    }

    @Test
    void centroidRepairLowersTheLayerOutputErrorOnTheCalibrationInputs() {
        int channels = 8;
        int k = 32;
        int rows = 400;
        float[] w = channelScaled(channels, k, 6);
        // correlated inputs with very unequal input energies: what k-means ignores and repair uses
        SplittableRandom r = new SplittableRandom(7);
        float[] x = new float[rows * k];
        for (int i = 0; i < rows; i++) {
            double common = r.nextGaussian();
            for (int j = 0; j < k; j++) {
                x[i * k + j] = (float) ((j % 4 == 0 ? 5 : 0.2) * (r.nextGaussian() + 0.8 * common));
            }
        }
        double[][] h = new double[k][k];
        dev.slimfit.optimize.prune.LayerRepair.accumulate(h, x, rows, k);
        var layout = dev.slimfit.optimize.prune.WeightLayout.outputFirst(new int[] {channels, k});
        for (boolean scaled : new boolean[] {false, true}) {
            var plain = WeightClusterer.cluster(w, layout,
                    new Clustering(4, Clustering.Init.LINEAR, false, scaled, 0, false), false, 1, new double[][][] {h});
            var repaired = WeightClusterer.cluster(w, layout,
                    new Clustering(4, Clustering.Init.LINEAR, false, scaled, 0, true), false, 1, new double[][][] {h});
            double before = outputError(w, plain.weights(), h, channels, k);
            double after = outputError(w, repaired.weights(), h, channels, k);
            assertTrue(after < 0.9 * before, "scaled " + scaled + ": output error " + before + " -> " + after);
        }
    }

    /** Σ_c (w_c − w'_c)ᵀ H (w_c − w'_c): the squared change of the layer output on the samples. */
    private static double outputError(float[] w, float[] v, double[][] h, int channels, int k) {
        double e = 0;
        for (int ch = 0; ch < channels; ch++) {
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < k; b++) {
                    e += (w[ch * k + a] - v[ch * k + a]) * h[a][b] * (w[ch * k + b] - v[ch * k + b]);
                }
            }
        }
        return e;
    }
}
