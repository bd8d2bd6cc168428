package dev.slimfit.runtime.kernels.elementwise;

import dev.slimfit.model.TensorType;
import dev.slimfit.runtime.Kernel;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.Parallel;
import dev.slimfit.runtime.PreparedOp;
import dev.slimfit.runtime.RuntimeTensor;
import java.util.Arrays;

/** ADD_N as TFLite 2.6.2 (float32, int32): inputs of one shape summed left to right. */
public final class AddN implements Kernel {
    @Override
    public PreparedOp prepare(OpContext ctx) throws KernelException {
        int n = ctx.inputCount();
        if (n < 2) {
            throw new KernelException("ADD_N needs at least two inputs");
        }
        RuntimeTensor[] in = new RuntimeTensor[n];
        for (int k = 0; k < n; k++) {
            in[k] = ctx.requireInput(k);
            if (!Arrays.equals(in[k].shape(), in[0].shape())) {
                throw new KernelException("ADD_N inputs must all have the same shape");
            }
        }
        RuntimeTensor out = ctx.output(0);
        Elementwise.sameTypes("ADD_N", in);
        Elementwise.sameTypes("ADD_N", in[0], out);
        ctx.expectType(out, TensorType.FLOAT32, TensorType.INT32);
        out.resize(in[0].shape());
        boolean f = out.type() == TensorType.FLOAT32;
        Parallel.RangeBody body = (from, to) -> {
            if (f) {
                float[] y = out.floats();
                float[] x0 = in[0].floats();
                float[] x1 = in[1].floats();
                for (int i = from; i < to; i++) {
                    y[i] = x0[i] + x1[i];
                }
                for (int k = 2; k < n; k++) {
                    float[] x = in[k].floats();
                    for (int i = from; i < to; i++) {
                        y[i] += x[i];
                    }
                }
            } else {
                int[] y = out.ints();
                int[] x0 = in[0].ints();
                int[] x1 = in[1].ints();
                for (int i = from; i < to; i++) {
                    y[i] = x0[i] + x1[i];
                }
                for (int k = 2; k < n; k++) {
                    int[] x = in[k].ints();
                    for (int i = from; i < to; i++) {
                        y[i] += x[i];
                    }
                }
            }
        };
        Parallel par = ctx.parallel();
        int size = out.flatSize();
        return () -> par.forRange(size, Elementwise.MIN_CHUNK, body);
    }
}
