package dev.slimfit.runtime.kernels.shape;

import dev.slimfit.model.TensorType;
import dev.slimfit.runtime.Kernel;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.PreparedOp;
import dev.slimfit.runtime.RuntimeTensor;

/**
 * PACK and UNPACK as TFLite 2.6.2's pack.cc / unpack.cc: stacking N equal tensors along a new
 * axis (negative counts from {@code rank + 1}) is a concatenation of contiguous runs of
 * {@code prod(shape[axis:])} elements per outer index; UNPACK is the inverse split. Quantized PACK
 * inputs must share the output's scale and zero point (2.6.2 checks it); values are copied raw.
 */
public final class Pack implements Kernel {
    private final boolean pack;

    /** {@code pack} false makes this the UNPACK kernel. */
    public Pack(boolean pack) {
        this.pack = pack;
    }

    @Override
    public PreparedOp prepare(OpContext ctx) throws KernelException {
        return pack ? preparePack(ctx) : prepareUnpack(ctx);
    }

    private static PreparedOp preparePack(OpContext ctx) throws KernelException {
        int n = ctx.inputCount();
        RuntimeTensor first = ctx.requireInput(0);
        RuntimeTensor out = ctx.output(0);
        TensorType type = ctx.expectType(first, ShapeSupport.NUMERIC);
        ShapeSupport.sameType("PACK", first, out);
        int rank = first.rank();
        int axis = ctx.options() == null ? 0 : ctx.options().getInt("axis", 0);
        axis = axis < 0 ? axis + rank + 1 : axis;
        if (axis < 0 || axis > rank) {
            throw new KernelException("PACK: axis out of range for rank " + rank);
        }
        RuntimeTensor[] ins = new RuntimeTensor[n];
        for (int i = 0; i < n; i++) {
            ins[i] = ctx.requireInput(i);
            if (ins[i].type() != type || !java.util.Arrays.equals(ins[i].shape(), first.shape())) {
                throw new KernelException("PACK: input " + ins[i] + " does not match " + first);
            }
            if (type.isQuantizedInteger() && !ShapeSupport.sameQuantization(ins[i], out)) {
                throw new KernelException("PACK: quantized inputs must share the output's scale and zero point");
            }
        }
        int[] shape = new int[rank + 1];
        for (int d = 0, k = 0; d <= rank; d++) {
            shape[d] = d == axis ? n : first.dim(k++);
        }
        out.resize(shape);
        int outer = ShapeSupport.product(first.shape(), 0, axis);
        int run = ShapeSupport.product(first.shape(), axis, rank);
        return () -> {
            Object dst = out.data();
            int dp = 0;
            for (int o = 0; o < outer; o++) {
                for (int i = 0; i < n; i++) {
                    System.arraycopy(ins[i].data(), o * run, dst, dp, run);
                    dp += run;
                }
            }
        };
    }

    private static PreparedOp prepareUnpack(OpContext ctx) throws KernelException {
        RuntimeTensor in = ctx.requireInput(0);
        // TFLite 2.6.2's unpack.cc has no int64 or bool case.
        ctx.expectType(in, TensorType.FLOAT32, TensorType.INT8, TensorType.UINT8, TensorType.INT16, TensorType.INT32);
        int rank = in.rank();
        int axis = ShapeSupport.axis(ctx.options() == null ? 0 : ctx.options().getInt("axis", 0), rank, "UNPACK");
        int n = in.dim(axis);
        if (ctx.outputCount() != n) {
            throw new KernelException("UNPACK: " + ctx.outputCount() + " outputs for dimension " + n);
        }
        int[] shape = new int[rank - 1];
        for (int d = 0, k = 0; d < rank; d++) {
            if (d != axis) {
                shape[k++] = in.dim(d);
            }
        }
        RuntimeTensor[] outs = new RuntimeTensor[n];
        for (int i = 0; i < n; i++) {
            outs[i] = ctx.output(i);
            ShapeSupport.sameType("UNPACK", in, outs[i]);
            outs[i].resize(shape);
        }
        int outer = ShapeSupport.product(in.shape(), 0, axis);
        int run = ShapeSupport.product(in.shape(), axis + 1, rank);
        return () -> {
            Object src = in.data();
            int sp = 0;
            for (int o = 0; o < outer; o++) {
                for (int i = 0; i < n; i++) {
                    System.arraycopy(src, sp, outs[i].data(), o * run, run);
                    sp += run;
                }
            }
        };
    }
}
