package dev.slimfit.optimize.prune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimfit.optimize.Pruning;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MagnitudePrunerTest {
    private static float[] gaussian(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    @Test
    void unstructuredPruningZerosTheSmallestMagnitudesOfEveryOutputChannel() {
        float[] w = gaussian(1000, 1);
        // channel c scaled by 10^c: a per-tensor threshold would delete whole low-scale channels
        for (int i = 0; i < w.length; i++) {
            w[i] *= (float) Math.pow(10, i / 100 % 4);
        }
        WeightLayout l = WeightLayout.outputFirst(new int[] {10, 100});
        boolean[] keep = MagnitudePruner.mask(w, l, new Pruning(0.75, Pruning.Pattern.UNSTRUCTURED, false));
        for (int ch = 0; ch < 10; ch++) {
            float maxPruned = 0;
            float minKept = Float.MAX_VALUE;
            int pruned = 0;
            for (int j = 0; j < 100; j++) {
                int i = l.index(ch, j);
                if (keep[i]) {
                    minKept = Math.min(minKept, Math.abs(w[i]));
                } else {
                    pruned++;
                    maxPruned = Math.max(maxPruned, Math.abs(w[i]));
                }
            }
            assertEquals(75, pruned, "channel " + ch);
            assertTrue(maxPruned <= minKept, "channel " + ch);
        }
        MagnitudePruner.apply(w, keep);
        assertEquals(0.75, MagnitudePruner.sparsity(w), 1e-9);
    }

    @Test
    void twoOfFourLeavesExactlyTwoZerosInEveryGroupOfFourAlongTheInputDimension() {
        int[] shape = {6, 3, 3, 8};
        float[] w = gaussian(6 * 3 * 3 * 8, 2);
        WeightLayout l = WeightLayout.outputFirst(shape);
        boolean[] keep = MagnitudePruner.mask(w, l, new Pruning(0.5, Pruning.Pattern.TWO_OF_FOUR, false));
        for (int ch = 0; ch < l.channels(); ch++) {
            for (int g = 0; g < l.reduction(); g += 4) {
                int zeros = 0;
                float minKept = Float.MAX_VALUE;
                float maxPruned = 0;
                for (int j = 0; j < 4; j++) {
                    int idx = l.index(ch, g + j);
                    if (keep[idx]) {
                        minKept = Math.min(minKept, Math.abs(w[idx]));
                    } else {
                        zeros++;
                        maxPruned = Math.max(maxPruned, Math.abs(w[idx]));
                    }
                }
                assertEquals(2, zeros);
                assertTrue(maxPruned <= minKept);
            }
        }
    }

    @Test
    void blockPruningRemovesWholeBlocksOfFour() {
        float[] w = gaussian(16 * 64, 3);
        WeightLayout l = WeightLayout.outputFirst(new int[] {16, 64});
        boolean[] keep = MagnitudePruner.mask(w, l, new Pruning(0.5, Pruning.Pattern.BLOCK, false));
        int prunedBlocks = 0;
        for (int ch = 0; ch < 16; ch++) {
            for (int b = 0; b < 64; b += 4) {
                boolean first = keep[l.index(ch, b)];
                for (int j = 1; j < 4; j++) {
                    assertEquals(first, keep[l.index(ch, b + j)]);
                }
                if (!first) {
                    prunedBlocks++;
                }
            }
        }
        assertEquals(128, prunedBlocks);
    }

    @Test
    void depthwiseLayoutInterleavesChannels() {
        WeightLayout l = WeightLayout.outputLast(new int[] {1, 3, 3, 5});
        assertEquals(5, l.channels());
        assertEquals(9, l.reduction());
        assertEquals(2 + 5 * 4, l.index(2, 4));
    }
}
