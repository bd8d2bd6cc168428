package dev.slimfit.runtime.kernels.seq;

import dev.slimfit.model.TensorType;
import dev.slimfit.runtime.Kernel;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.PreparedOp;
import dev.slimfit.runtime.RuntimeTensor;

/**
 * EMBEDDING_LOOKUP as TFLite 2.6.2 (embedding_lookup.cc): output row {@code i} is row
 * {@code lookup[i]} of {@code value}; an index outside [0, rows) fails the invoke. With int8 or
 * uint8 values and a float32 output it is the hybrid lookup, which dequantizes as
 * {@code value * scale} with <em>no zero point</em>, reading the bytes as signed int8 even for
 * uint8 — a 2.6.2 quirk reproduced here.
 */
public final class EmbeddingLookup implements Kernel {
    @Override
    public PreparedOp prepare(OpContext ctx) throws KernelException {
        RuntimeTensor lookup = ctx.requireInput(0);
        RuntimeTensor value = ctx.requireInput(1);
        RuntimeTensor out = ctx.output(0);
        if (lookup.type() != TensorType.INT32 || lookup.rank() != 1) {
            throw new KernelException("EMBEDDING_LOOKUP lookup must be a 1-D int32 tensor, got " + lookup);
        }
        if (value.rank() < 2) {
            throw new KernelException("EMBEDDING_LOOKUP value must have rank >= 2, got " + value);
        }
        int[] shape = value.shape();
        shape[0] = lookup.dim(0);
        out.resize(shape);
        int rows = value.dim(0);
        int cols = value.flatSize() / Math.max(1, rows);
        TensorType vt = value.type();
        boolean hybrid = (vt == TensorType.INT8 || vt == TensorType.UINT8) && out.type() == TensorType.FLOAT32;
        if (!hybrid && (out.type() != vt || (vt != TensorType.FLOAT32 && vt != TensorType.INT8
                && vt != TensorType.UINT8))) {
            throw new KernelException("EMBEDDING_LOOKUP from " + vt + " to " + out.type() + " is not supported");
        }
        if (hybrid) {
            // One scale, or one per row (per-channel along dimension 0): the row's own (double) scale.
            var q = value.quantization();
            int scales = q == null || !q.isAffine() ? 1 : q.scales().length;
            if (scales != 1 && scales != rows) {
                throw new KernelException("EMBEDDING_LOOKUP: " + scales + " scales for " + rows + " rows");
            }
            double scale = value.scale();
            return () -> {
                int[] idx = lookup.ints();
                byte[] v = value.bytes();
                float[] o = out.floats();
                for (int i = 0; i < lookup.flatSize(); i++) {
                    int row = check(idx[i], rows);
                    double s = scales > 1 ? q.scale(row) : scale;
                    for (int j = 0; j < cols; j++) {
                        o[i * cols + j] = (float) (v[row * cols + j] * s);
                    }
                }
            };
        }
        return () -> {
            int[] idx = lookup.ints();
            Object v = value.data();
            Object o = out.data();
            for (int i = 0; i < lookup.flatSize(); i++) {
                int row = check(idx[i], rows);
                System.arraycopy(v, row * cols, o, i * cols, cols);
            }
        };
    }

    private static int check(int idx, int rows) throws KernelException {
        if (idx < 0 || idx >= rows) {
            throw new KernelException("Embedding Lookup: index out of bounds. Got " + idx + ", and bounds are [0, "
                    + (rows - 1) + "]");
        }
        return idx;
    }
}
