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
        TensorType type = ctx.expectType(in, TensorType.FLOAT32, TensorType.INT8, TensorType.UINT8,
                TensorType.INT32, TensorType.INT64, TensorType.BOOL);
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
        long[] wide = type == TensorType.FLOAT32 ? null : new long[in.flatSize()];
        long[] idx = new long[outer * inner];
        boolean isMax = max;
        return () -> {
            if (n == 0) {
                return;
            }
            if (wide == null) {
                float[] x = in.floats();
                for (int o = 0; o < outer; o++) {
                    for (int i = 0; i < inner; i++) {
                        int base = o * n * inner + i;
                        float best = x[base];
                        int bi = 0;
                        for (int k = 1; k < n; k++) {
                            float v = x[base + k * inner];
                            if (isMax ? v > best : v < best) {
                                best = v;
                                bi = k;
                            }
                        }
                        idx[o * inner + i] = bi;
                    }
                }
            } else {
                ShapeSupport.widen(in, wide, in.flatSize());
                for (int o = 0; o < outer; o++) {
                    for (int i = 0; i < inner; i++) {
                        int base = o * n * inner + i;
                        long best = wide[base];
                        int bi = 0;
                        for (int k = 1; k < n; k++) {
                            long v = wide[base + k * inner];
                            if (isMax ? v > best : v < best) {
                                best = v;
                                bi = k;
                            }
                        }
                        idx[o * inner + i] = bi;
                    }
                }
            }
            ShapeSupport.narrow(idx, out, idx.length);
        };
    }
}
