package dev.slimfit.runtime.kernels.elementwise;

import dev.slimfit.model.TensorType;
import dev.slimfit.quant.QuantizedMath;
import dev.slimfit.quant.QuantizedMultiplier;
import dev.slimfit.quant.Rounding;
import dev.slimfit.runtime.Kernel;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.Parallel;
import dev.slimfit.runtime.PreparedOp;
import dev.slimfit.runtime.RuntimeTensor;
import dev.slimfit.runtime.kernels.Broadcast;

/**
 * The broadcasting two-input ops other than ADD/SUB/MUL/DIV, as TFLite 2.6.2 computes them:
 * MAXIMUM/MINIMUM ({@code a > b ? a : b}, on raw codes for quantized types), comparisons (bool out;
 * int8/uint8 inputs are first brought to a common scale as {@code ComparisonWithScaling} does: offset,
 * shifted left by 8, multiplied by the input scale), FLOOR_DIV ({@code floor} of the double quotient),
 * FLOOR_MOD (C {@code fmod}/{@code %} corrected to the divisor's sign), POW ({@code std::pow}, int32 via
 * double), SQUARED_DIFFERENCE, LOGICAL_AND/OR.
 */
public final class BinaryOps implements Kernel {
    /** The operation. */
    public enum Op {
        MAXIMUM, MINIMUM, LESS, LESS_EQUAL, GREATER, GREATER_EQUAL, EQUAL, NOT_EQUAL, FLOOR_DIV, FLOOR_MOD, POW,
        SQUARED_DIFFERENCE, LOGICAL_AND, LOGICAL_OR;

        boolean isComparison() {
            return ordinal() >= LESS.ordinal() && ordinal() <= NOT_EQUAL.ordinal();
        }
    }

    private final Op op;

    public BinaryOps(Op op) {
        this.op = op;
    }

    @Override
    public PreparedOp prepare(OpContext ctx) throws KernelException {
        RuntimeTensor a = ctx.requireInput(0);
        RuntimeTensor b = ctx.requireInput(1);
        RuntimeTensor out = ctx.output(0);
        Elementwise.sameTypes(op.name(), a, b);
        if (op.isComparison()) {
            ctx.expectType(out, TensorType.BOOL);
        } else {
            Elementwise.sameTypes(op.name(), a, out);
        }
        Broadcast bc = Broadcast.of(a.shape(), b.shape());
        out.resize(bc.outputShape());
        TensorType t = a.type();
        if (!supports(t)) {
            throw new KernelException(op + " does not support type " + t);
        }
        if (op == Op.SQUARED_DIFFERENCE && t == TensorType.INT8) {
            return QuantizedSquaredDifference.prepare(ctx, bc, a, b, out);
        }
        Scaling scaling = op.isComparison() && (t == TensorType.INT8 || t == TensorType.UINT8)
                ? new Scaling(a, b) : null;
        Parallel par = ctx.parallel();
        int len = bc.runLength();
        int minRuns = Elementwise.minRuns(len);
        int sa = bc.step(0);
        int sb = bc.step(1);
        Parallel.RangeBody body;
        if (t == TensorType.FLOAT32 && (op == Op.MAXIMUM || op == Op.MINIMUM)) {
            body = floatMinMax(bc, a, b, out, op == Op.MAXIMUM);
        } else {
            body = (from, to) -> {
                Object x = a.data();
                Object y = b.data();
                Object z = out.data();
                for (int r = from; r < to; r++) {
                    int o = r * len;
                    int ia = bc.offset(0, r);
                    int ib = bc.offset(1, r);
                    for (int i = 0; i < len; i++) {
                        element(t, scaling, x, ia + i * sa, y, ib + i * sb, z, o + i);
                    }
                }
            };
        }
        return () -> par.forRange(bc.runs(), minRuns, body);
    }

    /** MAXIMUM/MINIMUM on float32, the common case in real models, without per-element dispatch. */
    private static Parallel.RangeBody floatMinMax(Broadcast bc, RuntimeTensor a, RuntimeTensor b, RuntimeTensor out,
                                                 boolean max) {
        int len = bc.runLength();
        int sa = bc.step(0);
        int sb = bc.step(1);
        return (from, to) -> {
            float[] x = a.floats();
            float[] y = b.floats();
            float[] z = out.floats();
            for (int r = from; r < to; r++) {
                int o = r * len;
                int ia = bc.offset(0, r);
                int ib = bc.offset(1, r);
                for (int i = 0; i < len; i++) {
                    float p = x[ia + i * sa];
                    float q = y[ib + i * sb];
                    z[o + i] = max ? (p > q ? p : q) : (p < q ? p : q);
                }
            }
        };
    }

    private boolean supports(TensorType t) {
        return switch (op) {
            case MAXIMUM, MINIMUM -> t == TensorType.FLOAT32 || t == TensorType.INT8 || t == TensorType.UINT8
                    || t == TensorType.INT16 || t == TensorType.INT32 || t == TensorType.INT64;
            case LESS, LESS_EQUAL, GREATER, GREATER_EQUAL -> t == TensorType.FLOAT32 || t == TensorType.INT8
                    || t == TensorType.UINT8 || t == TensorType.INT32 || t == TensorType.INT64;
            case EQUAL, NOT_EQUAL -> t == TensorType.FLOAT32 || t == TensorType.INT8 || t == TensorType.UINT8
                    || t == TensorType.INT32 || t == TensorType.INT64 || t == TensorType.BOOL;
            case FLOOR_DIV -> t == TensorType.FLOAT32 || t == TensorType.INT32;
            case FLOOR_MOD -> t == TensorType.FLOAT32 || t == TensorType.INT32 || t == TensorType.INT64;
            case POW -> t == TensorType.FLOAT32 || t == TensorType.INT32;
            case SQUARED_DIFFERENCE -> t == TensorType.FLOAT32 || t == TensorType.INT32 || t == TensorType.INT8;
            case LOGICAL_AND, LOGICAL_OR -> t == TensorType.BOOL;
        };
    }

    /** int8/uint8 comparison rescaling: both sides as {@code M_i ((q - zp_i) << 8)} with M_i = scale_i. */
    private static final class Scaling {
        final int off1;
        final int off2;
        final QuantizedMultiplier m1;
        final QuantizedMultiplier m2;

        Scaling(RuntimeTensor a, RuntimeTensor b) {
            off1 = -a.zeroPoint();
            off2 = -b.zeroPoint();
            m1 = QuantizedMultiplier.smallerThanOneExp(a.scale());
            m2 = QuantizedMultiplier.smallerThanOneExp(b.scale());
        }

        int scale1(int q) {
            return QuantizedMath.multiplyByQuantizedMultiplierSmallerThanOneExp((q + off1) * (1 << 8), m1.multiplier(),
                    m1.shift());
        }

        int scale2(int q) {
            return QuantizedMath.multiplyByQuantizedMultiplierSmallerThanOneExp((q + off2) * (1 << 8), m2.multiplier(),
                    m2.shift());
        }
    }

    private void element(TensorType t, Scaling s, Object x, int i, Object y, int j, Object z, int k) {
        switch (t) {
            case FLOAT32 -> {
                float p = ((float[]) x)[i];
                float q = ((float[]) y)[j];
                if (op.isComparison()) {
                    ((byte[]) z)[k] = bool(compareFloat(p, q));
                } else {
                    ((float[]) z)[k] = floatOp(p, q);
                }
            }
            case INT32 -> {
                int p = ((int[]) x)[i];
                int q = ((int[]) y)[j];
                if (op.isComparison()) {
                    ((byte[]) z)[k] = bool(compareLong(p, q));
                } else {
                    ((int[]) z)[k] = intOp(p, q);
                }
            }
            case INT64 -> {
                long p = ((long[]) x)[i];
                long q = ((long[]) y)[j];
                if (op.isComparison()) {
                    ((byte[]) z)[k] = bool(compareLong(p, q));
                } else {
                    ((long[]) z)[k] = longOp(p, q);
                }
            }
            case INT16 -> {
                short p = ((short[]) x)[i];
                short q = ((short[]) y)[j];
                ((short[]) z)[k] = op == Op.MAXIMUM ? (p > q ? p : q) : (p < q ? p : q);
            }
            case BOOL -> {
                boolean p = ((byte[]) x)[i] != 0;
                boolean q = ((byte[]) y)[j] != 0;
                boolean v = switch (op) {
                    case LOGICAL_AND -> p && q;
                    case LOGICAL_OR -> p || q;
                    case EQUAL -> p == q;
                    default -> p != q;
                };
                ((byte[]) z)[k] = bool(v);
            }
            default -> { // INT8, UINT8
                int mask = t == TensorType.UINT8 ? 0xFF : -1;
                int p = ((byte[]) x)[i] & mask;
                int q = ((byte[]) y)[j] & mask;
                if (op.isComparison()) {
                    ((byte[]) z)[k] = bool(compareLong(s.scale1(p), s.scale2(q)));
                } else {
                    ((byte[]) z)[k] = (byte) (op == Op.MAXIMUM ? (p > q ? p : q) : (p < q ? p : q));
                }
            }
        }
    }

    private static byte bool(boolean v) {
        return v ? (byte) 1 : (byte) 0;
    }

    /** IEEE comparisons (false with NaN, except NOT_EQUAL). */
    private boolean compareFloat(float p, float q) {
        return switch (op) {
            case LESS -> p < q;
            case LESS_EQUAL -> p <= q;
            case GREATER -> p > q;
            case GREATER_EQUAL -> p >= q;
            case EQUAL -> p == q;
            default -> p != q;
        };
    }

    private boolean compareLong(long p, long q) {
        return switch (op) {
            case LESS -> p < q;
            case LESS_EQUAL -> p <= q;
            case GREATER -> p > q;
            case GREATER_EQUAL -> p >= q;
            case EQUAL -> p == q;
            default -> p != q;
        };
    }

    private float floatOp(float p, float q) {
        return switch (op) {
            case MAXIMUM -> p > q ? p : q;
            case MINIMUM -> p < q ? p : q;
            case FLOOR_DIV -> (float) Math.floor(p / q);
            case FLOOR_MOD -> {
                float m = p % q;
                yield m != 0 && (q < 0) != (m < 0) ? m + q : m;
            }
            case POW -> (float) Math.pow(p, q);
            case SQUARED_DIFFERENCE -> (p - q) * (p - q);
            default -> throw new IllegalStateException(op.name());
        };
    }

    private int intOp(int p, int q) {
        return switch (op) {
            case MAXIMUM -> p > q ? p : q;
            case MINIMUM -> p < q ? p : q;
            case FLOOR_DIV -> {
                if (q == 0) {
                    throw new ArithmeticException("FLOOR_DIV: division by zero");
                }
                yield (int) Math.floor((double) p / (double) q);
            }
            case FLOOR_MOD -> {
                int m = p % q;
                yield m != 0 && (q < 0) != (m < 0) ? m + q : m;
            }
            case POW -> {
                if (q < 0) {
                    throw new ArithmeticException("POW: int32 exponents must be non-negative");
                }
                yield Rounding.truncateToInt32X86(Math.pow(p, q));
            }
            case SQUARED_DIFFERENCE -> (p - q) * (p - q);
            default -> throw new IllegalStateException(op.name());
        };
    }

    private long longOp(long p, long q) {
        return switch (op) {
            case MAXIMUM -> p > q ? p : q;
            case MINIMUM -> p < q ? p : q;
            case FLOOR_MOD -> {
                long m = p % q;
                yield m != 0 && (q < 0) != (m < 0) ? m + q : m;
            }
            default -> throw new IllegalStateException(op.name());
        };
    }
}
