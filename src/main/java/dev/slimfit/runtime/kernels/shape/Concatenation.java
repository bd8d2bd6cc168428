package dev.slimfit.runtime.kernels.shape;

import dev.slimfit.model.Activation;
import dev.slimfit.model.TensorType;
import dev.slimfit.quant.Rounding;
import dev.slimfit.runtime.Kernel;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.PreparedOp;
import dev.slimfit.runtime.RuntimeTensor;

/**
 * CONCATENATION as TFLite 2.6.2's concatenation.cc: for every outer index, each input contributes
 * one contiguous run of {@code dim(axis) · inner} elements, copied with {@link System#arraycopy}.
 * uint8 inputs whose scale or zero point differ from the output's are requantized as
 * {@code ConcatenationWithScaling} does (float {@code q·s + b}, {@code roundf}, clamp); int8
 * requires equal parameters and int16 zero zero points, as 2.6.2's prepare enforces (int16 then
 * copies raw values). Fused activations are rejected, as in 2.6.2.
 */
public final class Concatenation implements Kernel {
    @Override
    public PreparedOp prepare(OpContext ctx) throws KernelException {
        int n = ctx.inputCount();
        RuntimeTensor out = ctx.output(0);
        RuntimeTensor first = ctx.requireInput(0);
        TensorType type = ctx.expectType(first, ShapeSupport.MOVABLE);
        if (ctx.options() != null && ctx.options().activation() != Activation.NONE) {
            throw new KernelException("CONCATENATION: fused activation " + ctx.options().activation()
                    + " is not supported (TFLite 2.6.2 rejects it too)");
        }
        int rank = first.rank();
        int axis = ShapeSupport.axis(ctx.options() == null ? 0 : ctx.options().getInt("axis", 0), rank,
                "CONCATENATION");
        RuntimeTensor[] ins = new RuntimeTensor[n];
        int[] shape = first.shape();
        shape[axis] = 0;
        for (int i = 0; i < n; i++) {
            ins[i] = ctx.requireInput(i);
            if (ins[i].type() != type || ins[i].rank() != rank) {
                throw new KernelException("CONCATENATION: input " + ins[i] + " does not match " + first);
            }
            for (int d = 0; d < rank; d++) {
                if (d != axis && ins[i].dim(d) != first.dim(d)) {
                    throw new KernelException("CONCATENATION: input " + ins[i] + " does not match " + first);
                }
            }
            shape[axis] += ins[i].dim(axis);
        }
        ShapeSupport.sameType("CONCATENATION", first, out);
        if (type == TensorType.INT8) {
            for (RuntimeTensor t : ins) {
                if (!ShapeSupport.sameQuantization(t, out)) {
                    throw new KernelException("CONCATENATION: int8 input " + t
                            + " has a different scale/zero point from the output (TFLite 2.6.2 requires equal ones)");
                }
            }
        } else if (type == TensorType.INT16) {
            for (RuntimeTensor t : ins) {
                if (t.zeroPoint() != 0 || out.zeroPoint() != 0) {
                    throw new KernelException("CONCATENATION: int16 needs zero points of 0");
                }
            }
        }
        out.resize(shape);
        int outer = ShapeSupport.product(shape, 0, axis);
        int inner = ShapeSupport.product(shape, axis + 1, rank);
        int[] run = new int[n];
        boolean[] rescale = new boolean[n];
        float[] scales = new float[n];
        float[] biases = new float[n];
        for (int i = 0; i < n; i++) {
            run[i] = ins[i].dim(axis) * inner;
            if (type == TensorType.UINT8 && !ShapeSupport.sameQuantization(ins[i], out)) {
                rescale[i] = true;
                scales[i] = ins[i].scale() * (1.f / out.scale());
                biases[i] = -ins[i].zeroPoint() * scales[i];
            }
        }
        int outZp = out.zeroPoint();
        return () -> {
            Object dst = out.data();
            int dp = 0;
            for (int k = 0; k < outer; k++) {
                for (int i = 0; i < n; i++) {
                    int len = run[i];
                    if (rescale[i]) {
                        requantize(ins[i].bytes(), k * len, (byte[]) dst, dp, len, scales[i], biases[i], outZp);
                    } else {
                        System.arraycopy(ins[i].data(), k * len, dst, dp, len);
                    }
                    dp += len;
                }
            }
        };
    }

    private static void requantize(byte[] src, int sp, byte[] dst, int dp, int len, float scale, float bias,
                                   int outZp) {
        for (int j = 0; j < len; j++) {
            int v = (int) Rounding.round((src[sp + j] & 0xFF) * scale + bias) + outZp;
            dst[dp + j] = (byte) Math.max(0, Math.min(255, v));
        }
    }
}
