package dev.slimfit.runtime.kernels.shape;

import dev.slimfit.model.TensorType;
import dev.slimfit.runtime.Kernel;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.PreparedOp;
import dev.slimfit.runtime.RuntimeTensor;

/**
 * ARG_MAX and ARG_MIN as TFLite 2.6.2's arg_min_max.cc: the axis (int32/int64, one element) is
 * removed from the shape; the strict comparison keeps the first index on ties; quantized inputs
 * compare raw values (uint8 unsigned). The output is int32 or int64 as the model declares.
 */
public final class ArgMinMax implements Kernel {
    private final boolean max;

    public ArgMinMax(boolean max) {
        this.max = max;
    }

    @Override
    public PreparedOp prepare(OpContext ctx) throws KernelException {
        String op = max ? "ARG_MAX" : "ARG_MIN";
        RuntimeTensor in = ctx.requireInput(0);
        RuntimeTensor axisT = ctx.requireInput(1);
        RuntimeTensor out = ctx.output(0);
        // 2.6.2 accepts float32 and 8/32-bit ints only ("only float32 and int types are supported").
        TensorType type = ctx.expectType(in, TensorType.FLOAT32, TensorType.INT8, TensorType.UINT8,
                TensorType.INT32);
        ctx.expectType(out, TensorType.INT32, TensorType.INT64);
        ctx.expectType(axisT, TensorType.INT32, TensorType.INT64);
        if (!axisT.isConstant()) {
            throw new KernelException(op + ": a computed axis is not supported");
        }
        int rank = in.rank();
        int axis = ShapeSupport.axis(ShapeSupport.readInts(axisT)[0], rank, op);
        int[] shape = new int[Math.max(rank - 1, 0)];
        for (int d = 0, k = 0; d < rank; d++) {
            if (d != axis) {
                shape[k++] = in.dim(d);
            }
        }
        out.resize(shape);
        int outer = ShapeSupport.product(in.shape(), 0, axis);
        int n = in.dim(axis);
        int inner = ShapeSupport.product(in.shape(), axis + 1, rank);
        // Integer inputs are widened one outer slice at a time, so scratch stays small even for
        // segmentation-sized arg max outputs.
        long[] wide = type == TensorType.FLOAT32 ? null : new long[n * inner];
        long[] idx = new long[outer * inner];
        boolean isMax = max;
        return () -> {
            if (n == 0) {
                return;
            }
            if (wide == null) {
                scanFloat(in.floats(), idx, outer, n, inner, isMax);
            } else {
                for (int o = 0; o < outer; o++) {
                    widenSlice(in, o * n * inner, wide);
                    scanLong(wide, idx, o * inner, n, inner, isMax);
                }
            }
            ShapeSupport.narrow(idx, out, idx.length);
        };
    }

    /** Arg max/min along the middle of {@code [outer, n, inner]}; the first extreme index wins. */
    private static void scanFloat(float[] x, long[] idx, int outer, int n, int inner, boolean isMax) {
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int p = o * n * inner + i;
                float best = x[p];
                int bi = 0;
                if (isMax) {
                    for (int k = 1; k < n; k++) {
                        p += inner;
                        if (x[p] > best) {
                            best = x[p];
                            bi = k;
                        }
                    }
                } else {
                    for (int k = 1; k < n; k++) {
                        p += inner;
                        if (x[p] < best) {
                            best = x[p];
                            bi = k;
                        }
                    }
                }
                idx[o * inner + i] = bi;
            }
        }
    }

    private static void scanLong(long[] x, long[] idx, int outBase, int n, int inner, boolean isMax) {
        for (int i = 0; i < inner; i++) {
            int p = i;
            long best = x[p];
            int bi = 0;
            for (int k = 1; k < n; k++) {
                p += inner;
                if (isMax ? x[p] > best : x[p] < best) {
                    best = x[p];
                    bi = k;
                }
            }
            idx[outBase + i] = bi;
        }
    }

    private static void widenSlice(RuntimeTensor in, int from, long[] dst) {
        int n = dst.length;
        switch (in.type()) {
            case INT8 -> {
                byte[] v = in.bytes();
                for (int i = 0; i < n; i++) {
                    dst[i] = v[from + i];
                }
            }
            case UINT8 -> {
                byte[] v = in.bytes();
                for (int i = 0; i < n; i++) {
                    dst[i] = v[from + i] & 0xFF;
                }
            }
            default -> {
                int[] v = in.ints();
                for (int i = 0; i < n; i++) {
                    dst[i] = v[from + i];
                }
            }
        }
    }
}
