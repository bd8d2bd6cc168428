package dev.slimfit.optimize.prune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimfit.optimize.Pruning;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealVector;
import org.junit.jupiter.api.Test;

class LayerRepairTest {
    private static final int K = 24;
    private static final int OUT = 6;
    private static final int ROWS = 400;

    /** Correlated inputs make repair matter: x = A z with a random mixing matrix. */
    private static float[] inputs(SplittableRandom r) {
        double[][] a = new double[K][K];
        for (double[] row : a) {
            for (int j = 0; j < K; j++) {
                row[j] = r.nextGaussian();
            }
        }
        float[] x = new float[ROWS * K];
        double[] z = new double[K];
        for (int n = 0; n < ROWS; n++) {
            for (int j = 0; j < K; j++) {
                z[j] = r.nextGaussian();
            }
            for (int i = 0; i < K; i++) {
                double s = 0;
                for (int j = 0; j < K; j++) {
                    s += a[i][j] * z[j];
                }
                x[n * K + i] = (float) s;
            }
        }
        return x;
    }

    private static double outputError(float[] x, float[] w0, float[] w) {
        double e = 0;
        for (int n = 0; n < ROWS; n++) {
            for (int o = 0; o < OUT; o++) {
                double a = 0;
                double b = 0;
                for (int j = 0; j < K; j++) {
                    a += x[n * K + j] * w0[o * K + j];
                    b += x[n * K + j] * w[o * K + j];
                }
                e += (a - b) * (a - b);
            }
        }
        return e;
    }

    @Test
    void repairMatchesTheLeastSquaresSolutionOnTheKeptWeightsAndBeatsPlainPruning() {
        SplittableRandom r = new SplittableRandom(11);
        float[] x = inputs(r);
        float[] w0 = new float[OUT * K];
        for (int i = 0; i < w0.length; i++) {
            w0[i] = (float) r.nextGaussian();
        }
        WeightLayout l = WeightLayout.outputFirst(new int[] {OUT, K});
        boolean[] keep = MagnitudePruner.mask(w0, l, new Pruning(0.5, Pruning.Pattern.UNSTRUCTURED, true));
        float[] pruned = w0.clone();
        MagnitudePruner.apply(pruned, keep);
        double[][] h = new double[K][K];
        LayerRepair.accumulate(h, x, ROWS, K);
        float[] repaired = w0.clone();
        LayerRepair.repair(repaired, keep, l, new double[][][] {h});

        for (int i = 0; i < w0.length; i++) {
            if (!keep[i]) {
                assertEquals(0f, repaired[i], "pruned weights stay zero");
            }
        }
        double plain = outputError(x, w0, pruned);
        double fixed = outputError(x, w0, repaired);
        assertTrue(fixed < 0.5 * plain, "repair " + fixed + " vs plain " + plain);

        // channel 0 against an independent least-squares solve: min ||X w0 - X_S v||
        int kept = 0;
        for (int j = 0; j < K; j++) {
            if (keep[j]) {
                kept++;
            }
        }
        Array2DRowRealMatrix xs = new Array2DRowRealMatrix(ROWS, kept);
        RealVector y = new ArrayRealVector(ROWS);
        for (int n = 0; n < ROWS; n++) {
            double t = 0;
            int c = 0;
            for (int j = 0; j < K; j++) {
                t += x[n * K + j] * w0[j];
                if (keep[j]) {
                    xs.setEntry(n, c++, x[n * K + j]);
                }
            }
            y.setEntry(n, t);
        }
        RealVector v = new QRDecomposition(xs).getSolver().solve(y);
        int c = 0;
        for (int j = 0; j < K; j++) {
            if (keep[j]) {
                assertEquals(v.getEntry(c++), repaired[j], 0.05 * Math.max(1, Math.abs(v.getEntry(c - 1))),
                        "kept weight " + j);
            }
        }
    }
}
