package dev.slimfit.runtime.kernels.elementwise;

import dev.slimfit.runtime.Kernel;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.Parallel;
import dev.slimfit.runtime.PreparedOp;
import dev.slimfit.runtime.RuntimeTensor;

/**
 * Base of the one-input, same-shape elementwise kernels: prepare resizes the output to the input's
 * shape and asks the subclass for a loop body over a flat index range, which eval splits over the
 * interpreter's threads. Bodies read the tensors' arrays when they run, so they survive reallocation.
 */
abstract class UnaryOp implements Kernel {
    @Override
    public final PreparedOp prepare(OpContext ctx) throws KernelException {
        RuntimeTensor in = ctx.requireInput(0);
        RuntimeTensor out = ctx.output(0);
        out.resize(in.shape());
        Parallel.RangeBody body = body(ctx, in, out);
        Parallel par = ctx.parallel();
        int n = units(in);
        int minChunk = minChunk(in);
        return () -> par.forRange(n, minChunk, body);
    }

    /** How many independent units the body's range covers: elements by default, rows for row-wise ops. */
    int units(RuntimeTensor in) {
        return in.flatSize();
    }

    /** Smallest range worth a thread. */
    int minChunk(RuntimeTensor in) {
        return Elementwise.MIN_CHUNK;
    }

    /** The loop over {@code [from, to)}; throws for unsupported types or parameters. */
    abstract Parallel.RangeBody body(OpContext ctx, RuntimeTensor in, RuntimeTensor out) throws KernelException;

    /** A float function applied per element. */
    @FunctionalInterface
    interface FloatFn {
        float apply(float x);
    }

    /** float32 in, float32 out. */
    static Parallel.RangeBody floats(RuntimeTensor in, RuntimeTensor out, FloatFn f) {
        return (from, to) -> {
            float[] x = in.floats();
            float[] y = out.floats();
            for (int i = from; i < to; i++) {
                y[i] = f.apply(x[i]);
            }
        };
    }

    /** int8/uint8 in and out through a 256-entry table indexed by the code's low 8 bits. */
    static Parallel.RangeBody table8(RuntimeTensor in, RuntimeTensor out, int[] table) {
        byte[] t = new byte[256];
        for (int i = 0; i < 256; i++) {
            t[i] = (byte) table[i];
        }
        return (from, to) -> {
            byte[] x = in.bytes();
            byte[] y = out.bytes();
            for (int i = from; i < to; i++) {
                y[i] = t[x[i] & 0xFF];
            }
        };
    }

    /** An integer function of one code (already offset by nothing), for int8/uint8/int16 storage. */
    @FunctionalInterface
    interface IntFn {
        int apply(int q);
    }

    /** Quantized codes in and out (same storage type), through an integer function. */
    static Parallel.RangeBody codes(RuntimeTensor in, RuntimeTensor out, IntFn f) throws KernelException {
        Elementwise.sameTypes("elementwise", in, out);
        return switch (in.type()) {
            case INT8 -> (from, to) -> {
                byte[] x = in.bytes();
                byte[] y = out.bytes();
                for (int i = from; i < to; i++) {
                    y[i] = (byte) f.apply(x[i]);
                }
            };
            case UINT8 -> (from, to) -> {
                byte[] x = in.bytes();
                byte[] y = out.bytes();
                for (int i = from; i < to; i++) {
                    y[i] = (byte) f.apply(x[i] & 0xFF);
                }
            };
            case INT16 -> (from, to) -> {
                short[] x = in.shorts();
                short[] y = out.shorts();
                for (int i = from; i < to; i++) {
                    y[i] = (short) f.apply(x[i]);
                }
            };
            default -> throw new KernelException("type " + in.type() + " is not a quantized type");
        };
    }

    /** 8-bit codes: precompute the function for all 256 codes once. */
    static Parallel.RangeBody codes8(RuntimeTensor in, RuntimeTensor out, IntFn f) throws KernelException {
        Elementwise.sameTypes("elementwise", in, out);
        boolean unsigned = in.type() == dev.slimfit.model.TensorType.UINT8;
        int[] table = new int[256];
        for (int i = 0; i < 256; i++) {
            int q = unsigned ? i : (byte) i;
            table[i] = f.apply(q);
        }
        return table8(in, out, table);
    }
}
