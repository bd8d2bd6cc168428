package dev.slimfit.runtime.kernels.shape;

import dev.slimfit.model.TensorType;
import dev.slimfit.runtime.Kernel;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.PreparedOp;
import dev.slimfit.runtime.RuntimeTensor;

/**
 * SPLIT and SPLIT_V as TFLite 2.6.2's split.cc / split_v.cc. SPLIT takes {@code (axis, input)}
 * and cuts the axis into {@code num_splits} equal parts; SPLIT_V takes
 * {@code (input, size_splits, axis)} with at most one -1 size inferred. Every output gets one
 * contiguous run per outer index. Axis and sizes must be constant here (TFLite would resize the
 * outputs in eval otherwise; converters always emit constants).
 */
public final class Split implements Kernel {
    private final boolean variable;

    /** {@code variable} selects SPLIT_V. */
    public Split(boolean variable) {
        this.variable = variable;
    }

    @Override
    public PreparedOp prepare(OpContext ctx) throws KernelException {
        String op = variable ? "SPLIT_V" : "SPLIT";
        RuntimeTensor in = ctx.requireInput(variable ? 0 : 1);
        RuntimeTensor axisT = ctx.requireInput(variable ? 2 : 0);
        if (variable) {
            ctx.expectType(in, ShapeSupport.NUMERIC);
        } else {
            ctx.expectType(in, TensorType.FLOAT32, TensorType.INT8, TensorType.UINT8, TensorType.INT16,
                    TensorType.INT32);
        }
        if (!axisT.isConstant() || axisT.flatSize() != 1) {
            throw new KernelException(op + ": axis must be a constant scalar");
        }
        int rank = in.rank();
        int axis = ShapeSupport.axis(ShapeSupport.readInts(axisT)[0], rank, op);
        int n = ctx.outputCount();
        int dim = in.dim(axis);
        int[] sizes = new int[n];
        if (variable) {
            RuntimeTensor sizeT = ctx.requireInput(1);
            if (!sizeT.isConstant() || sizeT.flatSize() != n) {
                throw new KernelException(op + ": size_splits must be constant with " + n + " values");
            }
            int[] s = ShapeSupport.readInts(sizeT);
            int minus = -1;
            int known = 0;
            for (int i = 0; i < n; i++) {
                if (s[i] == -1) {
                    if (minus >= 0) {
                        throw new KernelException(op + ": more than one -1 in size_splits");
                    }
                    minus = i;
                } else {
                    known += s[i];
                }
                sizes[i] = s[i];
            }
            if (minus >= 0) {
                sizes[minus] = dim - known;
                known = dim;
            }
            if (known != dim) {
                throw new KernelException(op + ": size_splits do not add up to " + dim);
            }
        } else {
            if (n == 0 || dim % n != 0) {
                throw new KernelException(op + ": dimension " + dim + " is not divisible into " + n + " parts");
            }
            java.util.Arrays.fill(sizes, dim / n);
        }
        int outer = ShapeSupport.product(in.shape(), 0, axis);
        int inner = ShapeSupport.product(in.shape(), axis + 1, rank);
        RuntimeTensor[] outs = new RuntimeTensor[n];
        int[] runs = new int[n];
        for (int i = 0; i < n; i++) {
            outs[i] = ctx.output(i);
            ShapeSupport.sameType(op, in, outs[i]);
            int[] shape = in.shape();
            shape[axis] = sizes[i];
            outs[i].resize(shape);
            runs[i] = sizes[i] * inner;
        }
        return () -> {
            Object src = in.data();
            int sp = 0;
            for (int o = 0; o < outer; o++) {
                for (int i = 0; i < n; i++) {
                    System.arraycopy(src, sp, outs[i].data(), o * runs[i], runs[i]);
                    sp += runs[i];
                }
            }
        };
    }
}
