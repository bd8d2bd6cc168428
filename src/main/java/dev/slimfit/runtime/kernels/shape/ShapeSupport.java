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

    /** MOVABLE without bool: what TFLite 2.6.2's pack, split and space/depth kernels accept. */
    static final TensorType[] NUMERIC = {TensorType.FLOAT32, TensorType.INT8, TensorType.UINT8,
        TensorType.INT16, TensorType.INT32, TensorType.INT64};

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

    /**
     * The first {@code n} int32 words of an index tensor's storage, which is how TFLite 2.6.2's
     * pad.cc reads its paddings whatever their type: int64 paddings are reinterpreted as pairs of
     * little-endian int32 words (a 2.6.2 quirk we reproduce).
     */
    static int[] readInt32Words(RuntimeTensor t, int n) throws KernelException {
        if (t.type() == TensorType.INT32) {
            return java.util.Arrays.copyOf(t.ints(), n);
        }
        if (t.type() != TensorType.INT64) {
            throw new KernelException("index tensor " + t + " must be int32 or int64");
        }
        long[] v = t.longs();
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            long w = v[i >> 1];
            out[i] = (i & 1) == 0 ? (int) w : (int) (w >>> 32);
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

    /** Widens an integer tensor's first {@code n} values (uint8 unsigned) into {@code dst}. */
    static void widen(RuntimeTensor t, long[] dst, int n) {
        switch (t.type()) {
            case INT8, BOOL -> {
                byte[] v = t.bytes();
                for (int i = 0; i < n; i++) {
                    dst[i] = v[i];
                }
            }
            case UINT8 -> {
                byte[] v = t.bytes();
                for (int i = 0; i < n; i++) {
                    dst[i] = v[i] & 0xFF;
                }
            }
            case INT16 -> {
                short[] v = t.shorts();
                for (int i = 0; i < n; i++) {
                    dst[i] = v[i];
                }
            }
            case INT32 -> {
                int[] v = t.ints();
                for (int i = 0; i < n; i++) {
                    dst[i] = v[i];
                }
            }
            default -> System.arraycopy(t.longs(), 0, dst, 0, n);
        }
    }

    /** Stores {@code src[0..n)} into an integer tensor, wrapping to its width as a C++ cast does. */
    static void narrow(long[] src, RuntimeTensor t, int n) {
        switch (t.type()) {
            case INT8, UINT8, BOOL -> {
                byte[] v = t.bytes();
                for (int i = 0; i < n; i++) {
                    v[i] = (byte) src[i];
                }
            }
            case INT16 -> {
                short[] v = t.shorts();
                for (int i = 0; i < n; i++) {
                    v[i] = (short) src[i];
                }
            }
            case INT32 -> {
                int[] v = t.ints();
                for (int i = 0; i < n; i++) {
                    v[i] = (int) src[i];
                }
            }
            default -> System.arraycopy(src, 0, t.longs(), 0, n);
        }
    }

    static String shape(int[] s) {
        return Arrays.toString(s);
    }
}
