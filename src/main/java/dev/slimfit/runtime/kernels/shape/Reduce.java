package dev.slimfit.runtime.kernels.shape;

import dev.slimfit.model.TensorType;
import dev.slimfit.quant.Rounding;
import dev.slimfit.runtime.Kernel;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.PreparedOp;
import dev.slimfit.runtime.RuntimeTensor;

/**
 * SUM, REDUCE_PROD, REDUCE_MAX and REDUCE_MIN as TFLite 2.6.2's reduce.cc ({@code EvalGeneric}
 * over {@code ReduceGeneric}): each output starts at the identity (0, 1, lowest, max) and folds the
 * input in row-major order in the element type itself, so integer sums and products wrap like the
 * C++ template. Quantized inputs must share the output's scale and zero point, except for SUM on
 * int8/uint8, which 2.6.2 rescales through {@code QuantizedMeanOrSum(compute_sum=true)}: an int32
 * sum, then {@code round(sum·s + b) + zp} in float, narrowed without clamping (as 2.6.2 does).
 * Quirk kept: 2.6.2's REDUCE_PROD on int8/uint8/int16 multiplies the raw stored values and wraps,
 * ignoring the quantization (checked against the oracle).
 */
public final class Reduce implements Kernel {
    /** The reduction. */
    public enum Kind { SUM, PROD, MAX, MIN }

    private final Kind kind;

    public Reduce(Kind kind) {
        this.kind = kind;
    }

    @Override
    public PreparedOp prepare(OpContext ctx) throws KernelException {
        String op = kind == Kind.SUM ? "SUM" : "REDUCE_" + kind;
        RuntimeTensor in = ctx.requireInput(0);
        RuntimeTensor axisT = ctx.requireInput(1);
        RuntimeTensor out = ctx.output(0);
        TensorType type = ctx.expectType(in, TensorType.FLOAT32, TensorType.INT8, TensorType.UINT8,
                TensorType.INT16, TensorType.INT32, TensorType.INT64);
        ShapeSupport.sameType(op, in, out);
        ctx.expectType(axisT, TensorType.INT32);
        boolean keepDims = ctx.options() != null && ctx.options().getBool("keepDims", false);
        boolean rescale = kind == Kind.SUM && (type == TensorType.INT8 || type == TensorType.UINT8)
                && !ShapeSupport.sameQuantization(in, out);
        if (type.isQuantizedInteger() && !rescale && !ShapeSupport.sameQuantization(in, out)) {
            throw new KernelException(op + ": " + type + " input and output must share scale and zero point "
                    + "(TFLite 2.6.2 requires it)");
        }
        float scale = in.scale() / out.scale();
        int inZp = in.zeroPoint();
        int outZp = out.zeroPoint();
        long[] wide = type == TensorType.FLOAT32 ? null : new long[in.flatSize()];
        if (axisT.isConstant()) {
            ReducePlan plan = ReducePlan.of(in.shape(), axisT.ints(), keepDims, op);
            out.resize(plan.outShape);
            long[] acc = new long[plan.outSize];
            return () -> run(plan, in, out, wide, acc, rescale, scale, inZp, outZp);
        }
        return () -> {
            ReducePlan plan = ReducePlan.of(in.shape(), java.util.Arrays.copyOf(axisT.ints(), axisT.flatSize()),
                    keepDims, op);
            out.resize(plan.outShape);
            run(plan, in, out, wide, new long[plan.outSize], rescale, scale, inZp, outZp);
        };
    }

    private void run(ReducePlan p, RuntimeTensor in, RuntimeTensor out, long[] wide, long[] acc, boolean rescale,
                     float scale, int inZp, int outZp) {
        if (in.flatSize() == 0) {
            return;
        }
        if (wide == null) {
            runFloat(p, in.floats(), out.floats());
            return;
        }
        ShapeSupport.widen(in, wide, in.flatSize());
        long init = switch (kind) {
            case SUM -> 0;
            case PROD -> 1;
            case MAX -> lowest(in.type());
            case MIN -> highest(in.type());
        };
        java.util.Arrays.fill(acc, 0, p.outSize, init);
        int len = p.runLength;
        int step = p.innerReduced ? 0 : 1;
        for (int r = 0; r < p.runIn.length; r++) {
            int ip = p.runIn[r];
            int op = p.runOut[r];
            switch (kind) {
                case SUM -> {
                    for (int j = 0; j < len; j++, op += step) {
                        acc[op] += wide[ip + j];
                    }
                }
                case PROD -> {
                    for (int j = 0; j < len; j++, op += step) {
                        acc[op] *= wide[ip + j];
                    }
                }
                case MAX -> {
                    for (int j = 0; j < len; j++, op += step) {
                        acc[op] = Math.max(acc[op], wide[ip + j]);
                    }
                }
                case MIN -> {
                    for (int j = 0; j < len; j++, op += step) {
                        acc[op] = Math.min(acc[op], wide[ip + j]);
                    }
                }
            }
        }
        if (rescale) {
            // QuantizedMeanOrSum(compute_sum = true): int32 sum, float rescale, no clamp.
            float bias = -inZp * scale * (float) p.count;
            for (int i = 0; i < p.outSize; i++) {
                acc[i] = (long) (int) Rounding.round((int) acc[i] * scale + bias) + outZp;
            }
        }
        ShapeSupport.narrow(acc, out, p.outSize);
    }

    private void runFloat(ReducePlan p, float[] x, float[] y) {
        float init = switch (kind) {
            case SUM -> 0f;
            case PROD -> 1f;
            case MAX -> -Float.MAX_VALUE;
            case MIN -> Float.MAX_VALUE;
        };
        java.util.Arrays.fill(y, 0, p.outSize, init);
        int len = p.runLength;
        int step = p.innerReduced ? 0 : 1;
        for (int r = 0; r < p.runIn.length; r++) {
            int ip = p.runIn[r];
            int op = p.runOut[r];
            switch (kind) {
                case SUM -> {
                    for (int j = 0; j < len; j++, op += step) {
                        y[op] = x[ip + j] + y[op];
                    }
                }
                case PROD -> {
                    for (int j = 0; j < len; j++, op += step) {
                        y[op] = x[ip + j] * y[op];
                    }
                }
                case MAX -> {
                    for (int j = 0; j < len; j++, op += step) {
                        float v = x[ip + j];
                        y[op] = v > y[op] ? v : y[op];
                    }
                }
                case MIN -> {
                    for (int j = 0; j < len; j++, op += step) {
                        float v = x[ip + j];
                        y[op] = v < y[op] ? v : y[op];
                    }
                }
            }
        }
    }

    static long lowest(TensorType t) {
        return switch (t) {
            case INT8 -> Byte.MIN_VALUE;
            case UINT8 -> 0;
            case INT16 -> Short.MIN_VALUE;
            case INT32 -> Integer.MIN_VALUE;
            default -> Long.MIN_VALUE;
        };
    }

    static long highest(TensorType t) {
        return switch (t) {
            case INT8 -> Byte.MAX_VALUE;
            case UINT8 -> 255;
            case INT16 -> Short.MAX_VALUE;
            case INT32 -> Integer.MAX_VALUE;
            default -> Long.MAX_VALUE;
        };
    }
}
