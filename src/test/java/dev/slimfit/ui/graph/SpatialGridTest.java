package dev.slimfit.ui.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

class SpatialGridTest {

    @Test
    void queryReturnsExactlyTheRectanglesIntersectingTheViewport() {
        Random random = new Random(42);
        int n = 3000;
        double[] x0 = new double[n];
        double[] y0 = new double[n];
        double[] x1 = new double[n];
        double[] y1 = new double[n];
        for (int i = 0; i < n; i++) {
            boolean huge = random.nextInt(50) == 0;
            x0[i] = random.nextDouble() * 10_000 - 500;
            y0[i] = random.nextDouble() * 40_000 - 500;
            x1[i] = x0[i] + (huge ? random.nextDouble() * 20_000 : random.nextDouble() * 200);
            y1[i] = y0[i] + (huge ? random.nextDouble() * 20_000 : random.nextDouble() * 60);
        }
        SpatialGrid grid = new SpatialGrid(x0, y0, x1, y1);
        SpatialGrid.IntBuffer out = new SpatialGrid.IntBuffer();
        for (int q = 0; q < 500; q++) {
            double qx0 = random.nextDouble() * 12_000 - 1_000;
            double qy0 = random.nextDouble() * 42_000 - 1_000;
            double qx1 = qx0 + random.nextDouble() * (q % 10 == 0 ? 20_000 : 2_000);
            double qy1 = qy0 + random.nextDouble() * (q % 10 == 0 ? 50_000 : 1_500);
            TreeSet<Integer> expected = new TreeSet<>();
            for (int i = 0; i < n; i++) {
                if (x0[i] <= qx1 && x1[i] >= qx0 && y0[i] <= qy1 && y1[i] >= qy0) {
                    expected.add(i);
                }
            }
            grid.query(qx0, qy0, qx1, qy1, out);
            TreeSet<Integer> actual = new TreeSet<>();
            for (int k = 0; k < out.size(); k++) {
                actual.add(out.get(k));
            }
            assertEquals(out.size(), actual.size(), "no duplicates in query " + q);
            TreeSet<Integer> missing = new TreeSet<>(expected);
            missing.removeAll(actual);
            TreeSet<Integer> extra = new TreeSet<>(actual);
            extra.removeAll(expected);
            assertTrue(missing.isEmpty() && extra.isEmpty(),
                    "query " + q + ": missing " + missing + ", extra " + extra);
        }
    }

    @Test
    void queryOutsideEverythingIsEmpty() {
        SpatialGrid grid = new SpatialGrid(new double[] {0, 10}, new double[] {0, 10},
                new double[] {5, 15}, new double[] {5, 15});
        SpatialGrid.IntBuffer out = new SpatialGrid.IntBuffer();
        grid.query(100, 100, 200, 200, out);
        assertEquals(0, out.size());
        grid.query(4, 4, 11, 11, out);
        assertEquals(2, out.size());
    }

    @Test
    void emptyIndexAnswersEmpty() {
        SpatialGrid grid = new SpatialGrid(new double[0], new double[0], new double[0], new double[0]);
        SpatialGrid.IntBuffer out = new SpatialGrid.IntBuffer();
        grid.query(-1e9, -1e9, 1e9, 1e9, out);
        assertEquals(0, out.size());
    }
}
