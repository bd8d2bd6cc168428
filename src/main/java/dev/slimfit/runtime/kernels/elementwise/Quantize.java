package dev.slimfit.runtime.kernels.elementwise;

import dev.slimfit.model.TensorType;
import dev.slimfit.quant.AffineQuantization;
import dev.slimfit.quant.QuantizedMath;
import dev.slimfit.quant.QuantizedMultiplier;
import dev.slimfit.quant.TensorTypeRange;
import dev.slimfit.runtime.Kernel;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.Parallel;
import dev.slimfit.runtime.PreparedOp;
import dev.slimfit.runtime.RuntimeTensor;

/**
 * QUANTIZE as TFLite 2.6.2's quantize.cc: float32 to int8/uint8/int16 with the default kernel's
 * {@code round((double) x / scale) + zp} (see {@link AffineQuantization#quantize}), and
 * requantization between integer types ({@code int8/uint8 -> int8/uint8}, {@code int16 ->
 * int8/int16/int32}, and TFLite Micro's {@code int32 -> int8/int16}) as {@code zp_out + M (q - zp_in)}
 * with {@code M = s_in / s_out} in double and
 * TFLite's two-rounding {@code MultiplyByQuantizedMultiplier}. Only per-tensor output quantization,
 * as in 2.6.2.
 */
public final class Quantize implements Kernel {
    @Override
    public PreparedOp prepare(OpContext ctx) throws KernelException {
        RuntimeTensor in = ctx.requireInput(0);
        RuntimeTensor out = ctx.output(0);
        out.resize(in.shape());
        Elementwise.requireQuantized("QUANTIZE", out);
        if (out.quantization().isPerChannel() && out.quantization().channelCount() > 1) {
            throw new KernelException("QUANTIZE: per-channel output quantization is not supported by TFLite 2.6.2");
        }
        TensorTypeRange range = Elementwise.range(out.type());
        float scale = out.scale();
        int zp = out.zeroPoint();
        Parallel par = ctx.parallel();
        if (in.type() == TensorType.FLOAT32) {
            if (out.type() == TensorType.INT32) {
                throw new KernelException("QUANTIZE: float32 -> int32 is not supported");
            }
            int qmin = range.qmin();
            int qmax = range.qmax();
            Parallel.RangeBody body = out.type() == TensorType.INT16
                    ? (from, to) -> {
                        float[] x = in.floats();
                        short[] y = out.shorts();
                        for (int i = from; i < to; i++) {
                            y[i] = (short) AffineQuantization.quantize(x[i], scale, zp, qmin, qmax);
                        }
                    }
                    : (from, to) -> {
                        float[] x = in.floats();
                        byte[] y = out.bytes();
                        for (int i = from; i < to; i++) {
                            y[i] = (byte) AffineQuantization.quantize(x[i], scale, zp, qmin, qmax);
                        }
                    };
            return () -> par.forRange(in.flatSize(), Elementwise.MIN_CHUNK, body);
        }
        boolean ok = switch (in.type()) {
            case INT8, UINT8 -> out.type() == TensorType.INT8 || out.type() == TensorType.UINT8;
            case INT16 -> out.type() == TensorType.INT8 || out.type() == TensorType.INT16
                    || out.type() == TensorType.INT32;
            // Beyond 2.6.2 (whose prepare refuses it): TFLite Micro requantizes int32 the same way.
            case INT32 -> out.type() == TensorType.INT8 || out.type() == TensorType.INT16;
            default -> false;
        };
        if (!ok) {
            throw new KernelException("QUANTIZE: requantizing " + in.type() + " to " + out.type()
                    + " is not supported by TFLite 2.6.2");
        }
        Elementwise.requireQuantized("QUANTIZE", in);
        QuantizedMultiplier m = QuantizedMultiplier.of((double) in.scale() / (double) scale);
        int mult = m.multiplier();
        int shift = m.shift();
        int zpIn = in.zeroPoint();
        Parallel.RangeBody body = (from, to) -> {
            for (int i = from; i < to; i++) {
                int v = QuantizedMath.multiplyByQuantizedMultiplier(load(in, i) - zpIn, mult, shift) + zp;
                store(out, i, range.clamp(v));
            }
        };
        return () -> par.forRange(in.flatSize(), Elementwise.MIN_CHUNK, body);
    }

    /** Reads an integer code of any quantized storage (uint8 unsigned). */
    static int load(RuntimeTensor t, int i) {
        return switch (t.type()) {
            case INT8 -> t.bytes()[i];
            case UINT8 -> t.bytes()[i] & 0xFF;
            case INT16 -> t.shorts()[i];
            case INT32 -> t.ints()[i];
            default -> throw new IllegalStateException(t.type().name());
        };
    }

    /** Writes an (already clamped) integer code. */
    static void store(RuntimeTensor t, int i, int v) {
        switch (t.type()) {
            case INT8, UINT8 -> t.bytes()[i] = (byte) v;
            case INT16 -> t.shorts()[i] = (short) v;
            case INT32 -> t.ints()[i] = v;
            default -> throw new IllegalStateException(t.type().name());
        }
    }
}
