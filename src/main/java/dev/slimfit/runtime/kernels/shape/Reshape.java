package dev.slimfit.runtime.kernels.shape;

import dev.slimfit.model.TensorType;
import dev.slimfit.runtime.Kernel;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.PreparedOp;
import dev.slimfit.runtime.RuntimeTensor;
import java.util.Arrays;

/**
 * RESHAPE as TFLite 2.6.2's reshape.cc: the new shape comes from the second input when it is a
 * 1-D int32 tensor, otherwise from {@code ReshapeOptions.newShape} (where the legacy {@code [0]}
 * means a scalar); one {@code -1} is inferred. A constant (or absent) shape tensor sizes the
 * output in prepare; a computed one makes the output dynamic, sized in eval. The bytes are copied
 * unchanged, so the output carries the input's raw quantized values whatever its parameters.
 */
public final class Reshape implements Kernel {
    @Override
    public PreparedOp prepare(OpContext ctx) throws KernelException {
        RuntimeTensor in = ctx.requireInput(0);
        RuntimeTensor out = ctx.output(0);
        ShapeSupport.sameType("RESHAPE", in, out);
        ctx.expectType(in, ShapeSupport.MOVABLE);
        RuntimeTensor shapeT = ctx.input(1);
        boolean fromTensor = shapeT != null && shapeT.rank() == 1 && shapeT.type() == TensorType.INT32;
        int[] fromOptions = null;
        if (!fromTensor) {
            fromOptions = ctx.options() == null ? new int[0] : ctx.options().getInts("newShape");
            if (fromOptions.length == 1 && fromOptions[0] == 0) {
                fromOptions = new int[0];
            }
            if (shapeT == null && (ctx.options() == null || !ctx.options().has("newShape"))) {
                throw new KernelException("RESHAPE: neither a shape tensor nor newShape option");
            }
        }
        if (!fromTensor || shapeT.isConstant()) {
            int[] target = fromTensor ? shapeT.ints().clone() : fromOptions;
            out.resize(resolve(in, Arrays.copyOf(target, target.length)));
            return () -> copy(in, out);
        }
        return () -> {
            out.resize(resolve(in, Arrays.copyOf(shapeT.ints(), shapeT.flatSize())));
            copy(in, out);
        };
    }

    static void copy(RuntimeTensor in, RuntimeTensor out) {
        System.arraycopy(in.data(), 0, out.data(), 0, in.flatSize());
    }

    /** Infers the single -1 entry and checks the element count, as TFLite does. */
    static int[] resolve(RuntimeTensor in, int[] shape) throws KernelException {
        int stretch = -1;
        long known = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] == -1) {
                if (stretch >= 0) {
                    throw new KernelException("RESHAPE: more than one -1 in " + ShapeSupport.shape(shape));
                }
                stretch = i;
            } else {
                known *= shape[i];
            }
        }
        if (stretch >= 0) {
            shape[stretch] = known == 0 ? 0 : (int) (in.flatSize() / known);
            known *= shape[stretch];
        }
        if (known != in.flatSize()) {
            throw new KernelException("RESHAPE: cannot reshape " + ShapeSupport.shape(in.shape()) + " to "
                    + ShapeSupport.shape(shape));
        }
        return shape;
    }
}
