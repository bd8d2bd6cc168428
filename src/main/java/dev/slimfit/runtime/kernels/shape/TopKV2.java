package dev.slimfit.runtime.kernels.shape;

import dev.slimfit.model.TensorType;
import dev.slimfit.runtime.Kernel;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.PreparedOp;
import dev.slimfit.runtime.RuntimeTensor;

/**
 * TOPK_V2 as TFLite 2.6.2's topk_v2.cc: for each row of the last dimension, the {@code k} largest
 * values in descending order with their int32 indices; equal values keep the lower index first
 * (TFLite's TopContainer comparator). Values are compared raw (uint8 unsigned). A constant k sizes
 * the outputs in prepare, a computed one in eval.
 */
public final class TopKV2 implements Kernel {
    @Override
    public PreparedOp prepare(OpContext ctx) throws KernelException {
        RuntimeTensor in = ctx.requireInput(0);
        RuntimeTensor kT = ctx.requireInput(1);
        RuntimeTensor values = ctx.output(0);
        RuntimeTensor indices = ctx.output(1);
        TensorType t = ctx.expectType(in, TensorType.FLOAT32, TensorType.UINT8, TensorType.INT8, TensorType.INT32,
                TensorType.INT64);
        ShapeSupport.sameType("TOPK_V2", in, values);
        ctx.expectType(kT, TensorType.INT32);
        ctx.expectType(indices, TensorType.INT32);
        if (in.rank() < 1 || kT.flatSize() != 1) {
            throw new KernelException("TOPK_V2: needs a non-scalar input and a scalar k");
        }
        long[] wide = t == TensorType.FLOAT32 ? null : new long[in.flatSize()];
        if (kT.isConstant()) {
            int k = kT.ints()[0];
            resize(in, values, indices, k);
            return () -> run(in, values, indices, k, wide);
        }
        return () -> {
            int k = kT.ints()[0];
            resize(in, values, indices, k);
            run(in, values, indices, k, wide);
        };
    }

    private static void resize(RuntimeTensor in, RuntimeTensor values, RuntimeTensor indices, int k)
            throws KernelException {
        if (k < 0 || k > in.dim(-1)) {
            throw new KernelException("TOPK_V2: k " + k + " out of range for " + in);
        }
        int[] shape = in.shape();
        shape[shape.length - 1] = k;
        values.resize(shape);
        indices.resize(shape);
    }

    private static void run(RuntimeTensor in, RuntimeTensor values, RuntimeTensor indices, int k, long[] wide) {
        int n = in.dim(-1);
        int rows = n == 0 ? 0 : in.flatSize() / n;
        float[] xf = wide == null ? in.floats() : null;
        if (wide != null) {
            ShapeSupport.widen(in, wide, in.flatSize());
        }
        int[] idx = indices.ints();
        for (int r = 0; r < rows; r++) {
            int base = r * n;
            int ob = r * k;
            int filled = 0;
            for (int i = 0; i < n; i++) {
                // Insert i into the sorted prefix idx[ob .. ob+filled) if it beats the last kept one.
                int pos = filled;
                while (pos > 0 && better(xf, wide, base + i, base + idx[ob + pos - 1])) {
                    pos--;
                }
                if (pos >= k) {
                    continue;
                }
                int end = Math.min(filled, k - 1);
                System.arraycopy(idx, ob + pos, idx, ob + pos + 1, end - pos);
                idx[ob + pos] = i;
                filled = Math.min(filled + 1, k);
            }
        }
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < k; j++) {
                int src = r * n + idx[r * k + j];
                System.arraycopy(in.data(), src, values.data(), r * k + j, 1);
            }
        }
    }

    /** Strictly greater value; equal values never move ahead of an earlier index. */
    private static boolean better(float[] xf, long[] wide, int a, int b) {
        return xf != null ? xf[a] > xf[b] : wide[a] > wide[b];
    }
}
