package dev.slimfit.runtime.kernels.elementwise;

import dev.slimfit.model.TensorType;
import dev.slimfit.quant.FixedPoint;
import dev.slimfit.quant.Int16Lut;
import dev.slimfit.quant.Lut8;
import dev.slimfit.quant.QuantizedMultiplier;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.Parallel;
import dev.slimfit.runtime.RuntimeTensor;

/**
 * LOGISTIC and TANH as TFLite 2.6.2's default kernels (activations.cc): float32 by the formula;
 * int8/uint8 through the 256-entry float-computed table ({@link Lut8}); int16 (zero points 0,
 * output scale 2^-15) through the reference sigmoid-table interpolation ({@link Int16Lut}) unless
 * the input scale is the power of two the fixed-point kernel expects (2^-12, tanh also 2^-11), in
 * which case gemmlowp's Q3 logistic/tanh runs on the raw codes, as TFLite's optimized path does.
 */
public final class LogisticTanh extends UnaryOp {
    private final boolean tanh;

    public LogisticTanh(boolean tanh) {
        this.tanh = tanh;
    }

    private String name() {
        return tanh ? "TANH" : "LOGISTIC";
    }

    @Override
    Parallel.RangeBody body(OpContext ctx, RuntimeTensor in, RuntimeTensor out) throws KernelException {
        Elementwise.sameTypes(name(), in, out);
        if (in.type() == TensorType.FLOAT32) {
            boolean t = tanh;
            return (from, to) -> {
                float[] x = in.floats();
                float[] y = out.floats();
                for (int i = from; i < to; i++) {
                    y[i] = t ? (float) Math.tanh(x[i]) : (float) (1.0 / (1.0 + Math.exp(-x[i])));
                }
            };
        }
        ctx.expectType(in, TensorType.INT8, TensorType.UINT8, TensorType.INT16);
        Elementwise.requireQuantized(name(), in);
        Elementwise.requireQuantized(name(), out);
        if (in.type() != TensorType.INT16) {
            boolean signed = in.type() == TensorType.INT8;
            int[] table = tanh
                    ? Lut8.tanhTable(signed, in.scale(), in.zeroPoint(), out.scale(), out.zeroPoint())
                    : Lut8.logisticTable(signed, in.scale(), in.zeroPoint(), out.scale(), out.zeroPoint());
            return table8(in, out, table);
        }
        if (in.zeroPoint() != 0 || out.zeroPoint() != 0) {
            throw new KernelException(name() + " int16 needs zero points 0");
        }
        if (out.scale() != 1.0f / 32768) {
            throw new KernelException(name() + " int16 needs output scale 1/32768, got " + out.scale());
        }
        QuantizedMultiplier p = tanh ? Int16Lut.prepareTanh(in.scale()) : Int16Lut.prepareLogistic(in.scale());
        int mult = p.multiplier();
        int shift = p.shift();
        if (mult > 0) {
            return codes(in, out, tanh ? q -> Int16Lut.tanh(q, mult, shift) : q -> Int16Lut.logistic(q, mult, shift));
        }
        FixedPoint f = FixedPoint.INT16;
        if (tanh) {
            // Optimized int16 Tanh: a left shift of 1 is gemmlowp's saturating multiply by 2.
            return codes(in, out, q -> f.tanh(shift == 1 ? f.saturatingRoundingMultiplyByPOT(q, 1) : q, 3));
        }
        return codes(in, out, q -> f.logistic(q, 3));
    }
}
