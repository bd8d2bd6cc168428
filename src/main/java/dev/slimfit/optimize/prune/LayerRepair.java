package dev.slimfit.optimize.prune;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;

/**
 * Layer-wise reconstruction after pruning (the OBS / SparseGPT idea, solved exactly per output
 * channel): with H = XᵀX over the layer's calibration inputs, the kept weights of a channel are
 * moved so that the channel's output on those inputs changes as little as possible:
 * w'_S = w_S + H_SS⁻¹ H_SP w_P (S kept, P pruned), which minimises (w − w')ᵀ H (w − w') with
 * w'_P = 0. A small ridge term (1% of the mean diagonal) keeps H_SS well conditioned.
 */
public final class LayerRepair {
    private static final double DAMPING = 0.01;

    private LayerRepair() {
    }

    /**
     * Repairs {@code weights} in place.
     *
     * @param hessians one K×K matrix XᵀX for all channels (conv/FC), or one per channel (depthwise)
     */
    public static void repair(float[] weights, boolean[] keep, WeightLayout layout, double[][][] hessians) {
        int k = layout.reduction();
        for (int ch = 0; ch < layout.channels(); ch++) {
            double[][] h = hessians[hessians.length == 1 ? 0 : ch];
            int kept = 0;
            for (int j = 0; j < k; j++) {
                if (keep[layout.index(ch, j)]) {
                    kept++;
                }
            }
            if (kept == 0 || kept == k) {
                continue;
            }
            int[] s = new int[kept];
            int[] p = new int[k - kept];
            int si = 0;
            int pi = 0;
            for (int j = 0; j < k; j++) {
                if (keep[layout.index(ch, j)]) {
                    s[si++] = j;
                } else {
                    p[pi++] = j;
                }
            }
            double meanDiag = 0;
            for (int j = 0; j < k; j++) {
                meanDiag += h[j][j];
            }
            if (!(meanDiag > 0)) {
                // the channel's inputs were always zero on the samples: nothing to fit, just prune
                for (int j : p) {
                    weights[layout.index(ch, j)] = 0f;
                }
                continue;
            }
            double lambda = DAMPING * meanDiag / k;
            RealMatrix hss = new Array2DRowRealMatrix(kept, kept);
            for (int a = 0; a < kept; a++) {
                for (int b = 0; b < kept; b++) {
                    hss.setEntry(a, b, h[s[a]][s[b]] + (a == b ? lambda : 0));
                }
            }
            RealVector rhs = new ArrayRealVector(kept);
            for (int a = 0; a < kept; a++) {
                double sum = 0;
                for (int j : p) {
                    sum += h[s[a]][j] * weights[layout.index(ch, j)];
                }
                rhs.setEntry(a, sum);
            }
            DecompositionSolver solver = new CholeskyDecomposition(hss, 1e-12, 1e-14).getSolver();
            RealVector delta = solver.solve(rhs);
            for (int a = 0; a < kept; a++) {
                int idx = layout.index(ch, s[a]);
                weights[idx] = (float) (weights[idx] + delta.getEntry(a));
            }
            for (int j : p) {
                weights[layout.index(ch, j)] = 0f;
            }
        }
    }

    /**
     * The keep-mask for a repaired layer, chosen with the calibration statistics (Wanda's score,
     * |w_j|·‖x_j‖ with ‖x_j‖² = (XᵀX)_jj) and per output channel for unstructured pruning: every
     * channel keeps the same share of its weights, so no channel is pruned away entirely (a
     * per-tensor threshold kills whole depthwise channels, which no repair can bring back). 2:4 and
     * block patterns rank the same scores within their groups.
     */
    public static boolean[] mask(float[] weights, WeightLayout layout, dev.slimfit.optimize.Pruning spec,
                                 double[][][] hessians) {
        float[] score = new float[weights.length];
        for (int ch = 0; ch < layout.channels(); ch++) {
            double[][] h = hessians[hessians.length == 1 ? 0 : ch];
            for (int j = 0; j < layout.reduction(); j++) {
                int i = layout.index(ch, j);
                score[i] = (float) (Math.abs(weights[i]) * Math.sqrt(Math.max(h[j][j], 0)));
            }
        }
        if (spec.pattern() != dev.slimfit.optimize.Pruning.Pattern.UNSTRUCTURED) {
            return MagnitudePruner.mask(score, layout, spec);
        }
        boolean[] keep = new boolean[weights.length];
        java.util.Arrays.fill(keep, true);
        int k = layout.reduction();
        int prune = (int) Math.round(spec.sparsity() * k);
        Integer[] order = new Integer[k];
        for (int ch = 0; ch < layout.channels(); ch++) {
            for (int j = 0; j < k; j++) {
                order[j] = j;
            }
            final int c = ch;
            java.util.Arrays.sort(order, (a, b) -> {
                int cmp = Float.compare(score[layout.index(c, a)], score[layout.index(c, b)]);
                return cmp != 0 ? cmp : Integer.compare(a, b);
            });
            for (int j = 0; j < prune; j++) {
                keep[layout.index(ch, order[j])] = false;
            }
        }
        return keep;
    }

    /** Accumulates XᵀX from rows of {@code k} values (e.g. im2col patches). */
    public static void accumulate(double[][] h, float[] rows, int count, int k) {
        for (int r = 0; r < count; r++) {
            int base = r * k;
            for (int a = 0; a < k; a++) {
                double xa = rows[base + a];
                if (xa == 0) {
                    continue;
                }
                double[] ha = h[a];
                for (int b = 0; b < k; b++) {
                    ha[b] += xa * rows[base + b];
                }
            }
        }
    }
}
