package dev.slimfit.runtime.kernels.conv;

import dev.slimfit.model.TensorType;
import dev.slimfit.quant.QuantizedMath;
import dev.slimfit.runtime.Kernel;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.PreparedOp;
import dev.slimfit.runtime.RuntimeTensor;

/**
 * TRANSPOSE_CONV as TFLite 2.6.2 computes it (transpose_conv.cc): inputs are the output shape
 * (int32[4]), the OHWI filter, the NHWC input and (v3) an optional bias; no fused activation. When
 * the output shape is not a constant, TFLite makes the output dynamic and resizes it in eval from
 * the shape's values; so do we (the runtime then re-prepares the nodes after this one). 2.6.2
 * never checks such a runtime shape against the input (a wrong one makes it read out of bounds);
 * we reject it in eval instead. The padding is the one a forward conv from the output size would use. Every input
 * pixel scatters its products into the taps it reaches; for one output element contributions
 * arrive in input-pixel then input-channel order, as in TFLite's reference loop. float32; uint8
 * (legacy multiplier, filter zero point); int8 per-channel; 16x8 with int64 accumulation.
 */
public final class TransposeConvKernel implements Kernel {
    @Override
    public PreparedOp prepare(OpContext ctx) throws KernelException {
        RuntimeTensor shapeT = ctx.requireInput(0);
        RuntimeTensor filter = ctx.requireInput(1);
        RuntimeTensor in = ctx.requireInput(2);
        RuntimeTensor bias = ctx.input(3);
        RuntimeTensor out = ctx.output(0);
        ConvSupport.checkType(shapeT, "output_shape", TensorType.INT32);
        if (shapeT.flatSize() != 4) {
            throw new KernelException("TRANSPOSE_CONV: output_shape must be an int32[4]");
        }
        ConvSupport.checkRank(in, "input", 4);
        ConvSupport.checkRank(filter, "filter", 4);
        int inC = in.dim(3);
        int outC = filter.dim(0);
        if (filter.dim(3) != inC) {
            throw new KernelException("TRANSPOSE_CONV: filter " + filter + " does not match input " + in);
        }
        boolean dynamic = !shapeT.isConstant();
        // A runtime shape has no values yet: the geometry is planned in eval from them.
        Geometry g0 = dynamic ? null : Geometry.of(ctx, shapeT.ints().clone(), in, filter, true);
        if (!dynamic) {
            out.resize(g0.shape);
        }
        Geometry[] cur = {null};
        int taps = filter.dim(1) * filter.dim(2);
        TensorType it = in.type();
        TensorType ft = filter.type();
        if (it == TensorType.FLOAT32 && ft == TensorType.FLOAT32) {
            ConvSupport.checkType(out, "output", TensorType.FLOAT32);
            float[] wt = tapMajor(filter.floats(), outC, taps, inC);
            float[] b = bias == null ? null : ConvSupport.floatBias(bias, outC);
            return () -> {
                Geometry g = dynamic ? Geometry.follow(ctx, cur, shapeT, in, filter, out) : g0;
                Window fwd = g.fwd;
                int outSize = g.size;
                float[] y = out.floats();
                java.util.Arrays.fill(y, 0, outSize, 0f);
                scatterFloat(in.floats(), wt, y, fwd, in.dim(1), in.dim(2), inC, outC);
                if (b != null) {
                    for (int i = 0; i < outSize; i++) {
                        y[i] += b[i % outC];
                    }
                }
            };
        }
        boolean ok = it == TensorType.UINT8 && ft == TensorType.UINT8 || it == TensorType.INT8 && ft == TensorType.INT8
                || it == TensorType.INT16 && ft == TensorType.INT8;
        if (!ok) {
            throw new KernelException("TRANSPOSE_CONV: unsupported input/filter types " + it + "/" + ft);
        }
        ConvSupport.checkType(out, "output", it);
        boolean legacy = it == TensorType.UINT8;
        int[][] m = legacy ? ConvSupport.legacyMultipliers(in, filter, bias, out, outC)
                : ConvSupport.perChannelMultipliers(in, filter, out, outC);
        long[] b = ConvSupport.integerBias(bias, outC, it == TensorType.INT16 ? TensorType.INT64 : TensorType.INT32);
        int[] flat = new int[filter.flatSize()];
        ConvSupport.widen(filter, legacy ? -filter.zeroPoint() : 0, flat, flat.length);
        int[] wt = new int[flat.length];
        for (int oc = 0; oc < outC; oc++) {
            for (int t = 0; t < taps; t++) {
                for (int ic = 0; ic < inC; ic++) {
                    wt[(t * inC + ic) * outC + oc] = flat[(oc * taps + t) * inC + ic];
                }
            }
        }
        int[] xi = new int[in.flatSize()];
        int inOffset = -in.zeroPoint();
        int outOffset = out.zeroPoint();
        int[] clamp = ConvSupport.quantizedActivation(0, out);
        boolean wide = it == TensorType.INT16;
        return () -> {
            Geometry g = dynamic ? Geometry.follow(ctx, cur, shapeT, in, filter, out) : g0;
            Window fwd = g.fwd;
            int outSize = g.size;
            long[] acc = g.acc;
            ConvSupport.widen(in, inOffset, xi, xi.length);
            java.util.Arrays.fill(acc, 0L);
            scatterLong(xi, wt, acc, fwd, in.dim(1), in.dim(2), inC, outC);
            for (int i = 0; i < outSize; i++) {
                int c = i % outC;
                int v = wide ? QuantizedMath.multiplyByQuantizedMultiplier(acc[i] + b[c], m[0][c], m[1][c])
                        : QuantizedMath.multiplyByQuantizedMultiplier((int) acc[i] + (int) b[c], m[0][c], m[1][c]);
                ConvSupport.store(out, i, Math.min(Math.max(v + outOffset, clamp[0]), clamp[1]));
            }
        };
    }

    /** What depends on the output shape: the forward window that defines the padding, and the accumulator. */
    private static final class Geometry {
        final int[] shape;
        final Window fwd;
        final int size;
        final long[] acc;

        private Geometry(int[] shape, Window fwd, int size, boolean integer) {
            this.shape = shape;
            this.fwd = fwd;
            this.size = size;
            this.acc = integer ? new long[size] : null;
        }

        static Geometry of(OpContext ctx, int[] os, RuntimeTensor in, RuntimeTensor filter, boolean check)
                throws KernelException {
            if (os.length != 4 || check && (os[3] != filter.dim(0) || os[0] != in.dim(0))) {
                throw new KernelException("TRANSPOSE_CONV: shapes do not agree: input " + in + ", filter " + filter
                        + ", output " + java.util.Arrays.toString(os));
            }
            int size = 1;
            for (int d : os) {
                size *= Math.max(0, d);
            }
            // The forward conv from the output back to the input defines the padding.
            Window fwd = Window.of(ctx.options(), os[0], os[1], os[2], filter.dim(1), filter.dim(2), false);
            return new Geometry(os, fwd, size, in.type() != TensorType.FLOAT32);
        }

        /**
         * The geometry for the current values of a runtime output_shape: rebuilt (and the output
         * resized) only when they changed, so a steady shape allocates nothing. The new shape must
         * be one whose forward conv gives back the input's size.
         */
        static Geometry follow(OpContext ctx, Geometry[] cur, RuntimeTensor shapeT, RuntimeTensor in,
                               RuntimeTensor filter, RuntimeTensor out) throws KernelException {
            int[] v = shapeT.ints();
            Geometry g = cur[0];
            if (g != null && v[0] == g.shape[0] && v[1] == g.shape[1] && v[2] == g.shape[2] && v[3] == g.shape[3]
                    && java.util.Arrays.equals(out.shape(), g.shape)) {
                return g;
            }
            int[] os = {v[0], v[1], v[2], v[3]};
            for (int d : os) {
                if (d <= 0) {
                    throw new KernelException("TRANSPOSE_CONV: output_shape " + java.util.Arrays.toString(os)
                            + " has a non-positive dimension");
                }
            }
            g = of(ctx, os, in, filter, true);
            if (g.fwd.outH() != in.dim(1) || g.fwd.outW() != in.dim(2)) {
                throw new KernelException("TRANSPOSE_CONV: output_shape " + java.util.Arrays.toString(os)
                        + " does not map back to input " + in + " (TFLite 2.6.2 would read out of bounds)");
            }
            out.resize(os);
            cur[0] = g;
            return g;
        }
    }

    /** OHWI filter values reordered as [tap][input channel][output channel], the scatter's inner order. */
    static float[] tapMajor(float[] f, int outC, int taps, int inC) {
        float[] wt = new float[taps * inC * outC];
        for (int oc = 0; oc < outC; oc++) {
            for (int t = 0; t < taps; t++) {
                for (int ic = 0; ic < inC; ic++) {
                    wt[(t * inC + ic) * outC + oc] = f[(oc * taps + t) * inC + ic];
                }
            }
        }
        return wt;
    }

    /**
     * Adds every input pixel's products into the output taps it reaches ({@code w} is the forward
     * conv from the output back to the input); one output element receives its terms in
     * input-pixel then input-channel order.
     */
    static void scatterFloat(float[] x, float[] wt, float[] y, Window w, int inH, int inW, int inC, int outC) {
        for (int b = 0; b < w.batches(); b++) {
            for (int iy = 0; iy < inH; iy++) {
                for (int ix = 0; ix < inW; ix++) {
                    int xo = ((b * inH + iy) * inW + ix) * inC;
                    for (int fy = 0; fy < w.filterH(); fy++) {
                        int oy = iy * w.strideH() - w.padH() + fy;
                        if (oy < 0 || oy >= w.inH()) {
                            continue;
                        }
                        for (int fx = 0; fx < w.filterW(); fx++) {
                            int ox = ix * w.strideW() - w.padW() + fx;
                            if (ox < 0 || ox >= w.inW()) {
                                continue;
                            }
                            int yo = ((b * w.inH() + oy) * w.inW() + ox) * outC;
                            int wb = (fy * w.filterW() + fx) * inC * outC;
                            for (int ic = 0; ic < inC; ic++) {
                                float xv = x[xo + ic];
                                int wo = wb + ic * outC;
                                for (int oc = 0; oc < outC; oc++) {
                                    y[yo + oc] += xv * wt[wo + oc];
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private static void scatterLong(int[] x, int[] wt, long[] y, Window w, int inH, int inW, int inC, int outC) {
        for (int b = 0; b < w.batches(); b++) {
            for (int iy = 0; iy < inH; iy++) {
                for (int ix = 0; ix < inW; ix++) {
                    int xo = ((b * inH + iy) * inW + ix) * inC;
                    for (int fy = 0; fy < w.filterH(); fy++) {
                        int oy = iy * w.strideH() - w.padH() + fy;
                        if (oy < 0 || oy >= w.inH()) {
                            continue;
                        }
                        for (int fx = 0; fx < w.filterW(); fx++) {
                            int ox = ix * w.strideW() - w.padW() + fx;
                            if (ox < 0 || ox >= w.inW()) {
                                continue;
                            }
                            int yo = ((b * w.inH() + oy) * w.inW() + ox) * outC;
                            int wb = (fy * w.filterW() + fx) * inC * outC;
                            for (int ic = 0; ic < inC; ic++) {
                                long xv = x[xo + ic];
                                int wo = wb + ic * outC;
                                for (int oc = 0; oc < outC; oc++) {
                                    y[yo + oc] += xv * wt[wo + oc];
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
