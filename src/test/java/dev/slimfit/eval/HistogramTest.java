package dev.slimfit.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Weight histograms and the calibration histogram. */
class HistogramTest {
    static float[] gaussian(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble()));
        }
        return v;
    }

    @Test
    void fewDistinctValuesGetOneBinEach() {
        float[] v = new float[1000];
        for (int i = 0; i < v.length; i++) {
            v[i] = (i % 3 - 1) * 0.25f; // centroids -0.25, 0, 0.25 (clustered weights)
        }
        Histogram h = Histogram.of(v);
        assertTrue(h.distinct());
        assertArrayEquals(new long[] {334, 333, 333}, h.counts());
        assertEquals(3, h.bins());
        assertEquals(1000, h.total());
    }

    @Test
    void continuousDataGetsFreedmanDiaconisBinsWithinTheCap() {
        Histogram h = Histogram.of(gaussian(100_000, 1));
        assertFalse(h.distinct());
        // FD for n=1e5 normal: width = 2*1.349/46.4 = 0.058; range ~9 → ~150 bins
        assertTrue(h.bins() > 100 && h.bins() < 250, "bins " + h.bins());
        assertEquals(100_000, h.total());
        assertEquals(h.bins() + 1, h.edges().length);
        assertEquals(h.max(), h.edges()[h.bins()]);
    }

    @Test
    void heavyOutliersAreCappedAtMaxBins() {
        float[] v = gaussian(10_000, 2);
        v[0] = 1e6f;
        Histogram h = Histogram.of(v);
        assertEquals(Histogram.MAX_BINS, h.bins());
    }

    @Test
    void gridClipAndCentroidsAreCarriedForDrawing() {
        Histogram h = Histogram.of(gaussian(5000, 3)).withGrid(0.05, 0, -127, 127).withClip(-2, 2)
                .withCentroids(new double[] {-1, 0, 1});
        assertTrue(h.grid().length > 100 && h.grid().length <= 255);
        assertEquals(0.0, h.grid()[-(int) Math.round(h.grid()[0] / 0.05)], 1e-12);
        assertArrayEquals(new double[] {-2, 2}, h.clip());
        assertEquals(3, h.centroids().length);
    }

    @Test
    void rangeHistogramMergesToTheSameMinMaxAndCount() {
        RangeHistogram a = new RangeHistogram();
        RangeHistogram b = new RangeHistogram();
        RangeHistogram all = new RangeHistogram();
        float[] v = gaussian(20_000, 4);
        double[] first = new double[10_000];
        double[] second = new double[10_000];
        for (int i = 0; i < 10_000; i++) {
            first[i] = v[i];
            second[i] = v[i + 10_000] * 3;
        }
        a.add(first);
        b.add(second);
        all.add(first);
        all.add(second);
        a.merge(b);
        assertEquals(all.min(), a.min());
        assertEquals(all.max(), a.max());
        assertEquals(20_000, a.total());
        assertEquals(all.quantile(0.5), a.quantile(0.5), 0.05);
    }

    @Test
    void mseRangeKeepsALoneOutlierButClipsALongLaplaceTail() {
        RangeHistogram h = new RangeHistogram();
        double[] v = new double[10_001];
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 10_000; i++) {
            v[i] = r.nextDouble(); // uniform [0,1)
        }
        v[10_000] = 100;
        h.add(v);
        double[] range = h.mseOptimalRange(8);
        assertEquals(0.0, range[0]); // contains zero
        assertTrue(range[1] > 90, "one outlier costs more clipped than kept: " + range[1]);

        RangeHistogram lap = new RangeHistogram();
        double[] l = new double[1_000_000];
        for (int i = 0; i < l.length; i++) {
            double u = r.nextDouble() - 0.5;
            l[i] = -Math.signum(u) * Math.log(1 - 2 * Math.abs(u)); // Laplace(0, 1)
        }
        lap.add(l);
        double[] c = lap.mseOptimalRange(8);
        // ACIQ (Banner et al. 2019): the 8-bit MSE-optimal clip of Laplace(b=1) is about 9.9
        assertTrue(c[1] > 7 && c[1] < 12 && c[1] < lap.max(), "hi " + c[1] + " of max " + lap.max());
        assertTrue(c[0] < -7 && c[0] > -12 && c[0] > lap.min(), "lo " + c[0] + " of min " + lap.min());
    }
}
