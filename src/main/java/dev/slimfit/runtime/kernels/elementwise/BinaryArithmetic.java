package dev.slimfit.runtime.kernels.elementwise;

import dev.slimfit.model.TensorType;
import dev.slimfit.quant.AffineQuantization;
import dev.slimfit.quant.QuantizationUtil;
import dev.slimfit.runtime.Kernel;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.Parallel;
import dev.slimfit.runtime.PreparedOp;
import dev.slimfit.runtime.RuntimeTensor;
import dev.slimfit.runtime.kernels.Broadcast;

/**
 * ADD, SUB, MUL and DIV with NumPy broadcasting and a fused activation, as TFLite 2.6.2's add.cc,
 * sub.cc, mul.cc and div.cc compute them.
 *
 * <ul>
 *   <li>float32: {@code a op b}, then clamped to the activation range; int32 (and int64 but for DIV):
 *   wrapping arithmetic, clamped to the integer activation range.</li>
 *   <li>int8/uint8 ADD and SUB, and int16 ADD/SUB on the "general scale" path: both inputs are
 *   shifted left by 20 (int16: 15), scaled by {@code s_i / (2 max(s1, s2))}, summed, and scaled by
 *   {@code 2 max(s1,s2) / (2^shift * s_out)}. SUB is this same ADD with input 2's <em>multiplier
 *   negated</em> (not its result), which rounds differently and is reproduced here.</li>
 *   <li>int16 ADD/SUB with power-of-two scales, zero points 0 and {@code pot_scale_int16} set (the
 *   LSTM path): one input is rounding-shifted right to the output scale and the two are added
 *   (subtracted) with int16 saturation.</li>
 *   Broadcasting is refused on this path: 2.6.2 has no broadcasting kernel for it.</li>
 *   <li>int8/uint8/int16 MUL: {@code zp_out + M((a - zp_a)(b - zp_b))} with {@code M = s_a s_b / s_out}
 *   computed in float.</li>
 *   <li>uint8 DIV: TFLite's reciprocal-based fixed-point division.</li>
 * </ul>
 */
public final class BinaryArithmetic implements Kernel {
    /** The arithmetic operation. */
    public enum Op { ADD, SUB, MUL, DIV }

    private final Op op;

    public BinaryArithmetic(Op op) {
        this.op = op;
    }

    @Override
    public PreparedOp prepare(OpContext ctx) throws KernelException {
        RuntimeTensor a = ctx.requireInput(0);
        RuntimeTensor b = ctx.requireInput(1);
        RuntimeTensor out = ctx.output(0);
        Elementwise.sameTypes(op.name(), a, b, out);
        Broadcast bc = Broadcast.of(a.shape(), b.shape());
        out.resize(bc.outputShape());
        int act = Elementwise.activation(ctx);
        TensorType t = out.type();
        boolean supported = switch (t) {
            case FLOAT32, INT32 -> true;
            case INT64 -> op != Op.DIV;
            case INT8 -> op != Op.DIV;
            case UINT8 -> true;
            case INT16 -> op != Op.DIV;
            default -> false;
        };
        if (!supported) {
            throw new KernelException(op + " does not support type " + t);
        }
        Parallel par = ctx.parallel();
        int minRuns = Elementwise.minRuns(bc.runLength());
        if (t == TensorType.FLOAT32) {
            AffineQuantization.FloatRange r = AffineQuantization.calculateActivationRange(act);
            FloatLoop loop = new FloatLoop(op, bc, a, b, out, r.min(), r.max());
            return () -> loop.run(par, minRuns);
        }
        if (t == TensorType.INT32 || t == TensorType.INT64) {
            long[] r = t == TensorType.INT32
                    ? Elementwise.intActivationRange(act, Integer.MIN_VALUE, Integer.MAX_VALUE)
                    : Elementwise.intActivationRange(act, Long.MIN_VALUE, Long.MAX_VALUE);
            IntLoop loop = new IntLoop(op, bc, a, b, out, r[0], r[1]);
            return () -> loop.run(par, minRuns);
        }
        Elementwise.requireQuantized(op.name(), a);
        Elementwise.requireQuantized(op.name(), b);
        Elementwise.requireQuantized(op.name(), out);
        QuantLoop q = new QuantLoop(bc, a, b, out, quantizedOp(ctx, a, b, out, act, bc));
        return () -> q.run(par, minRuns);
    }

    private QuantizedBinary quantizedOp(OpContext ctx, RuntimeTensor a, RuntimeTensor b, RuntimeTensor out, int act,
                                        Broadcast bc) throws KernelException {
        AffineQuantization.IntRange r = AffineQuantization.calculateActivationRangeQuantized(act, out.scale(),
                out.zeroPoint(), Elementwise.range(out.type()));
        if (op == Op.MUL) {
            return QuantizedBinary.mul(a, b, out, r);
        }
        if (op == Op.DIV) {
            return QuantizedBinary.div(a, b, out, r);
        }
        if (out.type() == TensorType.INT16 && potScaleInt16(ctx, a, b, out)) {
            int shift1 = QuantizationUtil.checkedLog2(a.scale()).rounded()
                    - QuantizationUtil.checkedLog2(out.scale()).rounded();
            int shift2 = QuantizationUtil.checkedLog2(b.scale()).rounded()
                    - QuantizationUtil.checkedLog2(out.scale()).rounded();
            if (!(shift1 == 0 || shift2 == 0) || shift1 > 0 || shift2 > 0) {
                throw new KernelException(op + " int16: power-of-two scales need one input at the output scale "
                        + "and the other finer (shifts " + shift1 + ", " + shift2 + ")");
            }
            if (!bc.isTrivial()) {
                // 2.6.2 runs its flat power-of-two loop over mismatched shapes (out of bounds for ADD).
                throw new KernelException(op + " int16 with power-of-two scales cannot broadcast (TFLite 2.6.2 "
                        + "has no broadcasting power-of-two kernel); set pot_scale_int16 = false");
            }
            return QuantizedBinary.potInt16(op == Op.SUB, shift1, shift2, r);
        }
        return QuantizedBinary.general(op == Op.SUB, a, b, out, r);
    }

    /** add.cc / sub.cc: the int16 power-of-two path applies only when the option asks and all scales allow. */
    private static boolean potScaleInt16(OpContext ctx, RuntimeTensor a, RuntimeTensor b, RuntimeTensor out) {
        boolean pot = ctx.options() == null || ctx.options().getBool("potScaleInt16", true);
        if (!pot) {
            return false;
        }
        return QuantizationUtil.checkedLog2(a.scale()).isPowerOfTwo()
                && QuantizationUtil.checkedLog2(b.scale()).isPowerOfTwo()
                && QuantizationUtil.checkedLog2(out.scale()).isPowerOfTwo()
                && a.zeroPoint() == 0 && b.zeroPoint() == 0 && out.zeroPoint() == 0;
    }

    /** float32 loops, one inner loop per op so the JIT sees a single arithmetic instruction. */
    private static final class FloatLoop {
        private final Op op;
        private final Broadcast bc;
        private final RuntimeTensor a;
        private final RuntimeTensor b;
        private final RuntimeTensor out;
        private final float lo;
        private final float hi;
        private final Parallel.RangeBody body = this::runs;
        private float[] x;
        private float[] y;
        private float[] z;

        FloatLoop(Op op, Broadcast bc, RuntimeTensor a, RuntimeTensor b, RuntimeTensor out, float lo, float hi) {
            this.op = op;
            this.bc = bc;
            this.a = a;
            this.b = b;
            this.out = out;
            this.lo = lo;
            this.hi = hi;
        }

        void run(Parallel par, int minRuns) {
            x = a.floats();
            y = b.floats();
            z = out.floats();
            par.forRange(bc.runs(), minRuns, body);
        }

        private void runs(int from, int to) {
            int len = bc.runLength();
            int sa = bc.step(0);
            int sb = bc.step(1);
            for (int r = from; r < to; r++) {
                int o = r * len;
                int ia = bc.offset(0, r);
                int ib = bc.offset(1, r);
                switch (op) {
                    case ADD -> {
                        for (int i = 0; i < len; i++) {
                            z[o + i] = Elementwise.clamp(x[ia + i * sa] + y[ib + i * sb], lo, hi);
                        }
                    }
                    case SUB -> {
                        for (int i = 0; i < len; i++) {
                            z[o + i] = Elementwise.clamp(x[ia + i * sa] - y[ib + i * sb], lo, hi);
                        }
                    }
                    case MUL -> {
                        for (int i = 0; i < len; i++) {
                            z[o + i] = Elementwise.clamp(x[ia + i * sa] * y[ib + i * sb], lo, hi);
                        }
                    }
                    case DIV -> {
                        for (int i = 0; i < len; i++) {
                            z[o + i] = Elementwise.clamp(x[ia + i * sa] / y[ib + i * sb], lo, hi);
                        }
                    }
                    default -> throw new IllegalStateException(op.name());
                }
            }
        }
    }

    /** int32 / int64 loops (wrapping arithmetic, integer activation clamp). */
    private static final class IntLoop {
        private final Op op;
        private final Broadcast bc;
        private final RuntimeTensor a;
        private final RuntimeTensor b;
        private final RuntimeTensor out;
        private final long lo;
        private final long hi;
        private final boolean wide;
        private final Parallel.RangeBody body = this::runs;

        IntLoop(Op op, Broadcast bc, RuntimeTensor a, RuntimeTensor b, RuntimeTensor out, long lo, long hi) {
            this.op = op;
            this.bc = bc;
            this.a = a;
            this.b = b;
            this.out = out;
            this.lo = lo;
            this.hi = hi;
            this.wide = out.type() == TensorType.INT64;
        }

        void run(Parallel par, int minRuns) {
            par.forRange(bc.runs(), minRuns, body);
        }

        private void runs(int from, int to) {
            int len = bc.runLength();
            int sa = bc.step(0);
            int sb = bc.step(1);
            if (wide) {
                long[] x = a.longs();
                long[] y = b.longs();
                long[] z = out.longs();
                for (int r = from; r < to; r++) {
                    int o = r * len;
                    int ia = bc.offset(0, r);
                    int ib = bc.offset(1, r);
                    for (int i = 0; i < len; i++) {
                        long v = apply(x[ia + i * sa], y[ib + i * sb]);
                        z[o + i] = v < lo ? lo : Math.min(v, hi);
                    }
                }
                return;
            }
            int[] x = a.ints();
            int[] y = b.ints();
            int[] z = out.ints();
            for (int r = from; r < to; r++) {
                int o = r * len;
                int ia = bc.offset(0, r);
                int ib = bc.offset(1, r);
                for (int i = 0; i < len; i++) {
                    int v = (int) apply(x[ia + i * sa], y[ib + i * sb]);
                    z[o + i] = (int) (v < lo ? lo : Math.min(v, hi));
                }
            }
        }

        private long apply(long p, long q) {
            if (wide) {
                return switch (op) {
                    case ADD -> p + q;
                    case SUB -> p - q;
                    case MUL -> p * q;
                    case DIV -> p / q;
                };
            }
            int x = (int) p;
            int y = (int) q;
            return switch (op) {
                case ADD -> x + y;
                case SUB -> x - y;
                case MUL -> x * y;
                case DIV -> x / y;
            };
        }
    }

    /** Quantized loops over int8/uint8/int16 storage; the per-element math is a {@link QuantizedBinary}. */
    private static final class QuantLoop {
        private final Broadcast bc;
        private final RuntimeTensor a;
        private final RuntimeTensor b;
        private final RuntimeTensor out;
        private final QuantizedBinary f;
        private final boolean unsigned;
        private final boolean wide;
        private final Parallel.RangeBody body = this::runs;

        QuantLoop(Broadcast bc, RuntimeTensor a, RuntimeTensor b, RuntimeTensor out, QuantizedBinary f) {
            this.bc = bc;
            this.a = a;
            this.b = b;
            this.out = out;
            this.f = f;
            this.unsigned = out.type() == TensorType.UINT8;
            this.wide = out.type() == TensorType.INT16;
        }

        void run(Parallel par, int minRuns) {
            par.forRange(bc.runs(), minRuns, body);
        }

        private void runs(int from, int to) {
            int len = bc.runLength();
            int sa = bc.step(0);
            int sb = bc.step(1);
            if (wide) {
                short[] x = a.shorts();
                short[] y = b.shorts();
                short[] z = out.shorts();
                for (int r = from; r < to; r++) {
                    int o = r * len;
                    int ia = bc.offset(0, r);
                    int ib = bc.offset(1, r);
                    for (int i = 0; i < len; i++) {
                        z[o + i] = (short) f.apply(x[ia + i * sa], y[ib + i * sb]);
                    }
                }
                return;
            }
            byte[] x = a.bytes();
            byte[] y = b.bytes();
            byte[] z = out.bytes();
            int mask = unsigned ? 0xFF : -1;
            for (int r = from; r < to; r++) {
                int o = r * len;
                int ia = bc.offset(0, r);
                int ib = bc.offset(1, r);
                for (int i = 0; i < len; i++) {
                    z[o + i] = (byte) f.apply(x[ia + i * sa] & mask, y[ib + i * sb] & mask);
                }
            }
        }
    }
}
