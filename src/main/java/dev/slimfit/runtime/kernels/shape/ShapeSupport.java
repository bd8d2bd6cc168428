package dev.slimfit.runtime.kernels.shape;

import dev.slimfit.model.TensorType;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.RuntimeTensor;
import java.util.Arrays;

/** Small helpers shared by the shape kernels: reading index tensors, axes, type checks, fills. */
final class ShapeSupport {
    /** The element types that pure data-movement kernels accept (TFLite's usual set). */
    static final TensorType[] MOVABLE = {TensorType.FLOAT32, TensorType.INT8, TensorType.UINT8,
        TensorType.INT16, TensorType.INT32, TensorType.INT64, TensorType.BOOL};

    private ShapeSupport() {
    }

    /** Values of an int32 or int64 index tensor as ints. */
    static int[] readInts(RuntimeTensor t) throws KernelException {
        int n = t.flatSize();
        int[] out = new int[n];
        if (t.type() == TensorType.INT32) {
            System.arraycopy(t.ints(), 0, out, 0, n);
        } else if (t.type() == TensorType.INT64) {
            long[] v = t.longs();
            for (int i = 0; i < n; i++) {
                out[i] = (int) v[i];
            }
        } else {
            throw new KernelException("index tensor " + t + " must be int32 or int64");
        }
        return out;
    }

    /** Normalizes a possibly negative axis against {@code rank}. */
    static int axis(int axis, int rank, String op) throws KernelException {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new KernelException(op + ": axis " + axis + " is out of range for rank " + rank);
        }
        return a;
    }

    /** Product of {@code shape[from..to)}. */
    static int product(int[] shape, int from, int to) {
        int p = 1;
        for (int i = from; i < to; i++) {
            p *= shape[i];
        }
        return p;
    }

    /** True when both tensors carry the same per-tensor scale and zero point (or neither has any). */
    static boolean sameQuantization(RuntimeTensor a, RuntimeTensor b) {
        return a.scale() == b.scale() && a.zeroPoint() == b.zeroPoint();
    }

    /** Fails unless input and output have the same element type. */
    static void sameType(String op, RuntimeTensor in, RuntimeTensor out) throws KernelException {
        if (in.type() != out.type()) {
            throw new KernelException(op + ": input type " + in.type() + " differs from output type " + out.type());
        }
    }

    /** Fills {@code data[from..to)} with the raw value {@code v} (already in storage form). */
    static void fill(Object data, int from, int to, long v, float f) {
        if (data instanceof float[] a) {
            Arrays.fill(a, from, to, f);
        } else if (data instanceof byte[] a) {
            Arrays.fill(a, from, to, (byte) v);
        } else if (data instanceof short[] a) {
            Arrays.fill(a, from, to, (short) v);
        } else if (data instanceof int[] a) {
            Arrays.fill(a, from, to, (int) v);
        } else {
            Arrays.fill((long[]) data, from, to, v);
        }
    }

    static String shape(int[] s) {
        return Arrays.toString(s);
    }
}
