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
}
