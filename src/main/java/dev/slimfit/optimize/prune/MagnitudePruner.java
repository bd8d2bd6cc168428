package dev.slimfit.optimize.prune;

import dev.slimfit.optimize.Pruning;
import java.util.Arrays;

/**
 * Magnitude pruning of one weight tensor: the mask of weights to keep.
 * <ul>
 *   <li>UNSTRUCTURED: the round(s·n) smallest |w| of the tensor become zero (ties: lower index first).</li>
 *   <li>TWO_OF_FOUR: in every group of 4 consecutive reduction elements of a channel, the 2 smallest
 *       |w| become zero (NVIDIA/TFLite 2:4 structured sparsity along the input dimension).</li>
 *   <li>BLOCK: blocks of {@link #BLOCK} consecutive reduction elements (TFLite's 1×4 sparse FC
 *       layout) are ranked by their L1 norm and the weakest round(s·blocks) are zeroed.</li>
 * </ul>
 */
public final class MagnitudePruner {
    /** Block length for BLOCK pruning (matches TFLite's [1,4] block sparse fully connected). */
    public static final int BLOCK = 4;

    private MagnitudePruner() {
    }

    /** The keep-mask (true = kept) for {@code weights} under {@code spec}. */
    public static boolean[] mask(float[] weights, WeightLayout layout, Pruning spec) {
        return switch (spec.pattern()) {
            case UNSTRUCTURED -> perChannel(weights, layout, spec.sparsity());
            case TWO_OF_FOUR -> nOfM(weights, layout, 2, 4);
            case BLOCK -> blocks(weights, layout, spec.sparsity());
        };
    }

    /** Zeros the weights outside the mask, in place. */
    public static void apply(float[] weights, boolean[] keep) {
        for (int i = 0; i < weights.length; i++) {
            if (!keep[i]) {
                weights[i] = 0f;
            }
        }
    }

    /** Fraction of zeros. */
    public static double sparsity(float[] weights) {
        int z = 0;
        for (float w : weights) {
            if (w == 0f) {
                z++;
            }
        }
        return weights.length == 0 ? 0 : (double) z / weights.length;
    }

    /**
     * Unstructured magnitude pruning with the same sparsity in every output channel. Converted
     * models fold batch norm into the weights, so channels differ in scale by orders of magnitude;
     * one threshold per tensor then deletes whole low-scale channels (measured on MobileNet v1
     * 0.25: 50% per-tensor pruning of the pointwise convs left 0/100 ImageNet predictions equal to
     * the float model's), which no calibration can repair.
     */
    static boolean[] perChannel(float[] w, WeightLayout l, double sparsity) {
        boolean[] keep = new boolean[w.length];
        java.util.Arrays.fill(keep, true);
        float[] row = new float[l.reduction()];
        for (int ch = 0; ch < l.channels(); ch++) {
            for (int j = 0; j < row.length; j++) {
                row[j] = w[l.index(ch, j)];
            }
            boolean[] k = unstructured(row, sparsity);
            for (int j = 0; j < row.length; j++) {
                keep[l.index(ch, j)] = k[j];
            }
        }
        return keep;
    }

    static boolean[] unstructured(float[] w, double sparsity) {
        int n = w.length;
        int prune = (int) Math.round(sparsity * n);
        int[] order = ascending(n, i -> Math.abs(w[i]));
        boolean[] keep = new boolean[n];
        Arrays.fill(keep, true);
        for (int i = 0; i < prune; i++) {
            keep[order[i]] = false;
        }
        return keep;
    }

    /** A float key of index i (non-negative). */
    private interface Key {
        float of(int i);
    }

    /**
     * Indices 0..n-1 ordered by ascending key, ties by index. Non-negative float bit patterns order
     * like the floats, so (bits << 32 | index) sorts as one primitive long array: no boxing, which
     * keeps pruning a 10M-weight layer interactive in the app.
     */
    private static int[] ascending(int n, Key key) {
        long[] packed = new long[n];
        for (int i = 0; i < n; i++) {
            packed[i] = ((long) Float.floatToIntBits(key.of(i) + 0f) << 32) | i;
        }
        Arrays.sort(packed);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = (int) packed[i];
        }
        return order;
    }

    static boolean[] nOfM(float[] w, WeightLayout l, int zeros, int group) {
        boolean[] keep = new boolean[w.length];
        Arrays.fill(keep, true);
        int[] idx = new int[group];
        for (int ch = 0; ch < l.channels(); ch++) {
            for (int g = 0; g + group <= l.reduction(); g += group) {
                for (int j = 0; j < group; j++) {
                    idx[j] = l.index(ch, g + j);
                }
                for (int z = 0; z < zeros; z++) {
                    int min = -1;
                    for (int j = 0; j < group; j++) {
                        if (keep[idx[j]] && (min < 0 || Math.abs(w[idx[j]]) < Math.abs(w[idx[min]]))) {
                            min = j;
                        }
                    }
                    keep[idx[min]] = false;
                }
            }
        }
        return keep;
    }

    static boolean[] blocks(float[] w, WeightLayout l, double sparsity) {
        int perChannel = (l.reduction() + BLOCK - 1) / BLOCK;
        int total = perChannel * l.channels();
        double[] norm = new double[total];
        for (int ch = 0; ch < l.channels(); ch++) {
            for (int j = 0; j < l.reduction(); j++) {
                norm[ch * perChannel + j / BLOCK] += Math.abs(w[l.index(ch, j)]);
            }
        }
        int[] order = ascending(total, i -> (float) norm[i]);
        boolean[] blockKeep = new boolean[total];
        Arrays.fill(blockKeep, true);
        int prune = (int) Math.round(sparsity * total);
        for (int i = 0; i < prune; i++) {
            blockKeep[order[i]] = false;
        }
        boolean[] keep = new boolean[w.length];
        Arrays.fill(keep, true);
        for (int ch = 0; ch < l.channels(); ch++) {
            for (int j = 0; j < l.reduction(); j++) {
                keep[l.index(ch, j)] = blockKeep[ch * perChannel + j / BLOCK];
            }
        }
        return keep;
    }
}
