package dev.slimfit.runtime.kernels.shape;

import dev.slimfit.model.TensorType;
import dev.slimfit.runtime.Kernel;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.PreparedOp;
import dev.slimfit.runtime.RuntimeTensor;

/**
 * SCATTER_ND as TFLite 2.6.2's scatter_nd.cc: a zero tensor of the given shape into which each
 * update slice is <em>added</em> at its index (duplicates accumulate, in the element type). A
 * constant shape sizes the output in prepare, a computed one in eval.
 */
public final class ScatterNd implements Kernel {
    @Override
    public PreparedOp prepare(OpContext ctx) throws KernelException {
        RuntimeTensor idx = ctx.requireInput(0);
        RuntimeTensor upd = ctx.requireInput(1);
        RuntimeTensor shapeT = ctx.requireInput(2);
        RuntimeTensor out = ctx.output(0);
        ctx.expectType(idx, TensorType.INT32);
        ctx.expectType(shapeT, TensorType.INT32);
        TensorType type = ctx.expectType(upd, TensorType.FLOAT32, TensorType.INT8, TensorType.UINT8,
                TensorType.INT32, TensorType.INT64);
        ShapeSupport.sameType("SCATTER_ND", upd, out);
        if (shapeT.isConstant()) {
            out.resize(shapeT.ints().clone());
            return () -> run(type, idx, upd, out);
        }
        return () -> {
            out.resize(java.util.Arrays.copyOf(shapeT.ints(), shapeT.flatSize()));
            run(type, idx, upd, out);
        };
    }

    private static void run(TensorType type, RuntimeTensor idx, RuntimeTensor upd, RuntimeTensor out)
            throws KernelException {
        int ir = idx.rank();
        int k = idx.dim(ir - 1);
        int rows = ShapeSupport.product(idx.shape(), 0, ir - 1);
        int[] os = StridedCopy.strides(out.shape());
        int slice = ShapeSupport.product(out.shape(), k, out.rank());
        int[] ix = idx.ints();
        ShapeSupport.fill(out.data(), 0, out.flatSize(), 0, 0f);
        for (int r = 0; r < rows; r++) {
            int to = 0;
            for (int j = 0; j < k; j++) {
                int v = ix[r * k + j];
                if (v < 0 || v >= out.dim(j)) {
                    throw new KernelException("SCATTER_ND: index " + v + " out of range for dimension " + out.dim(j));
                }
                to += v * os[j];
            }
            int from = r * slice;
            switch (type) {
                case FLOAT32 -> {
                    float[] y = out.floats();
                    float[] u = upd.floats();
                    for (int j = 0; j < slice; j++) {
                        y[to + j] += u[from + j];
                    }
                }
                case INT8, UINT8 -> {
                    byte[] y = out.bytes();
                    byte[] u = upd.bytes();
                    for (int j = 0; j < slice; j++) {
                        y[to + j] += u[from + j];
                    }
                }
                case INT32 -> {
                    int[] y = out.ints();
                    int[] u = upd.ints();
                    for (int j = 0; j < slice; j++) {
                        y[to + j] += u[from + j];
                    }
                }
                default -> {
                    long[] y = out.longs();
                    long[] u = upd.longs();
                    for (int j = 0; j < slice; j++) {
                        y[to + j] += u[from + j];
                    }
                }
            }
        }
    }
}
