package dev.slimfit.runtime.kernels.elementwise;

import dev.slimfit.model.TensorType;
import dev.slimfit.runtime.Kernel;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.PreparedOp;
import dev.slimfit.runtime.RuntimeTensor;
import java.util.Arrays;

/**
 * FILL as TFLite 2.6.2's fill.cc: an output of shape {@code dims} (int32 or int64 vector) filled
 * with the scalar {@code value} (float32, int32, int64, bool, int8, int16). When dims is not a
 * constant the output is resized on every eval, as TFLite makes it dynamic.
 */
public final class Fill implements Kernel {
    @Override
    public PreparedOp prepare(OpContext ctx) throws KernelException {
        RuntimeTensor dims = ctx.requireInput(0);
        RuntimeTensor value = ctx.requireInput(1);
        RuntimeTensor out = ctx.output(0);
        ctx.expectType(dims, TensorType.INT32, TensorType.INT64);
        if (dims.rank() != 1) {
            throw new KernelException("FILL: dims must be a vector");
        }
        if (value.flatSize() != 1) {
            throw new KernelException("FILL: value must be a scalar");
        }
        Elementwise.sameTypes("FILL", value, out);
        ctx.expectType(value, TensorType.FLOAT32, TensorType.INT32, TensorType.INT64, TensorType.BOOL, TensorType.INT8,
                TensorType.INT16);
        if (dims.isConstant()) {
            out.resize(shape(dims));
            return () -> fill(value, out);
        }
        return () -> {
            out.resize(shape(dims));
            fill(value, out);
        };
    }

    private static int[] shape(RuntimeTensor dims) throws KernelException {
        int n = dims.flatSize();
        int[] s = new int[n];
        for (int i = 0; i < n; i++) {
            long d = dims.type() == TensorType.INT32 ? dims.ints()[i] : dims.longs()[i];
            if (d < 0 || d > Integer.MAX_VALUE) {
                throw new KernelException("FILL: dimension " + d + " is out of range");
            }
            s[i] = (int) d;
        }
        return s;
    }

    private static void fill(RuntimeTensor value, RuntimeTensor out) {
        int n = out.flatSize();
        switch (out.type()) {
            case FLOAT32 -> Arrays.fill(out.floats(), 0, n, value.floats()[0]);
            case INT32 -> Arrays.fill(out.ints(), 0, n, value.ints()[0]);
            case INT64 -> Arrays.fill(out.longs(), 0, n, value.longs()[0]);
            case INT16 -> Arrays.fill(out.shorts(), 0, n, value.shorts()[0]);
            default -> Arrays.fill(out.bytes(), 0, n, value.bytes()[0]);
        }
    }
}
