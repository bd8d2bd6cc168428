package dev.slimfit.runtime.kernels.elementwise;

import dev.slimfit.model.TensorType;
import dev.slimfit.quant.Rounding;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.Parallel;
import dev.slimfit.runtime.RuntimeTensor;

/**
 * CAST as TFLite 2.6.2's cast.cc: a C++ {@code static_cast} per element between float32,
 * uint8, int16, int32, int64 and bool. Integer narrowing wraps; float to integer truncates with
 * x86-64 semantics (out-of-range and NaN become the most negative value, then narrow); anything to
 * bool is {@code != 0}. int8 is refused, as 2.6.2's cast.cc refuses it. Quantization parameters are ignored, as TFLite ignores them.
 */
public final class Cast extends UnaryOp {
    @Override
    Parallel.RangeBody body(OpContext ctx, RuntimeTensor in, RuntimeTensor out) throws KernelException {
        TensorType[] ok = {TensorType.FLOAT32, TensorType.UINT8, TensorType.INT16, TensorType.INT32,
                TensorType.INT64, TensorType.BOOL};
        ctx.expectType(in, ok);
        ctx.expectType(out, ok);
        TensorType from = in.type();
        TensorType to = out.type();
        return (lo, hi) -> {
            Object src = in.data();
            Object dst = out.data();
            for (int i = lo; i < hi; i++) {
                if (from == TensorType.FLOAT32) {
                    storeFloat(to, dst, i, ((float[]) src)[i]);
                } else {
                    storeLong(to, dst, i, loadLong(from, src, i));
                }
            }
        };
    }

    private static long loadLong(TensorType t, Object a, int i) {
        return switch (t) {
            case INT8, BOOL -> ((byte[]) a)[i];
            case UINT8 -> ((byte[]) a)[i] & 0xFF;
            case INT16 -> ((short[]) a)[i];
            case INT32 -> ((int[]) a)[i];
            default -> ((long[]) a)[i];
        };
    }

    private static void storeLong(TensorType t, Object a, int i, long v) {
        switch (t) {
            case FLOAT32 -> ((float[]) a)[i] = (float) v;
            case INT8, UINT8 -> ((byte[]) a)[i] = (byte) v;
            case BOOL -> ((byte[]) a)[i] = v != 0 ? (byte) 1 : (byte) 0;
            case INT16 -> ((short[]) a)[i] = (short) v;
            case INT32 -> ((int[]) a)[i] = (int) v;
            default -> ((long[]) a)[i] = v;
        }
    }

    private static void storeFloat(TensorType t, Object a, int i, float f) {
        switch (t) {
            case FLOAT32 -> ((float[]) a)[i] = f;
            case BOOL -> ((byte[]) a)[i] = f != 0 ? (byte) 1 : (byte) 0;
            case INT64 -> ((long[]) a)[i] = Float.isNaN(f) || f >= 0x1p63f || f < -0x1p63f ? Long.MIN_VALUE : (long) f;
            default -> storeLong(t, a, i, Rounding.truncateToInt32X86(f));
        }
    }
}
