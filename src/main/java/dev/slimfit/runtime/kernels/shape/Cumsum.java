package dev.slimfit.runtime.kernels.shape;

import dev.slimfit.model.TensorType;
import dev.slimfit.runtime.Kernel;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.PreparedOp;
import dev.slimfit.runtime.RuntimeTensor;

/**
 * CUMSUM as TFLite 2.6.2's cumsum.cc: a running sum along the axis (constant int32 scalar,
 * negative allowed) in the element type; {@code exclusive} stores the sum before adding the
 * element, {@code reverse} runs from the end. float32, int32 and int64, as in 2.6.2.
 */
public final class Cumsum implements Kernel {
    @Override
    public PreparedOp prepare(OpContext ctx) throws KernelException {
        RuntimeTensor in = ctx.requireInput(0);
        RuntimeTensor axisT = ctx.requireInput(1);
        RuntimeTensor out = ctx.output(0);
        TensorType t = ctx.expectType(in, TensorType.FLOAT32, TensorType.INT32, TensorType.INT64);
        ShapeSupport.sameType("CUMSUM", in, out);
        if (!axisT.isConstant() || axisT.flatSize() != 1) {
            throw new KernelException("CUMSUM: axis must be a constant scalar");
        }
        int rank = in.rank();
        int axis = ShapeSupport.axis(ShapeSupport.readInts(axisT)[0], rank, "CUMSUM");
        boolean exclusive = ctx.options() != null && ctx.options().getBool("exclusive", false);
        boolean reverse = ctx.options() != null && ctx.options().getBool("reverse", false);
        out.resize(in.shape());
        int outer = ShapeSupport.product(in.shape(), 0, axis);
        int n = in.dim(axis);
        int inner = ShapeSupport.product(in.shape(), axis + 1, rank);
        return () -> {
            for (int o = 0; o < outer; o++) {
                for (int i = 0; i < inner; i++) {
                    int base = o * n * inner + i;
                    int first = reverse ? base + (n - 1) * inner : base;
                    int step = reverse ? -inner : inner;
                    switch (t) {
                        case FLOAT32 -> {
                            float[] x = in.floats();
                            float[] y = out.floats();
                            float acc = 0;
                            for (int k = 0, p = first; k < n; k++, p += step) {
                                if (exclusive) {
                                    y[p] = acc;
                                    acc += x[p];
                                } else {
                                    acc += x[p];
                                    y[p] = acc;
                                }
                            }
                        }
                        case INT32 -> {
                            int[] x = in.ints();
                            int[] y = out.ints();
                            int acc = 0;
                            for (int k = 0, p = first; k < n; k++, p += step) {
                                int v = x[p];
                                y[p] = exclusive ? acc : acc + v;
                                acc += v;
                            }
                        }
                        default -> {
                            long[] x = in.longs();
                            long[] y = out.longs();
                            long acc = 0;
                            for (int k = 0, p = first; k < n; k++, p += step) {
                                long v = x[p];
                                y[p] = exclusive ? acc : acc + v;
                                acc += v;
                            }
                        }
                    }
                }
            }
        };
    }
}
