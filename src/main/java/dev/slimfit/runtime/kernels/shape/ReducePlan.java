package dev.slimfit.runtime.kernels.shape;

import dev.slimfit.runtime.KernelException;
import java.util.Arrays;

/**
 * How a reduction walks its input: TFLite's reference reducers visit the input in row-major order
 * and fold each element into its output slot, and reproducing that order keeps float sums
 * bit-identical. After merging adjacent dimensions of the same kind (reduced or kept) the input is
 * a list of runs of {@link #runLength} contiguous elements; run {@code r} starts at input offset
 * {@code runIn[r]} and folds into output {@code runOut[r]} (one slot when the innermost dimension
 * is reduced, consecutive slots when it is kept).
 */
final class ReducePlan {
    final int[] outShape;
    final int outSize;
    /** Input elements folded into each output. */
    final int count;
    final int runLength;
    /** True when each run folds into one output slot. */
    final boolean innerReduced;
    final int[] runIn;
    final int[] runOut;
    /** The de-duplicated, normalized axes in the order given. */
    final int[] axes;

    private ReducePlan(int[] outShape, int count, int runLength, boolean innerReduced, int[] runIn, int[] runOut,
                       int[] axes) {
        this.outShape = outShape;
        this.outSize = ShapeSupport.product(outShape, 0, outShape.length);
        this.count = count;
        this.runLength = runLength;
        this.innerReduced = innerReduced;
        this.runIn = runIn;
        this.runOut = runOut;
        this.axes = axes;
    }

    /** Output shape as TFLite's reduce.cc computes it (keep_dims keeps reduced axes as 1). */
    static ReducePlan of(int[] in, int[] axisValues, boolean keepDims, String op) throws KernelException {
        int rank = in.length;
        if (rank == 0) {
            // TFLite reduces a scalar to itself whatever the axes say (ResolveAxis on 0 dims).
            return new ReducePlan(new int[0], 1, 1, true, new int[] {0}, new int[] {0}, new int[0]);
        }
        boolean[] reduced = new boolean[rank];
        int[] axes = new int[axisValues.length];
        int na = 0;
        for (int a : axisValues) {
            int n = ShapeSupport.axis(a, rank, op);
            if (!reduced[n]) {
                reduced[n] = true;
                axes[na++] = n;
            }
        }
        int[] outShape = new int[rank];
        int k = 0;
        int count = 1;
        for (int d = 0; d < rank; d++) {
            if (reduced[d]) {
                count *= in[d];
                if (keepDims) {
                    outShape[k++] = 1;
                }
            } else {
                outShape[k++] = in[d];
            }
        }
        outShape = Arrays.copyOf(outShape, k);
        // Merge dimensions into groups of one kind, dropping size-1 dimensions.
        int[] gd = new int[rank + 1];
        boolean[] gr = new boolean[rank + 1];
        int g = 0;
        for (int d = 0; d < rank; d++) {
            if (in[d] == 1) {
                continue;
            }
            if (g > 0 && gr[g - 1] == reduced[d]) {
                gd[g - 1] *= in[d];
            } else {
                gd[g] = in[d];
                gr[g] = reduced[d];
                g++;
            }
        }
        if (g == 0) {
            gd[0] = 1;
            gr[0] = true;
            g = 1;
        }
        int runLength = gd[g - 1];
        boolean innerReduced = gr[g - 1];
        int total = ShapeSupport.product(in, 0, in.length);
        int runs = runLength == 0 ? 0 : total / runLength;
        int[] runIn = new int[runs];
        int[] runOut = new int[runs];
        // Output strides of the kept groups, in output element units.
        int[] outStride = new int[g];
        int acc = innerReduced ? 1 : runLength;
        for (int i = g - 2; i >= 0; i--) {
            outStride[i] = gr[i] ? 0 : acc;
            if (!gr[i]) {
                acc *= gd[i];
            }
        }
        int[] c = new int[g];
        int o = 0;
        for (int r = 0; r < runs; r++) {
            runIn[r] = r * runLength;
            runOut[r] = o;
            for (int i = g - 2; i >= 0; i--) {
                o += outStride[i];
                if (++c[i] < gd[i]) {
                    break;
                }
                o -= outStride[i] * gd[i];
                c[i] = 0;
            }
        }
        return new ReducePlan(outShape, count, runLength, innerReduced, runIn, runOut, Arrays.copyOf(axes, na));
    }
}
