package dev.slimfit.runtime.kernels.shape;

import dev.slimfit.model.TensorType;
import dev.slimfit.quant.QuantizedMath;
import dev.slimfit.quant.QuantizedMultiplier;
import dev.slimfit.quant.Rounding;
import dev.slimfit.runtime.Kernel;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.PreparedOp;
import dev.slimfit.runtime.RuntimeTensor;

/**
 * MEAN as TFLite 2.6.2's reduce.cc {@code EvalMean} (reference kernel). Float and int32/int64 sum
 * in row-major order and divide by the element count (integer division truncates). Quantized
 * inputs take one of three 2.6.2 paths:
 * <ol>
 *   <li>keep_dims, 4-D, axis exactly {@code [1, 2]} or {@code [2, 1]}: the spatial mean — uint8 via
 *   {@code reference_ops::Mean} (int32 sum, multiplier {@code s_in/(n·s_out)}, float bias
 *   {@code zp_out − (int)(zp_in·s_in/s_out)}), int8/int16 via {@code reference_integer_ops::Mean}
 *   (sum of {@code q − zp_in}, multiplier {@code s_in/s_out}, then a rounded division by n);</li>
 *   <li>equal input/output parameters: integer mean of the raw values, truncating;</li>
 *   <li>otherwise {@code QuantizedMeanOrSum}: float mean, {@code round(mean·s + b) + zp}, clamped.</li>
 * </ol>
 * int16 requires zero points of 0, as 2.6.2 does.
 */
public final class Mean implements Kernel {
    @Override
    public PreparedOp prepare(OpContext ctx) throws KernelException {
        RuntimeTensor in = ctx.requireInput(0);
        RuntimeTensor axisT = ctx.requireInput(1);
        RuntimeTensor out = ctx.output(0);
        TensorType type = ctx.expectType(in, TensorType.FLOAT32, TensorType.INT8, TensorType.UINT8,
                TensorType.INT16, TensorType.INT32, TensorType.INT64);
        ShapeSupport.sameType("MEAN", in, out);
        ctx.expectType(axisT, TensorType.INT32);
        if (type == TensorType.INT16 && (in.zeroPoint() != 0 || out.zeroPoint() != 0)) {
            throw new KernelException("MEAN: int16 needs zero points of 0");
        }
        boolean keepDims = ctx.options() != null && ctx.options().getBool("keepDims", false);
        if (!axisT.isConstant()) {
            return () -> {
                int[] axes = java.util.Arrays.copyOf(axisT.ints(), axisT.flatSize());
                ReducePlan plan = ReducePlan.of(in.shape(), axes, keepDims, "MEAN");
                out.resize(plan.outShape);
                evaluator(in, out, plan, axes, keepDims).eval();
            };
        }
        int[] axes = axisT.ints().clone();
        ReducePlan plan = ReducePlan.of(in.shape(), axes, keepDims, "MEAN");
        out.resize(plan.outShape);
        return evaluator(in, out, plan, axes, keepDims);
    }

    private static PreparedOp evaluator(RuntimeTensor in, RuntimeTensor out, ReducePlan p, int[] axes,
                                        boolean keepDims) {
        TensorType type = in.type();
        if (in.flatSize() == 0) {
            return () -> { };
        }
        if (type == TensorType.FLOAT32) {
            return () -> floatMean(p, in.floats(), out.floats());
        }
        long[] wide = new long[in.flatSize()];
        long[] acc = new long[p.outSize];
        boolean spatial = keepDims && in.rank() == 4 && axes.length == 2
                && ((axes[0] == 1 && axes[1] == 2) || (axes[0] == 2 && axes[1] == 1));
        if (type.isQuantizedInteger() && spatial) {
            return spatialMean(in, out, p, wide, acc);
        }
        if (!type.isQuantizedInteger() || ShapeSupport.sameQuantization(in, out)) {
            return () -> {
                sum(p, in, wide, acc, 0);
                for (int i = 0; i < p.outSize; i++) {
                    // 8/16-bit inputs sum in int32, int32/int64 in int64, as 2.6.2's temp_sum.
                    long s = type == TensorType.INT32 || type == TensorType.INT64 ? acc[i] : (int) acc[i];
                    acc[i] = s / p.count;
                }
                ShapeSupport.narrow(acc, out, p.outSize);
            };
        }
        float scale = in.scale() / out.scale();
        float bias = -in.zeroPoint() * scale;
        int outZp = out.zeroPoint();
        float lo = Reduce.lowest(type);
        float hi = Reduce.highest(type);
        return () -> {
            sum(p, in, wide, acc, 0);
            for (int i = 0; i < p.outSize; i++) {
                float mean = (float) (int) acc[i] / (float) p.count;
                float r = Math.min(Rounding.round(mean * scale + bias) + outZp, hi);
                acc[i] = (long) Math.max(r, lo);
            }
            ShapeSupport.narrow(acc, out, p.outSize);
        };
    }

    private static PreparedOp spatialMean(RuntimeTensor in, RuntimeTensor out, ReducePlan p, long[] wide,
                                          long[] acc) {
        int n = in.dim(1) * in.dim(2);
        int inZp = in.zeroPoint();
        int outZp = out.zeroPoint();
        long lo = Reduce.lowest(in.type());
        long hi = Reduce.highest(in.type());
        if (in.type() == TensorType.UINT8) {
            float inScale = in.scale();
            float outScale = out.scale();
            int bias = outZp - (int) (inZp * inScale / outScale);
            QuantizedMultiplier m = QuantizedMultiplier.of((double) (inScale / ((float) n * outScale)));
            return () -> {
                sum(p, in, wide, acc, 0);
                for (int i = 0; i < p.outSize; i++) {
                    int v = QuantizedMath.multiplyByQuantizedMultiplier((int) acc[i], m.multiplier(), m.shift()) + bias;
                    acc[i] = Math.max(lo, Math.min(hi, v));
                }
                ShapeSupport.narrow(acc, out, p.outSize);
            };
        }
        QuantizedMultiplier m = QuantizedMultiplier.of((double) in.scale() / (double) out.scale());
        return () -> {
            sum(p, in, wide, acc, inZp);
            for (int i = 0; i < p.outSize; i++) {
                int v = QuantizedMath.multiplyByQuantizedMultiplier((int) acc[i], m.multiplier(), m.shift());
                v = v > 0 ? (v + n / 2) / n : (v - n / 2) / n;
                v += outZp;
                acc[i] = Math.max(lo, Math.min(hi, v));
            }
            ShapeSupport.narrow(acc, out, p.outSize);
        };
    }

    /** Sums {@code x − offset} per output in input order. */
    private static void sum(ReducePlan p, RuntimeTensor in, long[] wide, long[] acc, int offset) {
        ShapeSupport.widen(in, wide, in.flatSize());
        java.util.Arrays.fill(acc, 0, p.outSize, 0L);
        int len = p.runLength;
        int step = p.innerReduced ? 0 : 1;
        for (int r = 0; r < p.runIn.length; r++) {
            int ip = p.runIn[r];
            int op = p.runOut[r];
            for (int j = 0; j < len; j++, op += step) {
                acc[op] += wide[ip + j] - offset;
            }
        }
    }

    private static void floatMean(ReducePlan p, float[] x, float[] y) {
        java.util.Arrays.fill(y, 0, p.outSize, 0f);
        int len = p.runLength;
        int step = p.innerReduced ? 0 : 1;
        for (int r = 0; r < p.runIn.length; r++) {
            int ip = p.runIn[r];
            int op = p.runOut[r];
            for (int j = 0; j < len; j++, op += step) {
                y[op] += x[ip + j];
            }
        }
        float n = (float) p.count;
        for (int i = 0; i < p.outSize; i++) {
            y[i] = y[i] / n;
        }
    }
}
