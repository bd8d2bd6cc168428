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
 * {@code (float) (scale * (q - zp))} per tensor, and float16 (raw half bits) to float32 exactly.
 * Per-channel inputs get 2.6.2's legacy behaviour (scale 0, see prepare) plus a warning.
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
        // TFLite 2.6.2 has no per-channel DEQUANTIZE: it reads the tensor's legacy per-tensor
        // params, which its InterpreterBuilder leaves at scale 0 / zero point 0 when a tensor has
        // several scales, so every output is ±0 (measured on the oracle: Google's weight-only
        // conv_fc_mnist then predicts 0.1 for every class). Slimfit computes what 2.6.2 computes
        // and says so; newer runtimes dequantize per channel.
        boolean legacyPerChannel = qp.isPerChannel();
        if (legacyPerChannel) {
            ctx.warn("DEQUANTIZE of per-channel '" + in.name() + "': TensorFlow Lite 2.6.2 uses scale 0 here, so "
                    + "its output is all zeros (newer TFLite versions dequantize per channel)");
        }
        int channels = 1;
        float[] scales = {legacyPerChannel ? 0f : qp.scale(0)};
        int[] zps = {legacyPerChannel ? 0 : (int) qp.zeroPoint(0)};
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
