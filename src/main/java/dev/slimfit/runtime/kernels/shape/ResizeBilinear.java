package dev.slimfit.runtime.kernels.shape;

import dev.slimfit.model.TensorType;
import dev.slimfit.runtime.Kernel;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.PreparedOp;
import dev.slimfit.runtime.RuntimeTensor;

/**
 * RESIZE_BILINEAR as TFLite 2.6.2's resize_bilinear.cc (NHWC, size from an int32 {@code [2]}
 * tensor). Float follows {@code reference_ops::ResizeBilinear}; uint8 follows the optimized
 * kernel 2.6.2 registers by default ({@code ResizeBilinearGenericSmallChannel}: float weights, the
 * four taps summed in order plus a 0.5 rounding offset, then truncated); int8 and int16 follow
 * {@code ResizeBilinearInteger}, which works in 10-bit fixed point and rounds the 20-bit product
 * half away from zero. Source coordinates come from {@code ComputeInterpolationValues} with the
 * align_corners / half_pixel_centers scales. Resize ops keep the raw quantized values (no requant).
 */
public final class ResizeBilinear implements Kernel {
    @Override
    public PreparedOp prepare(OpContext ctx) throws KernelException {
        RuntimeTensor in = ctx.requireInput(0);
        RuntimeTensor size = ctx.requireInput(1);
        RuntimeTensor out = ctx.output(0);
        TensorType type = ctx.expectType(in, TensorType.FLOAT32, TensorType.UINT8, TensorType.INT8,
                TensorType.INT16);
        ShapeSupport.sameType("RESIZE_BILINEAR", in, out);
        ctx.expectType(size, TensorType.INT32);
        if (in.rank() != 4 || size.flatSize() != 2) {
            throw new KernelException("RESIZE_BILINEAR: needs a 4-D input and a 2-element size, got " + in + ", " + size);
        }
        boolean align = ctx.options() != null && ctx.options().getBool("alignCorners", false);
        boolean half = ctx.options() != null && ctx.options().getBool("halfPixelCenters", false);
        if (align && half) {
            throw new KernelException("RESIZE_BILINEAR: align_corners and half_pixel_centers cannot both be set");
        }
        if (size.isConstant()) {
            int oh = size.ints()[0];
            int ow = size.ints()[1];
            out.resize(new int[] {in.dim(0), oh, ow, in.dim(3)});
            return () -> run(type, in, out, oh, ow, align, half);
        }
        return () -> {
            int oh = size.ints()[0];
            int ow = size.ints()[1];
            out.resize(new int[] {in.dim(0), oh, ow, in.dim(3)});
            run(type, in, out, oh, ow, align, half);
        };
    }

    private static void run(TensorType type, RuntimeTensor in, RuntimeTensor out, int oh, int ow, boolean align,
                            boolean half) {
        int b = in.dim(0);
        int ih = in.dim(1);
        int iw = in.dim(2);
        int depth = in.dim(3);
        if (type == TensorType.INT8 || type == TensorType.INT16) {
            integer(in, out, b, ih, iw, depth, oh, ow, align, half);
            return;
        }
        float hs = align && oh > 1 ? (float) (ih - 1) / (oh - 1) : (float) ih / oh;
        float ws = align && ow > 1 ? (float) (iw - 1) / (ow - 1) : (float) iw / ow;
        boolean u8 = type == TensorType.UINT8;
        float[] xf = u8 ? null : in.floats();
        float[] yf = u8 ? null : out.floats();
        byte[] xb = u8 ? in.bytes() : null;
        byte[] yb = u8 ? out.bytes() : null;
        int o = 0;
        for (int n = 0; n < b; n++) {
            for (int y = 0; y < oh; y++) {
                float sy = half ? (y + 0.5f) * hs - 0.5f : y * hs;
                int y0 = Math.max((int) Math.floor(sy), 0);
                int y1 = Math.min((int) Math.ceil(sy), ih - 1);
                float dy = sy - y0;
                for (int x = 0; x < ow; x++) {
                    float sx = half ? (x + 0.5f) * ws - 0.5f : x * ws;
                    int x0 = Math.max((int) Math.floor(sx), 0);
                    int x1 = Math.min((int) Math.ceil(sx), iw - 1);
                    float dx = sx - x0;
                    int p00 = ((n * ih + y0) * iw + x0) * depth;
                    int p01 = ((n * ih + y0) * iw + x1) * depth;
                    int p10 = ((n * ih + y1) * iw + x0) * depth;
                    int p11 = ((n * ih + y1) * iw + x1) * depth;
                    if (u8) {
                        float s0 = (1 - dy) * (1 - dx);
                        float s1 = (1 - dy) * dx;
                        float s2 = dy * (1 - dx);
                        float s3 = dy * dx;
                        for (int c = 0; c < depth; c++) {
                            float v = (xb[p00 + c] & 0xFF) * s0 + (xb[p01 + c] & 0xFF) * s1
                                    + (xb[p10 + c] & 0xFF) * s2 + (xb[p11 + c] & 0xFF) * s3 + 0.5f;
                            yb[o++] = (byte) (int) v;
                        }
                    } else {
                        for (int c = 0; c < depth; c++) {
                            yf[o++] = xf[p00 + c] * (1 - dy) * (1 - dx) + xf[p10 + c] * dy * (1 - dx)
                                    + xf[p01 + c] * (1 - dy) * dx + xf[p11 + c] * dy * dx;
                        }
                    }
                }
            }
        }
    }

    private static void integer(RuntimeTensor in, RuntimeTensor out, int b, int ih, int iw, int depth, int oh, int ow,
                                boolean align, boolean half) {
        int hs = align && oh > 1 ? ((1 << 10) * (ih - 1) + (oh - 1) / 2) / (oh - 1) : ((1 << 10) * ih + oh / 2) / oh;
        int ws = align && ow > 1 ? ((1 << 10) * (iw - 1) + (ow - 1) / 2) / (ow - 1) : ((1 << 10) * iw + ow / 2) / ow;
        boolean i8 = in.type() == TensorType.INT8;
        byte[] xb = i8 ? in.bytes() : null;
        byte[] yb = i8 ? out.bytes() : null;
        short[] xs = i8 ? null : in.shorts();
        short[] ys = i8 ? null : out.shorts();
        int o = 0;
        for (int n = 0; n < b; n++) {
            for (int y = 0; y < oh; y++) {
                int sy = half ? y * hs + hs / 2 - (1 << 9) : y * hs;
                int y0 = Math.max(sy / (1 << 10), 0);
                int y1 = Math.min((sy + (1 << 10) - 1) / (1 << 10), ih - 1);
                long wy1 = sy - (1 << 10) * y0;
                long wy0 = (1 << 10) - wy1;
                for (int x = 0; x < ow; x++) {
                    int sx = half ? x * ws + ws / 2 - (1 << 9) : x * ws;
                    int x0 = Math.max(sx / (1 << 10), 0);
                    int x1 = Math.min((sx + (1 << 10) - 1) / (1 << 10), iw - 1);
                    long wx1 = sx - (1 << 10) * x0;
                    long wx0 = (1 << 10) - wx1;
                    int p00 = ((n * ih + y0) * iw + x0) * depth;
                    int p01 = ((n * ih + y0) * iw + x1) * depth;
                    int p10 = ((n * ih + y1) * iw + x0) * depth;
                    int p11 = ((n * ih + y1) * iw + x1) * depth;
                    for (int c = 0; c < depth; c++) {
                        long v00 = i8 ? xb[p00 + c] : xs[p00 + c];
                        long v10 = i8 ? xb[p10 + c] : xs[p10 + c];
                        long v01 = i8 ? xb[p01 + c] : xs[p01 + c];
                        long v11 = i8 ? xb[p11 + c] : xs[p11 + c];
                        long s = v00 * wy0 * wx0 + v10 * wy1 * wx0 + v01 * wy0 * wx1 + v11 * wy1 * wx1;
                        long r = (s + (s > 0 ? (1 << 19) : -(1 << 19))) / (1 << 20);
                        if (i8) {
                            yb[o++] = (byte) r;
                        } else {
                            ys[o++] = (short) r;
                        }
                    }
                }
            }
        }
    }
}
