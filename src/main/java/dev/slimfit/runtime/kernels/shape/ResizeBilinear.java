package dev.slimfit.runtime.kernels.shape;

import dev.slimfit.model.TensorType;
import dev.slimfit.runtime.Kernel;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.Parallel;
import dev.slimfit.runtime.PreparedOp;
import dev.slimfit.runtime.RuntimeTensor;

/**
 * RESIZE_BILINEAR as TFLite 2.6.2's resize_bilinear.cc (NHWC, size from an int32 {@code [2]}
 * tensor). Float follows {@code reference_ops::ResizeBilinear}; uint8 follows the optimized
 * kernel 2.6.2 registers by default ({@code ResizeBilinearGenericSmallChannel}: float weights, the
 * four taps summed in order plus a 0.5 rounding offset, then truncated); int8 and int16 follow
 * {@code ResizeBilinearInteger}, which works in 10-bit fixed point and rounds the 20-bit product
 * half away from zero. Source coordinates come from {@code ComputeInterpolationValues} with the
 * align_corners / half_pixel_centers scales; they are computed once per output row and column and
 * output rows are split over the interpreter's threads. Raw quantized values are kept (no requant).
 */
public final class ResizeBilinear implements Kernel {
    @Override
    public PreparedOp prepare(OpContext ctx) throws KernelException {
        RuntimeTensor in = ctx.requireInput(0);
        RuntimeTensor size = ctx.requireInput(1);
        RuntimeTensor out = ctx.output(0);
        ctx.expectType(in, TensorType.FLOAT32, TensorType.UINT8, TensorType.INT8, TensorType.INT16);
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
        Parallel par = ctx.parallel();
        if (size.isConstant()) {
            Axes axes = new Axes(in, out, size.ints()[0], size.ints()[1], align, half);
            Parallel.RangeBody body = (from, to) -> axes.rows(from, to);
            int rows = in.dim(0) * axes.oh;
            int minChunk = Math.max(1, 16384 / Math.max(1, axes.ow * in.dim(3)));
            return () -> par.forRange(rows, minChunk, body);
        }
        return () -> {
            Axes axes = new Axes(in, out, size.ints()[0], size.ints()[1], align, half);
            axes.rows(0, in.dim(0) * axes.oh);
        };
    }

    /** Source rows/columns and weights for one output size (sizes the output too). */
    private static final class Axes {
        final RuntimeTensor in;
        final RuntimeTensor out;
        final int oh;
        final int ow;
        final int[] y0;
        final int[] y1;
        final int[] x0;
        final int[] x1;
        /** Float fractions (float/uint8) or 10-bit fixed-point fractions (int8/int16). */
        final float[] dy;
        final float[] dx;
        final int[] wy;
        final int[] wx;
        final boolean integer;

        Axes(RuntimeTensor in, RuntimeTensor out, int oh, int ow, boolean align, boolean half) {
            this.in = in;
            this.out = out;
            this.oh = oh;
            this.ow = ow;
            out.resize(new int[] {in.dim(0), oh, ow, in.dim(3)});
            int ih = in.dim(1);
            int iw = in.dim(2);
            integer = in.type() == TensorType.INT8 || in.type() == TensorType.INT16;
            y0 = new int[oh];
            y1 = new int[oh];
            x0 = new int[ow];
            x1 = new int[ow];
            dy = new float[oh];
            dx = new float[ow];
            wy = new int[oh];
            wx = new int[ow];
            if (integer) {
                fixed(ih, oh, align, half, y0, y1, wy);
                fixed(iw, ow, align, half, x0, x1, wx);
            } else {
                floating(ih, oh, align, half, y0, y1, dy);
                floating(iw, ow, align, half, x0, x1, dx);
            }
        }

        private static void floating(int in, int out, boolean align, boolean half, int[] lo, int[] hi, float[] d) {
            float scale = align && out > 1 ? (float) (in - 1) / (out - 1) : (float) in / out;
            for (int i = 0; i < out; i++) {
                float s = half ? (i + 0.5f) * scale - 0.5f : i * scale;
                lo[i] = Math.max((int) Math.floor(s), 0);
                hi[i] = Math.min((int) Math.ceil(s), in - 1);
                d[i] = s - lo[i];
            }
        }

        private static void fixed(int in, int out, boolean align, boolean half, int[] lo, int[] hi, int[] w) {
            int scale = align && out > 1 ? ((1 << 10) * (in - 1) + (out - 1) / 2) / (out - 1)
                    : ((1 << 10) * in + out / 2) / out;
            for (int i = 0; i < out; i++) {
                int s = half ? i * scale + scale / 2 - (1 << 9) : i * scale;
                lo[i] = Math.max(s / (1 << 10), 0);
                hi[i] = Math.min((s + (1 << 10) - 1) / (1 << 10), in - 1);
                w[i] = s - (1 << 10) * lo[i];
            }
        }

        /** Output rows {@code [from, to)} over batch × height. */
        void rows(int from, int to) {
            int ih = in.dim(1);
            int iw = in.dim(2);
            int depth = in.dim(3);
            TensorType t = in.type();
            for (int r = from; r < to; r++) {
                int n = r / oh;
                int y = r % oh;
                int row0 = (n * ih + y0[y]) * iw;
                int row1 = (n * ih + y1[y]) * iw;
                int o = r * ow * depth;
                if (t == TensorType.FLOAT32) {
                    floatRow(in.floats(), out.floats(), row0, row1, dy[y], depth, o);
                } else if (t == TensorType.UINT8) {
                    uint8Row(in.bytes(), out.bytes(), row0, row1, dy[y], depth, o);
                } else {
                    integerRow(row0, row1, wy[y], depth, o);
                }
            }
        }

        private void floatRow(float[] xf, float[] yf, int row0, int row1, float fy, int depth, int o) {
            for (int x = 0; x < ow; x++) {
                int p00 = (row0 + x0[x]) * depth;
                int p01 = (row0 + x1[x]) * depth;
                int p10 = (row1 + x0[x]) * depth;
                int p11 = (row1 + x1[x]) * depth;
                float fx = dx[x];
                for (int c = 0; c < depth; c++) {
                    yf[o++] = xf[p00 + c] * (1 - fy) * (1 - fx) + xf[p10 + c] * fy * (1 - fx)
                            + xf[p01 + c] * (1 - fy) * fx + xf[p11 + c] * fy * fx;
                }
            }
        }

        private void uint8Row(byte[] xb, byte[] yb, int row0, int row1, float fy, int depth, int o) {
            for (int x = 0; x < ow; x++) {
                int p00 = (row0 + x0[x]) * depth;
                int p01 = (row0 + x1[x]) * depth;
                int p10 = (row1 + x0[x]) * depth;
                int p11 = (row1 + x1[x]) * depth;
                float fx = dx[x];
                float s0 = (1 - fy) * (1 - fx);
                float s1 = (1 - fy) * fx;
                float s2 = fy * (1 - fx);
                float s3 = fy * fx;
                for (int c = 0; c < depth; c++) {
                    float v = (xb[p00 + c] & 0xFF) * s0 + (xb[p01 + c] & 0xFF) * s1
                            + (xb[p10 + c] & 0xFF) * s2 + (xb[p11 + c] & 0xFF) * s3 + 0.5f;
                    yb[o++] = (byte) (int) v;
                }
            }
        }

        private void integerRow(int row0, int row1, int wy1, int depth, int o) {
            boolean i8 = in.type() == TensorType.INT8;
            byte[] xb = i8 ? in.bytes() : null;
            byte[] yb = i8 ? out.bytes() : null;
            short[] xs = i8 ? null : in.shorts();
            short[] ys = i8 ? null : out.shorts();
            long wy0 = (1 << 10) - wy1;
            for (int x = 0; x < ow; x++) {
                int p00 = (row0 + x0[x]) * depth;
                int p01 = (row0 + x1[x]) * depth;
                int p10 = (row1 + x0[x]) * depth;
                int p11 = (row1 + x1[x]) * depth;
                long wx1 = wx[x];
                long wx0 = (1 << 10) - wx1;
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
