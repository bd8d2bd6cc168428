package dev.slimfit.runtime.kernels.shape;

import dev.slimfit.model.TensorType;
import dev.slimfit.runtime.Kernel;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.PreparedOp;
import dev.slimfit.runtime.RuntimeTensor;

/**
 * PAD and PADV2 as TFLite 2.6.2's pad.cc: paddings are an int32/int64 {@code [rank, 2]} tensor
 * (constant: output sized in prepare; computed: in eval). The pad value is 0, the output zero point
 * for quantized types, or PADV2's one-element {@code constant_values}, which for quantized types
 * must share the output's scale and zero point, as 2.6.2 requires. Raw values are copied, with no
 * requantization, exactly as TFLite. Quirk kept from 2.6.2: int64 paddings are read as int32
 * words (so {@code [[1, 0], [2, 3]]} acts as {@code [[1, 0], [0, 0]]}).
 */
public final class Pad implements Kernel {
    private final boolean v2;

    /** {@code v2} selects PADV2 (optional third input with the pad value). */
    public Pad(boolean v2) {
        this.v2 = v2;
    }

    @Override
    public PreparedOp prepare(OpContext ctx) throws KernelException {
        String op = v2 ? "PADV2" : "PAD";
        RuntimeTensor in = ctx.requireInput(0);
        RuntimeTensor pads = ctx.requireInput(1);
        RuntimeTensor out = ctx.output(0);
        TensorType type = ctx.expectType(in, TensorType.FLOAT32, TensorType.INT8, TensorType.UINT8,
                TensorType.INT16, TensorType.INT32, TensorType.INT64);
        ShapeSupport.sameType(op, in, out);
        if (pads.rank() != 2 || pads.dim(0) != in.rank() || pads.dim(1) != 2) {
            throw new KernelException(op + ": paddings " + pads + " must be [" + in.rank() + ", 2]");
        }
        RuntimeTensor cv = v2 ? ctx.input(2) : null;
        long padRaw = type.isQuantizedInteger() ? out.zeroPoint() : 0;
        float padFloat = 0f;
        if (cv != null) {
            if (cv.type() != type || cv.flatSize() != 1) {
                throw new KernelException(op + ": constant_values " + cv + " must be one " + type + " value");
            }
            if (type.isQuantizedInteger() && !ShapeSupport.sameQuantization(cv, out)) {
                throw new KernelException(op + ": constant_values must share the output's scale and zero point");
            }
            if (!cv.isConstant()) {
                throw new KernelException(op + ": a computed constant_values tensor is not supported");
            }
            switch (type) {
                case FLOAT32 -> padFloat = cv.floats()[0];
                case INT8 -> padRaw = cv.bytes()[0];
                case UINT8 -> padRaw = cv.bytes()[0] & 0xFF;
                case INT16 -> padRaw = cv.shorts()[0];
                case INT32 -> padRaw = cv.ints()[0];
                default -> padRaw = cv.longs()[0];
            }
        }
        long raw = padRaw;
        float f = padFloat;
        if (pads.isConstant()) {
            StridedCopy copy = plan(op, in, out, ShapeSupport.readInt32Words(pads, 2 * in.rank()));
            return () -> run(in, out, copy, raw, f);
        }
        return () -> run(in, out, plan(op, in, out, ShapeSupport.readInt32Words(pads, 2 * in.rank())), raw, f);
    }

    private static void run(RuntimeTensor in, RuntimeTensor out, StridedCopy copy, long raw, float f) {
        Object dst = out.data();
        ShapeSupport.fill(dst, 0, out.flatSize(), raw, f);
        copy.run(in.data(), dst);
    }

    /** Sizes the output and plans the copy of the input into its interior. */
    private static StridedCopy plan(String op, RuntimeTensor in, RuntimeTensor out, int[] p) throws KernelException {
        int rank = in.rank();
        int[] shape = new int[rank];
        for (int d = 0; d < rank; d++) {
            if (p[2 * d] < 0 || p[2 * d + 1] < 0) {
                throw new KernelException(op + ": negative padding " + ShapeSupport.shape(p));
            }
            shape[d] = in.dim(d) + p[2 * d] + p[2 * d + 1];
        }
        out.resize(shape);
        int[] os = StridedCopy.strides(shape);
        int offset = 0;
        for (int d = 0; d < rank; d++) {
            offset += p[2 * d] * os[d];
        }
        int[] inShape = in.shape();
        return StridedCopy.of(inShape, 0, StridedCopy.strides(inShape), offset, os);
    }
}
