package dev.slimfit.runtime.kernels.elementwise;

import dev.slimfit.model.QuantizationParams;
import dev.slimfit.model.TensorType;
import dev.slimfit.quant.AffineQuantization;
import dev.slimfit.quant.Float16;
import dev.slimfit.runtime.Kernel;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.Parallel;
import dev.slimfit.runtime.PreparedOp;
import dev.slimfit.runtime.RuntimeTensor;

/**
 * DEQUANTIZE as TFLite 2.6.2's dequantize.cc: int8/uint8/int16 codes to float32 as
 * {@code (float) (scale * (q - zp))}, per tensor or per channel (int8 weights; the product is exact
 * before its single rounding either way), and float16 (raw half bits) to float32 exactly.
 */
public final class Dequantize implements Kernel {
    @Override
    public PreparedOp prepare(OpContext ctx) throws KernelException {
        RuntimeTensor in = ctx.requireInput(0);
        RuntimeTensor out = ctx.output(0);
        ctx.expectType(out, TensorType.FLOAT32);
        out.resize(in.shape());
        Parallel par = ctx.parallel();
        int n = in.flatSize();
        if (in.type() == TensorType.FLOAT16) {
            Parallel.RangeBody body = (from, to) -> {
                short[] x = in.shorts();
                float[] y = out.floats();
                for (int i = from; i < to; i++) {
                    y[i] = Float16.toFloat(x[i]);
                }
            };
            return () -> par.forRange(n, Elementwise.MIN_CHUNK, body);
        }
        ctx.expectType(in, TensorType.INT8, TensorType.UINT8, TensorType.INT16);
        Elementwise.requireQuantized("DEQUANTIZE", in);
        QuantizationParams qp = in.quantization();
        int channels = qp.isPerChannel() ? qp.channelCount() : 1;
        float[] scales = new float[channels];
        int[] zps = new int[channels];
        for (int c = 0; c < channels; c++) {
            scales[c] = qp.scale(c);
            zps[c] = (int) qp.zeroPoint(c);
        }
        int inner = 1;
        if (channels > 1) {
            int qd = qp.quantizedDimension();
            if (qd >= in.rank() || in.dim(qd) != channels) {
                throw new KernelException("DEQUANTIZE: " + channels + " channel scales do not match dimension " + qd
                        + " of " + in);
            }
            for (int d = qd + 1; d < in.rank(); d++) {
                inner *= in.dim(d);
            }
        }
        int innerSize = inner;
        Parallel.RangeBody body;
        if (channels == 1 && in.type() != TensorType.INT16) {
            // Every 8-bit code has one float: a 256-entry table replaces the multiply.
            float[] table = new float[256];
            boolean unsigned = in.type() == TensorType.UINT8;
            for (int i = 0; i < 256; i++) {
                table[i] = AffineQuantization.dequantize(unsigned ? i : (byte) i, scales[0], zps[0]);
            }
            body = (from, to) -> {
                byte[] x = in.bytes();
                float[] y = out.floats();
                for (int i = from; i < to; i++) {
                    y[i] = table[x[i] & 0xFF];
                }
            };
        } else {
            body = (from, to) -> {
                float[] y = out.floats();
                for (int i = from; i < to; i++) {
                    int c = channels == 1 ? 0 : (i / innerSize) % channels;
                    y[i] = AffineQuantization.dequantize(Quantize.load(in, i), scales[c], zps[c]);
                }
            };
        }
        return () -> par.forRange(n, Elementwise.MIN_CHUNK, body);
    }
}
