package dev.slimfit.optimize.cluster;

import dev.slimfit.optimize.prune.WeightLayout;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;

/**
 * Re-fits cluster centroids on calibration data. A clustered channel is w'_c = s_c·A_c·u (A_c the
 * one-hot assignment of its weights to the centroids u, s_c its scale: 1 unless clustering is
 * scaled), and the layer's output on inputs X is linear in u, so the u that keeps the output
 * closest to the original layer's in least squares, min Σ_c (w_c − w'_c)ᵀ H_c (w_c − w'_c) with
 * H = XᵀX, solves the k×k system (Σ_c s_c² A_cᵀ H_c A_c) u = Σ_c s_c A_cᵀ H_c w_c. k-means
 * minimises the plain distance to the weights instead, which treats a weight on a dead input the
 * same as one on the busiest input. For scaled clustering the channel scales are re-fitted in
 * turn (each a 1-D least squares with u fixed), a few alternations. Preserved zeros (index -1)
 * stay zero. A ridge towards the current value (1e-6 of the mean diagonal) keeps centroids no
 * calibration input reaches where k-means put them.
 */
final class CentroidRepair {
    private static final int ALTERNATIONS = 4;
    private static final double RIDGE = 1e-6;

    private CentroidRepair() {
    }

    /**
     * Re-fits {@code centroids} (and {@code scale} when non-null) in place.
     *
     * @param index      centroid index per weight (-1: fixed zero)
     * @param perChannel one centroid group per channel (else one shared group)
     * @param hessians   one K×K XᵀX (conv/FC) or one per channel (depthwise)
     */
    static void refit(float[] w, WeightLayout layout, int[] index, boolean perChannel, double[][] centroids,
                      float[] scale, double[][][] hessians) {
        int rounds = scale == null ? 1 : ALTERNATIONS;
        for (int r = 0; r < rounds; r++) {
            if (perChannel) {
                for (int ch = 0; ch < layout.channels(); ch++) {
                    solve(w, layout, index, centroids[ch], null, hessians, ch, ch + 1);
                }
            } else {
                solve(w, layout, index, centroids[0], scale, hessians, 0, layout.channels());
            }
            if (scale != null) {
                rescale(w, layout, index, centroids[0], scale, hessians);
            }
        }
    }

    private static double[][] h(double[][][] hessians, int ch) {
        return hessians[hessians.length == 1 ? 0 : ch];
    }

    /** The normal equations for the centroids of channels from..to-1 (one shared group). */
    private static void solve(float[] w, WeightLayout l, int[] index, double[] u, float[] scale,
                              double[][][] hessians, int from, int to) {
        int k = u.length;
        int kk = l.reduction();
        double[][] g = new double[k][k];
        double[] rhs = new double[k];
        double trace = 0;
        int[] idx = new int[kk];
        double[] wc = new double[kk];
        for (int ch = from; ch < to; ch++) {
            double s = scale == null ? 1 : scale[ch];
            if (s == 0) {
                continue;
            }
            double[][] h = h(hessians, ch);
            for (int j = 0; j < kk; j++) {
                idx[j] = index[l.index(ch, j)];
                wc[j] = w[l.index(ch, j)];
            }
            for (int a = 0; a < kk; ++a) {
                double[] ha = h[a];
                double hw = 0;
                for (int b = 0; b < kk; b++) {
                    hw += ha[b] * wc[b];
                }
                int ia = idx[a];
                if (ia < 0) {
                    continue;
                }
                rhs[ia] += s * hw;
                double[] ga = g[ia];
                for (int b = 0; b < kk; b++) {
                    if (idx[b] >= 0) {
                        ga[idx[b]] += s * s * ha[b];
                    }
                }
            }
        }
        for (int a = 0; a < k; a++) {
            trace += g[a][a];
        }
        if (!(trace > 0)) {
            return; // no calibration input reaches these weights: k-means' centroids stay
        }
        double ridge = RIDGE * trace / k;
        RealMatrix m = new Array2DRowRealMatrix(k, k);
        RealVector v = new ArrayRealVector(k);
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                m.setEntry(a, b, g[a][b] + (a == b ? ridge : 0));
            }
            v.setEntry(a, rhs[a] + ridge * u[a]);
        }
        RealVector x = new LUDecomposition(m).getSolver().solve(v);
        for (int a = 0; a < k; a++) {
            if (Double.isFinite(x.getEntry(a))) {
                u[a] = x.getEntry(a);
            }
        }
    }

    /** s_c = (a_cᵀ H w_c) / (a_cᵀ H a_c) with a_c = A_c u, kept when not positive and finite. */
    private static void rescale(float[] w, WeightLayout l, int[] index, double[] u, float[] scale,
                                double[][][] hessians) {
        int kk = l.reduction();
        double[] a = new double[kk];
        for (int ch = 0; ch < l.channels(); ch++) {
            if (scale[ch] == 0) {
                continue;
            }
            double[][] h = h(hessians, ch);
            for (int j = 0; j < kk; j++) {
                int i = index[l.index(ch, j)];
                a[j] = i < 0 ? 0 : u[i];
            }
            double num = 0;
            double den = 0;
            for (int p = 0; p < kk; p++) {
                double ha = 0;
                for (int q = 0; q < kk; q++) {
                    ha += h[p][q] * a[q];
                }
                num += ha * w[l.index(ch, p)];
                den += ha * a[p];
            }
            double s = num / den;
            if (s > 0 && Double.isFinite(s)) {
                scale[ch] = (float) s;
            }
        }
    }
}
