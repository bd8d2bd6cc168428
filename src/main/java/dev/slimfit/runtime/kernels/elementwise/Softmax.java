package dev.slimfit.runtime.kernels.elementwise;

import dev.slimfit.model.TensorType;
import dev.slimfit.quant.Int16Lut;
import dev.slimfit.quant.Lut8;
import dev.slimfit.quant.QuantizedMath;
import dev.slimfit.quant.QuantizedMultiplier;
import dev.slimfit.runtime.Kernel;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.Parallel;
import dev.slimfit.runtime.PreparedOp;
import dev.slimfit.runtime.RuntimeTensor;

/**
 * SOFTMAX over the last dimension as TFLite 2.6.2's default kernel (softmax.cc):
 * <ul>
 *   <li>float32: {@code exp(beta (x - max)) / sum};</li>
 *   <li>int8/uint8 input (output int8, uint8 or int16): the float table
 *   {@code expf(-s_in beta i)} summed in float per row, scaled by {@code 1 / (sum * s_out)} and
 *   quantized as x86 {@code QuantizeSoftmaxOutput} does ({@link Lut8});</li>
 *   <li>int16: the reference {@code SoftmaxInt16}: differences to the row maximum rescaled to
 *   [-10, 0], exp by the 513-entry table, the sum's reciprocal by the 1/(1+x) table, and a
 *   rounding int64 product back to Q0.15.</li>
 * </ul>
 */
public final class Softmax implements Kernel {
    @Override
    public PreparedOp prepare(OpContext ctx) throws KernelException {
        RuntimeTensor in = ctx.requireInput(0);
        RuntimeTensor out = ctx.output(0);
        out.resize(in.shape());
        if (in.rank() < 1) {
            throw new KernelException("SOFTMAX needs rank >= 1");
        }
        float beta = ctx.options() == null ? 1f : ctx.options().getFloat("beta", 1f);
        int depth = in.dim(-1);
        int rows = depth == 0 ? 0 : in.flatSize() / depth;
        Parallel.RangeBody body = switch (in.type()) {
            case FLOAT32 -> {
                ctx.expectType(out, TensorType.FLOAT32);
                yield floatRows(in, out, depth, beta);
            }
            case INT8, UINT8 -> {
                ctx.expectType(out, TensorType.INT8, TensorType.UINT8, TensorType.INT16);
                Elementwise.requireQuantized("SOFTMAX", in);
                Elementwise.requireQuantized("SOFTMAX", out);
                yield lutRows(in, out, depth, beta);
            }
            case INT16 -> {
                ctx.expectType(out, TensorType.INT16);
                Elementwise.requireQuantized("SOFTMAX", in);
                Elementwise.requireQuantized("SOFTMAX", out);
                if (in.zeroPoint() != 0 || out.zeroPoint() != 0) {
                    throw new KernelException("SOFTMAX int16 needs zero points 0");
                }
                yield int16Rows(in, out, depth, beta);
            }
            default -> throw new KernelException("SOFTMAX does not support " + in.type());
        };
        Parallel par = ctx.parallel();
        int minRows = Elementwise.minRuns(depth);
        return () -> par.forRange(rows, minRows, body);
    }

    private static Parallel.RangeBody floatRows(RuntimeTensor in, RuntimeTensor out, int depth, float beta) {
        return (from, to) -> {
            float[] x = in.floats();
            float[] y = out.floats();
            for (int r = from; r < to; r++) {
                int base = r * depth;
                float max = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < depth; j++) {
                    max = Math.max(max, x[base + j]);
                }
                float sum = 0f;
                for (int j = 0; j < depth; j++) {
                    float e = (float) Math.exp((x[base + j] - max) * beta);
                    y[base + j] = e;
                    sum += e;
                }
                for (int j = 0; j < depth; j++) {
                    y[base + j] = y[base + j] / sum;
                }
            }
        };
    }

    private static Parallel.RangeBody lutRows(RuntimeTensor in, RuntimeTensor out, int depth, float beta) {
        float[] table = Lut8.softmaxExpTable(in.scale(), beta);
        boolean unsignedIn = in.type() == TensorType.UINT8;
        TensorType ot = out.type();
        boolean uint8Out = ot == TensorType.UINT8;
        int clampMin = ot == TensorType.UINT8 ? 0 : ot == TensorType.INT8 ? -128 : Short.MIN_VALUE;
        int clampMax = ot == TensorType.UINT8 ? 255 : ot == TensorType.INT8 ? 127 : Short.MAX_VALUE;
        float outScale = out.scale();
        int zp = out.zeroPoint();
        int mask = unsignedIn ? 0xFF : -1;
        return (from, to) -> {
            byte[] x = in.bytes();
            for (int r = from; r < to; r++) {
                int base = r * depth;
                int max = unsignedIn ? 0 : -128;
                for (int j = 0; j < depth; j++) {
                    max = Math.max(max, x[base + j] & mask);
                }
                int offset = 255 - max;
                float sum = 0f;
                for (int j = 0; j < depth; j++) {
                    sum += table[offset + (x[base + j] & mask)];
                }
                float inv = 1.0f / (sum * outScale);
                for (int j = 0; j < depth; j++) {
                    float p = table[offset + (x[base + j] & mask)] * inv;
                    int q = Math.max(Math.min(clampMax, Lut8.quantizeSoftmaxOutput(p, zp, uint8Out)), clampMin);
                    if (ot == TensorType.INT16) {
                        out.shorts()[base + j] = (short) q;
                    } else {
                        out.bytes()[base + j] = (byte) q;
                    }
                }
            }
        };
    }

    private static Parallel.RangeBody int16Rows(RuntimeTensor in, RuntimeTensor out, int depth, float beta) {
        short[] expLut = Int16Lut.softmaxExpLut();
        short[] recipLut = Int16Lut.softmaxOneOverOnePlusXLut();
        // Maps input differences so that [-65535, 0] codes cover [-10, 0]; the scale*beta product is float.
        QuantizedMultiplier m = QuantizedMultiplier.of((double) (in.scale() * beta) / (10.0 / 65535.0));
        int mult = m.multiplier();
        int shift = m.shift();
        return (from, to) -> {
            short[] x = in.shorts();
            short[] y = out.shorts();
            for (int r = from; r < to; r++) {
                int base = r * depth;
                int max = Short.MIN_VALUE;
                for (int j = 0; j < depth; j++) {
                    max = Math.max(max, x[base + j]);
                }
                int sum = 0;
                for (int j = 0; j < depth; j++) {
                    int scaled = QuantizedMath.multiplyByQuantizedMultiplier(x[base + j] - max, mult, shift) + 32767;
                    int sat = Math.min(Math.max(scaled, -32768), 32767);
                    int e = Int16Lut.lookup(sat, expLut);
                    y[base + j] = (short) e; // the exp result, rescaled in place below
                    sum += e;
                }
                int headroomPlusOne = QuantizedMath.countLeadingZeros(sum);
                int shiftedSum = (int) ((((long) sum << (headroomPlusOne - 1)) + (1 << 13)) >> 14);
                int symShiftedSum = shiftedSum - ((1 << 15) + (1 << 16));
                int satSum = Math.min(Math.max(symShiftedSum, -32768), 32767);
                int recip = Int16Lut.lookup(satSum, recipLut);
                int rightShift = 31 - headroomPlusOne;
                long round = 1L << (rightShift - 1);
                for (int j = 0; j < depth; j++) {
                    int res = (int) (((long) y[base + j] * recip + round) >> rightShift);
                    y[base + j] = (short) Math.min(Math.max(res, 0), 32767);
                }
            }
        };
    }
}
