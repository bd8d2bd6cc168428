package dev.slimfit.runtime.kernels.elementwise;

import dev.slimfit.model.TensorType;
import dev.slimfit.runtime.Kernel;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.Parallel;
import dev.slimfit.runtime.PreparedOp;
import dev.slimfit.runtime.RuntimeTensor;
import dev.slimfit.runtime.kernels.Broadcast;
import java.util.Arrays;

/**
 * SELECT and SELECT_V2 as TFLite 2.6.2's select.cc: {@code cond ? x : y} elementwise. SELECT (v1)
 * needs x and y of one shape and a condition of that shape, a scalar, or a vector over x's first
 * dimension (whole rows are selected); SELECT_V2 broadcasts all three. Values are copied, so any
 * element type works.
 */
public final class Select implements Kernel {
    private final boolean v2;

    public Select(boolean v2) {
        this.v2 = v2;
    }

    @Override
    public PreparedOp prepare(OpContext ctx) throws KernelException {
        RuntimeTensor c = ctx.requireInput(0);
        RuntimeTensor x = ctx.requireInput(1);
        RuntimeTensor y = ctx.requireInput(2);
        RuntimeTensor out = ctx.output(0);
        String name = v2 ? "SELECT_V2" : "SELECT";
        ctx.expectType(c, TensorType.BOOL);
        Elementwise.sameTypes(name, x, y, out);
        ctx.expectType(x, TensorType.FLOAT32, TensorType.INT8, TensorType.UINT8, TensorType.INT16, TensorType.INT32,
                TensorType.INT64, TensorType.BOOL);
        int[] condShape = c.shape();
        if (!v2 && !Arrays.equals(condShape, x.shape())) {
            if (!Arrays.equals(x.shape(), y.shape())) {
                throw new KernelException("SELECT needs x and y of the same shape");
            }
            boolean scalar = condShape.length == 0;
            boolean rows = condShape.length == 1 && x.rank() >= 1 && condShape[0] == x.dim(0);
            if (!scalar && !rows) {
                throw new KernelException("SELECT: condition " + Arrays.toString(condShape) + " does not fit x "
                        + Arrays.toString(x.shape()));
            }
            // A rank-1 condition picks whole rows: broadcast it as [n, 1, ..., 1].
            int[] expanded = new int[x.rank()];
            Arrays.fill(expanded, 1);
            if (rows) {
                expanded[0] = condShape[0];
            }
            condShape = expanded;
        }
        Broadcast bc = Broadcast.of(condShape, x.shape(), y.shape());
        out.resize(bc.outputShape());
        int len = bc.runLength();
        int sc = bc.step(0);
        int sx = bc.step(1);
        int sy = bc.step(2);
        Parallel.RangeBody body = (from, to) -> {
            byte[] cond = c.bytes();
            Object xs = x.data();
            Object ys = y.data();
            Object zs = out.data();
            for (int r = from; r < to; r++) {
                int o = r * len;
                int ic = bc.offset(0, r);
                int ix = bc.offset(1, r);
                int iy = bc.offset(2, r);
                for (int i = 0; i < len; i++) {
                    if (cond[ic + i * sc] != 0) {
                        copy(xs, ix + i * sx, zs, o + i);
                    } else {
                        copy(ys, iy + i * sy, zs, o + i);
                    }
                }
            }
        };
        Parallel par = ctx.parallel();
        int minRuns = Elementwise.minRuns(len);
        return () -> par.forRange(bc.runs(), minRuns, body);
    }

    private static void copy(Object src, int i, Object dst, int j) {
        if (src instanceof float[] f) {
            ((float[]) dst)[j] = f[i];
        } else if (src instanceof byte[] b) {
            ((byte[]) dst)[j] = b[i];
        } else if (src instanceof short[] s) {
            ((short[]) dst)[j] = s[i];
        } else if (src instanceof int[] n) {
            ((int[]) dst)[j] = n[i];
        } else {
            ((long[]) dst)[j] = ((long[]) src)[i];
        }
    }
}
