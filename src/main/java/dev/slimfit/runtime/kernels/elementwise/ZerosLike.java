package dev.slimfit.runtime.kernels.elementwise;

import dev.slimfit.model.TensorType;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.Parallel;
import dev.slimfit.runtime.RuntimeTensor;
import java.util.Arrays;

/** ZEROS_LIKE as TFLite 2.6.2 (float32, int32, int64): zeros of the input's shape and type. */
public final class ZerosLike extends UnaryOp {
    @Override
    Parallel.RangeBody body(OpContext ctx, RuntimeTensor in, RuntimeTensor out) throws KernelException {
        Elementwise.sameTypes("ZEROS_LIKE", in, out);
        ctx.expectType(in, TensorType.FLOAT32, TensorType.INT32, TensorType.INT64);
        return (from, to) -> {
            Object d = out.data();
            if (d instanceof float[] f) {
                Arrays.fill(f, from, to, 0f);
            } else if (d instanceof int[] n) {
                Arrays.fill(n, from, to, 0);
            } else {
                Arrays.fill((long[]) d, from, to, 0L);
            }
        };
    }
}
