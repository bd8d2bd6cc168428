package dev.slimfit.runtime.kernels.shape;

import dev.slimfit.model.TensorType;
import dev.slimfit.runtime.Kernel;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.PreparedOp;
import dev.slimfit.runtime.RuntimeTensor;

/**
 * SPACE_TO_BATCH_ND and BATCH_TO_SPACE_ND as TFLite 2.6.2's reference kernels for 3-D
 * ({@code [b, h, c]}, one spatial dimension) and 4-D NHWC inputs. Output batch {@code ob} maps to
 * input batch {@code ob mod B} and block offset {@code ob / B} (row-major over the block).
 * SPACE_TO_BATCH pads with 0, or the output zero point for quantized types, as 2.6.2 does;
 * BATCH_TO_SPACE drops the cropped rows/columns. Every pixel moves as one channel run. Block shape,
 * paddings and crops must be constant here.
 */
public final class SpaceBatch implements Kernel {
    private final boolean toBatch;

    /** {@code toBatch} selects SPACE_TO_BATCH_ND, otherwise BATCH_TO_SPACE_ND. */
    public SpaceBatch(boolean toBatch) {
        this.toBatch = toBatch;
    }

    @Override
    public PreparedOp prepare(OpContext ctx) throws KernelException {
        String op = toBatch ? "SPACE_TO_BATCH_ND" : "BATCH_TO_SPACE_ND";
        RuntimeTensor in = ctx.requireInput(0);
        RuntimeTensor blockT = ctx.requireInput(1);
        RuntimeTensor padT = ctx.requireInput(2);
        RuntimeTensor out = ctx.output(0);
        TensorType type = ctx.expectType(in, TensorType.FLOAT32, TensorType.INT8, TensorType.UINT8,
                TensorType.INT32, TensorType.INT64);
        ShapeSupport.sameType(op, in, out);
        if (!blockT.isConstant() || !padT.isConstant()) {
            throw new KernelException(op + ": block shape and paddings/crops must be constant");
        }
        if (in.rank() != 3 && in.rank() != 4) {
            throw new KernelException(op + ": input must be 3-D or 4-D, got " + in);
        }
        int[] block = ShapeSupport.readInts(blockT);
        int[] p = ShapeSupport.readInts(padT);
        int spatial = in.rank() - 2;
        if (block.length != spatial || p.length != 2 * spatial) {
            throw new KernelException(op + ": block shape/paddings do not match " + spatial + " spatial dims");
        }
        // Work on [b, h, w, c]; 3-D inputs get w = 1 and a block width of 1.
        int bh = block[0];
        int bw = spatial == 2 ? block[1] : 1;
        int top = p[0];
        int left = spatial == 2 ? p[2] : 0;
        int after0 = p[1];
        int after1 = spatial == 2 ? p[3] : 0;
        int b = in.dim(0);
        int h = in.dim(1);
        int w = spatial == 2 ? in.dim(2) : 1;
        int c = in.dim(-1);
        if (bh < 1 || bw < 1 || top < 0 || left < 0 || after0 < 0 || after1 < 0) {
            throw new KernelException(op + ": invalid block shape or paddings");
        }
        if (toBatch) {
            int ph = h + top + after0;
            int pw = w + left + after1;
            if (ph % bh != 0 || pw % bw != 0) {
                throw new KernelException(op + ": padded size not divisible by the block shape");
            }
            int oh = ph / bh;
            int ow = pw / bw;
            out.resize(spatial == 2 ? new int[] {b * bh * bw, oh, ow, c} : new int[] {b * bh, oh, c});
            long pad = type.isQuantizedInteger() ? out.zeroPoint() : 0;
            return () -> {
                Object src = in.data();
                Object dst = out.data();
                ShapeSupport.fill(dst, 0, out.flatSize(), pad, 0f);
                for (int ob = 0; ob < b * bh * bw; ob++) {
                    int n = ob % b;
                    int sh = ob / b / bw;
                    int sw = ob / b % bw;
                    for (int y = 0; y < oh; y++) {
                        int iy = y * bh + sh - top;
                        if (iy < 0 || iy >= h) {
                            continue;
                        }
                        for (int x = 0; x < ow; x++) {
                            int ix = x * bw + sw - left;
                            if (ix >= 0 && ix < w) {
                                System.arraycopy(src, ((n * h + iy) * w + ix) * c, dst, ((ob * oh + y) * ow + x) * c, c);
                            }
                        }
                    }
                }
            };
        }
        if (b % (bh * bw) != 0) {
            throw new KernelException(op + ": batch " + b + " not divisible by the block size");
        }
        int ob = b / (bh * bw);
        int oh = h * bh - top - after0;
        int ow = w * bw - left - after1;
        if (oh < 0 || ow < 0) {
            throw new KernelException(op + ": crops larger than the output");
        }
        out.resize(spatial == 2 ? new int[] {ob, oh, ow, c} : new int[] {ob, oh, c});
        return () -> {
            Object src = in.data();
            Object dst = out.data();
            for (int ib = 0; ib < b; ib++) {
                int n = ib % ob;
                int sh = ib / ob / bw;
                int sw = ib / ob % bw;
                for (int y = 0; y < h; y++) {
                    int oy = y * bh + sh - top;
                    if (oy < 0 || oy >= oh) {
                        continue;
                    }
                    for (int x = 0; x < w; x++) {
                        int ox = x * bw + sw - left;
                        if (ox >= 0 && ox < ow) {
                            System.arraycopy(src, ((ib * h + y) * w + x) * c, dst, ((n * oh + oy) * ow + ox) * c, c);
                        }
                    }
                }
            }
        };
    }
}
