package dev.slimfit.runtime.kernels;

import dev.slimfit.runtime.KernelException;
import java.util.Arrays;

/**
 * NumPy-style broadcasting of any number of operands, as TFLite's {@code CalculateShapeForBroadcast}
 * and {@code NdArrayDescsForElementwiseBroadcast} define it: shapes are right-aligned, and each
 * dimension must be equal or 1 (a size-1 dimension is repeated; a 0 on either side gives 0).
 *
 * <p>Unlike TFLite, which loops over a fixed rank (4, 5 or 6) and recomputes each operand's index
 * per element, a plan here collapses the output into as few dimensions as possible — adjacent
 * dimensions merge when every operand broadcasts them the same way — and walks it in <em>runs</em>:
 * the innermost collapsed dimension, along which each operand advances by a constant step of 0
 * (broadcast) or 1. Kernels loop over runs and write tight inner loops over primitive arrays;
 * because the split is by run, {@link dev.slimfit.runtime.Parallel} can share runs among threads.
 * The result is elementwise-identical to TFLite at every rank.
 *
 * <pre>{@code
 * Broadcast bc = Broadcast.of(a.shape(), b.shape());      // prepare
 * out.resize(bc.outputShape());
 * for (int r = 0; r < bc.runs(); r++) {                     // eval
 *     int o = r * bc.runLength(), ia = bc.offset(0, r), ib = bc.offset(1, r);
 *     int sa = bc.step(0), sb = bc.step(1);
 *     for (int i = 0; i < bc.runLength(); i++) y[o + i] = x1[ia + i * sa] + x2[ib + i * sb];
 * }
 * }</pre>
 */
public final class Broadcast {
    private final int[] outputShape;
    private final int outputSize;
    /** Collapsed outer dimensions (all but the innermost), outermost first. */
    private final int[] outerDims;
    /** strides[k][d]: operand k's element stride along collapsed outer dim d (0 when broadcast). */
    private final int[][] outerStrides;
    private final int[] steps;
    private final int runLength;
    private final int runs;
    private final boolean trivial;

    private Broadcast(int[] outputShape, int[][] shapes) {
        this.outputShape = outputShape;
        int rank = outputShape.length;
        int n = shapes.length;
        this.outputSize = size(outputShape);
        // Per output dim: does operand k vary along it (1) or is it broadcast (0)?
        int[] dims = new int[rank];
        boolean[][] varies = new boolean[n][rank];
        int kept = 0;
        for (int d = 0; d < rank; d++) {
            if (outputShape[d] == 1) {
                continue; // size-1 output dims carry no index
            }
            for (int k = 0; k < n; k++) {
                int off = rank - shapes[k].length;
                varies[k][kept] = d >= off && shapes[k][d - off] != 1;
            }
            dims[kept++] = outputShape[d];
        }
        // Merge adjacent dims whose broadcast pattern is identical across all operands.
        int[] merged = new int[Math.max(kept, 1)];
        boolean[][] mv = new boolean[n][Math.max(kept, 1)];
        int m = 0;
        for (int d = 0; d < kept; d++) {
            boolean same = m > 0;
            for (int k = 0; k < n && same; k++) {
                same = mv[k][m - 1] == varies[k][d];
            }
            if (same) {
                merged[m - 1] *= dims[d];
            } else {
                merged[m] = dims[d];
                for (int k = 0; k < n; k++) {
                    mv[k][m] = varies[k][d];
                }
                m++;
            }
        }
        if (m == 0) {
            merged[0] = outputSize == 0 ? 0 : 1;
            for (int k = 0; k < n; k++) {
                mv[k][0] = true;
            }
            m = 1;
        }
        this.runLength = merged[m - 1];
        this.steps = new int[n];
        this.outerDims = Arrays.copyOf(merged, m - 1);
        this.outerStrides = new int[n][m - 1];
        boolean allFull = true;
        for (int k = 0; k < n; k++) {
            steps[k] = mv[k][m - 1] ? 1 : 0;
            int stride = mv[k][m - 1] ? runLength : 1;
            for (int d = m - 2; d >= 0; d--) {
                outerStrides[k][d] = mv[k][d] ? stride : 0;
                if (mv[k][d]) {
                    stride *= merged[d];
                }
            }
            for (int d = 0; d < m; d++) {
                allFull &= mv[k][d];
            }
        }
        this.runs = runLength == 0 ? 0 : outputSize / runLength;
        this.trivial = allFull;
    }

    /** A plan for operands of the given shapes; the output shape is their broadcast. */
    public static Broadcast of(int[]... shapes) throws KernelException {
        return new Broadcast(outputShape(shapes), shapes.clone());
    }

    /**
     * The broadcast shape of {@code shapes} (TFLite {@code CalculateShapeForBroadcast}, generalised
     * to any number of operands and any rank).
     *
     * @throws KernelException when two dimensions differ and neither is 1
     */
    public static int[] outputShape(int[]... shapes) throws KernelException {
        int rank = 0;
        for (int[] s : shapes) {
            rank = Math.max(rank, s.length);
        }
        int[] out = new int[rank];
        Arrays.fill(out, 1);
        for (int[] s : shapes) {
            int off = rank - s.length;
            for (int i = 0; i < s.length; i++) {
                int d = s[i];
                int o = out[off + i];
                if (o == 1) {
                    out[off + i] = d;
                } else if (d != 1 && d != o) {
                    throw new KernelException("shapes cannot be broadcast together: " + describe(shapes));
                }
            }
        }
        return out;
    }

    private static String describe(int[][] shapes) {
        StringBuilder b = new StringBuilder();
        for (int[] s : shapes) {
            b.append(b.length() == 0 ? "" : " and ").append(Arrays.toString(s));
        }
        return b.toString();
    }

    private static int size(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    /** The broadcast output shape (copy). */
    public int[] outputShape() {
        return outputShape.clone();
    }

    /** Number of output elements. */
    public int outputSize() {
        return outputSize;
    }

    /** True when no operand is broadcast: every operand is indexed like the output. */
    public boolean isTrivial() {
        return trivial;
    }

    /** Number of runs; run {@code r} covers output elements {@code [r*runLength, (r+1)*runLength)}. */
    public int runs() {
        return runs;
    }

    /** Elements per run (the innermost collapsed dimension). */
    public int runLength() {
        return runLength;
    }

    /** How far operand {@code k} advances per element within a run: 1, or 0 when broadcast. */
    public int step(int k) {
        return steps[k];
    }

    /** Operand {@code k}'s flat index of the first element of run {@code r}. */
    public int offset(int k, int r) {
        int[] strides = outerStrides[k];
        int off = 0;
        for (int d = outerDims.length - 1; d >= 0; d--) {
            int dim = outerDims[d];
            int q = r / dim;
            off += (r - q * dim) * strides[d];
            r = q;
        }
        return off;
    }
}
