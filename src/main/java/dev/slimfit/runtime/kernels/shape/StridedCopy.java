package dev.slimfit.runtime.kernels.shape;

import java.util.Arrays;

/**
 * A precomputed copy of an N-d strided view of one primitive array into an N-d strided view of
 * another. Transpose, slice, strided slice, reverse, tile, broadcast, pad, depth/space and
 * batch/space reshuffles are all such copies, so they share this one engine: the plan drops unit
 * dimensions and merges dimensions that are contiguous in both views, so the innermost loop is a
 * {@link System#arraycopy} whenever the views allow it and a tight typed loop otherwise.
 */
final class StridedCopy {
    private final int[] dims;
    private final int[] srcStrides;
    private final int[] dstStrides;
    private final int srcOffset;
    private final int dstOffset;
    private final int[] counter;
    private final boolean empty;

    private StridedCopy(int[] dims, int[] srcStrides, int[] dstStrides, int srcOffset, int dstOffset,
                        boolean empty) {
        this.dims = dims;
        this.srcStrides = srcStrides;
        this.dstStrides = dstStrides;
        this.srcOffset = srcOffset;
        this.dstOffset = dstOffset;
        this.counter = new int[dims.length];
        this.empty = empty;
    }

    /** Row-major strides of {@code shape}. */
    static int[] strides(int[] shape) {
        int[] s = new int[shape.length];
        int acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= shape[i];
        }
        return s;
    }

    /** Copies the view into a dense destination of shape {@code shape} starting at 0. */
    static StridedCopy toDense(int[] shape, int srcOffset, int[] srcStrides) {
        return of(shape, srcOffset, srcStrides, 0, strides(shape));
    }

    /**
     * The plan for copying element {@code i} (a multi-index over {@code shape}) from
     * {@code src[srcOffset + i·srcStrides]} to {@code dst[dstOffset + i·dstStrides]}.
     */
    static StridedCopy of(int[] shape, int srcOffset, int[] srcStrides, int dstOffset, int[] dstStrides) {
        int n = shape.length;
        int[] d = new int[n + 1];
        int[] ss = new int[n + 1];
        int[] ds = new int[n + 1];
        int k = 0;
        boolean empty = false;
        for (int i = 0; i < n; i++) {
            if (shape[i] == 0) {
                empty = true;
            }
            if (shape[i] == 1) {
                continue;
            }
            if (k > 0 && ss[k - 1] == srcStrides[i] * shape[i] && ds[k - 1] == dstStrides[i] * shape[i]) {
                d[k - 1] *= shape[i];
                ss[k - 1] = srcStrides[i];
                ds[k - 1] = dstStrides[i];
                continue;
            }
            d[k] = shape[i];
            ss[k] = srcStrides[i];
            ds[k] = dstStrides[i];
            k++;
        }
        if (k == 0) {
            d[0] = 1;
            ss[0] = 1;
            ds[0] = 1;
            k = 1;
        }
        return new StridedCopy(Arrays.copyOf(d, k), Arrays.copyOf(ss, k), Arrays.copyOf(ds, k), srcOffset,
                dstOffset, empty);
    }

    /** Runs the copy; {@code src} and {@code dst} are primitive arrays of the same component type. */
    void run(Object src, Object dst) {
        if (empty) {
            return;
        }
        int last = dims.length - 1;
        if (last >= 1 && srcStrides[last] != 1 && dstStrides[last] == 1 && srcStrides[last - 1] == 1
                && dims[last - 1] >= TILE && dims[last] >= TILE) {
            runTransposed(src, dst);
            return;
        }
        int n = dims[last];
        int ss = srcStrides[last];
        int ds = dstStrides[last];
        int[] c = counter;
        Arrays.fill(c, 0);
        int sp = srcOffset;
        int dp = dstOffset;
        while (true) {
            if (ss == 1 && ds == 1) {
                System.arraycopy(src, sp, dst, dp, n);
            } else {
                strided(src, sp, ss, dst, dp, ds, n);
            }
            int i = last - 1;
            while (i >= 0) {
                sp += srcStrides[i];
                dp += dstStrides[i];
                if (++c[i] < dims[i]) {
                    break;
                }
                sp -= srcStrides[i] * dims[i];
                dp -= dstStrides[i] * dims[i];
                c[i] = 0;
                i--;
            }
            if (i < 0) {
                return;
            }
        }
    }

    private static final int TILE = 16;

    /**
     * The innermost two dimensions are a plain 2-D transpose (rows contiguous in the source,
     * columns contiguous in the destination, as NHWC↔NCHW collapses to): copy it in square tiles
     * so both sides stay in cache.
     */
    private void runTransposed(Object src, Object dst) {
        int last = dims.length - 1;
        int rows = dims[last - 1];
        int cols = dims[last];
        int colStride = srcStrides[last];
        int rowStride = dstStrides[last - 1];
        int outer = 1;
        for (int i = 0; i < last - 1; i++) {
            outer *= dims[i];
        }
        int[] c = counter;
        Arrays.fill(c, 0);
        int sp = srcOffset;
        int dp = dstOffset;
        for (int o = 0; o < outer; o++) {
            for (int r0 = 0; r0 < rows; r0 += TILE) {
                int r1 = Math.min(rows, r0 + TILE);
                for (int c0 = 0; c0 < cols; c0 += TILE) {
                    int c1 = Math.min(cols, c0 + TILE);
                    for (int r = r0; r < r1; r++) {
                        strided(src, sp + r + c0 * colStride, colStride, dst, dp + r * rowStride + c0, 1, c1 - c0);
                    }
                }
            }
            for (int i = last - 2; i >= 0; i--) {
                sp += srcStrides[i];
                dp += dstStrides[i];
                if (++c[i] < dims[i]) {
                    break;
                }
                sp -= srcStrides[i] * dims[i];
                dp -= dstStrides[i] * dims[i];
                c[i] = 0;
            }
        }
    }

    private static void strided(Object src, int sp, int ss, Object dst, int dp, int ds, int n) {
        if (src instanceof float[] s) {
            float[] d = (float[]) dst;
            for (int j = 0; j < n; j++, sp += ss, dp += ds) {
                d[dp] = s[sp];
            }
        } else if (src instanceof byte[] s) {
            byte[] d = (byte[]) dst;
            for (int j = 0; j < n; j++, sp += ss, dp += ds) {
                d[dp] = s[sp];
            }
        } else if (src instanceof int[] s) {
            int[] d = (int[]) dst;
            for (int j = 0; j < n; j++, sp += ss, dp += ds) {
                d[dp] = s[sp];
            }
        } else if (src instanceof short[] s) {
            short[] d = (short[]) dst;
            for (int j = 0; j < n; j++, sp += ss, dp += ds) {
                d[dp] = s[sp];
            }
        } else {
            long[] s = (long[]) src;
            long[] d = (long[]) dst;
            for (int j = 0; j < n; j++, sp += ss, dp += ds) {
                d[dp] = s[sp];
            }
        }
    }
}
