package dev.slimfit.optimize.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimfit.optimize.Clustering;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KMeans1DTest {
    @Test
    void recoversTheMeansOfWellSeparatedGroupsWithEveryInit() {
        SplittableRandom r = new SplittableRandom(1);
        float[] v = new float[3000];
        float[] centres = {-2f, 0.5f, 3f};
        for (int i = 0; i < v.length; i++) {
            v[i] = centres[i % 3] + (float) (r.nextDouble() - 0.5) * 0.2f;
        }
        for (Clustering.Init init : Clustering.Init.values()) {
            float[] c = KMeans1D.fit(v, 3, init, 7);
            assertEquals(3, c.length, init.name());
            for (int j = 0; j < 3; j++) {
                assertEquals(centres[j], c[j], 0.02, init + " centroid " + j);
            }
        }
    }

    @Test
    void snappedValuesTakeAtMostKDistinctValuesAndEachIsItsNearestCentroid() {
        SplittableRandom r = new SplittableRandom(2);
        float[] v = new float[5000];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        float[] c = KMeans1D.fit(v, 16, Clustering.Init.LINEAR, 3);
        float[] snapped = v.clone();
        KMeans1D.snap(snapped, c);
        assertTrue(Arrays.stream(box(snapped)).distinct().count() <= 16);
        for (int i = 0; i < v.length; i++) {
            float best = Float.MAX_VALUE;
            for (float x : c) {
                best = Math.min(best, Math.abs(v[i] - x));
            }
            assertEquals(best, Math.abs(v[i] - snapped[i]), 1e-6);
        }
    }

    @Test
    void lloydFixedPointEachCentroidIsTheMeanOfItsMembers() {
        SplittableRandom r = new SplittableRandom(5);
        float[] v = new float[2000];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (r.nextGaussian() * (i % 2 == 0 ? 1 : 0.1));
        }
        float[] c = KMeans1D.fit(v, 8, Clustering.Init.KMEANS_PLUS_PLUS, 9);
        double[] sum = new double[c.length];
        int[] n = new int[c.length];
        for (float x : v) {
            int j = Arrays.binarySearch(c, KMeans1D.nearest(x, c));
            sum[j] += x;
            n[j]++;
        }
        for (int j = 0; j < c.length; j++) {
            assertEquals(sum[j] / n[j], c[j], 1e-4, "centroid " + j);
        }
    }

    @Test
    void fewerDistinctValuesThanClustersGivesOneCentroidPerValue() {
        float[] c = KMeans1D.fit(new float[] {1, 1, 2, 2, 2, 5}, 8, Clustering.Init.DENSITY_BASED, 0);
        assertArrayEquals(new float[] {1, 2, 5}, c);
    }

    private static Float[] box(float[] v) {
        Float[] b = new Float[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = v[i];
        }
        return b;
    }

    private static double entropyBits(float[] v, KMeans1D.Fit fit) {
        int[] count = new int[fit.centroids().length];
        for (float x : v) {
            count[fit.index(x)]++;
        }
        double h = 0;
        for (int c : count) {
            if (c > 0) {
                double p = (double) c / v.length;
                h -= p * Math.log(p) / Math.log(2);
            }
        }
        return h;
    }

    @Test
    void entropyConstrainedAssignmentTradesDistortionForFewerBits() {
        SplittableRandom r = new SplittableRandom(4);
        float[] v = new float[20000];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        KMeans1D.Fit plain = KMeans1D.fit(v, 16, Clustering.Init.KMEANS_PLUS_PLUS, 5, 0);
        KMeans1D.Fit ecsq = KMeans1D.fit(v, 16, Clustering.Init.KMEANS_PLUS_PLUS, 5, 0.1);
        double hPlain = entropyBits(v, plain);
        double hEcsq = entropyBits(v, ecsq);
        assertTrue(hEcsq < hPlain - 0.3, "entropy " + hPlain + " -> " + hEcsq);
        assertTrue(mse(v, ecsq) > mse(v, plain), "fewer bits cost distortion");
        for (int j = 1; j < ecsq.thresholds().length; j++) {
            assertTrue(ecsq.thresholds()[j] > ecsq.thresholds()[j - 1], "thresholds ascend");
        }
        for (int j = 0; j < plain.thresholds().length; j++) {
            float[] c = plain.centroids();
            assertEquals(0.5 * (c[j] + c[j + 1]), plain.thresholds()[j], 1e-5, "plain k-means: midpoints");
        }
    }

    private static double mse(float[] v, KMeans1D.Fit fit) {
        double e = 0;
        for (float x : v) {
            double d = x - fit.apply(x);
            e += d * d;
        }
        return e / v.length;
    }
}
