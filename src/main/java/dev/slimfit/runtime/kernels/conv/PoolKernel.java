package dev.slimfit.runtime.kernels.conv;

import dev.slimfit.model.TensorType;
import dev.slimfit.runtime.Kernel;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.PreparedOp;
import dev.slimfit.runtime.RuntimeTensor;

/**
 * AVERAGE_POOL_2D, MAX_POOL_2D and L2_POOL_2D as TFLite 2.6.2 computes them (pooling.cc). The
 * window is clipped to the input, so padding taps do not count: an average divides by the number
 * of in-bounds taps. Quantized pools work on codes without rescaling (input and output share
 * quantization); the integer average rounds half away from zero ({@code (s ± n/2) / n}, which for
 * the always non-negative uint8 sums is the optimized kernel's {@code (s + n/2) / n}). L2 is float
 * only, {@code sqrt(sum x^2 / n)}. Fused activations clamp to the output's activation range.
 *
 * <p>Each output pixel accumulates tap by tap over all channels at once (TFLite's per-channel
 * order), so the inner loop runs over contiguous channels.
 */
public final class PoolKernel implements Kernel {
    /** Which pool. */
    public enum Mode { AVERAGE, MAX, L2 }

    private final Mode mode;

    public PoolKernel(Mode mode) {
        this.mode = mode;
    }

    @Override
    public PreparedOp prepare(OpContext ctx) throws KernelException {
        RuntimeTensor in = ctx.requireInput(0);
        RuntimeTensor out = ctx.output(0);
        ConvSupport.checkRank(in, "input", 4);
        var o = ctx.options();
        if (o == null) {
            throw new KernelException(mode + " pool: missing Pool2DOptions");
        }
        int fh = ConvSupport.positive(o.getInt("filterHeight", 0), "filter_height");
        int fw = ConvSupport.positive(o.getInt("filterWidth", 0), "filter_width");
        Window w = Window.of(o, in.dim(0), in.dim(1), in.dim(2), fh, fw, false);
        int ch = in.dim(3);
        out.resize(new int[] {w.batches(), w.outH(), w.outW(), ch});
        int act = o.getInt("fusedActivationFunction", 0);
        TensorType t = in.type();
        ConvSupport.checkType(out, "output", t);
        if (t == TensorType.FLOAT32) {
            float[] clamp = ConvSupport.floatActivation(act);
            float[] acc = new float[ch];
            return () -> floatPool(in.floats(), out.floats(), w, ch, acc, clamp[0], clamp[1]);
        }
        if (mode == Mode.L2) {
            throw new KernelException("L2_POOL_2D: only float32 is supported by TFLite 2.6.2, got " + t);
        }
        if (t != TensorType.UINT8 && t != TensorType.INT8 && t != TensorType.INT16) {
            throw new KernelException(mode + " pool: unsupported type " + t);
        }
        int[] clamp = ConvSupport.quantizedActivation(act, out);
        int[] xi = new int[in.flatSize()];
        int[] acc = new int[ch];
        return () -> {
            ConvSupport.widen(in, 0, xi, xi.length);
            intPool(xi, out, w, ch, acc, clamp[0], clamp[1]);
        };
    }

    private void floatPool(float[] x, float[] y, Window w, int ch, float[] acc, float lo, float hi) {
        for (int b = 0; b < w.batches(); b++) {
            for (int oy = 0; oy < w.outH(); oy++) {
                int y0 = oy * w.strideH() - w.padH();
                int fy0 = Math.max(0, -y0);
                int fy1 = Math.min(w.filterH(), w.inH() - y0);
                for (int ox = 0; ox < w.outW(); ox++) {
                    int x0 = ox * w.strideW() - w.padW();
                    int fx0 = Math.max(0, -x0);
                    int fx1 = Math.min(w.filterW(), w.inW() - x0);
                    java.util.Arrays.fill(acc, mode == Mode.MAX ? Float.NEGATIVE_INFINITY : 0f);
                    for (int fy = fy0; fy < fy1; fy++) {
                        for (int fx = fx0; fx < fx1; fx++) {
                            int xo = ((b * w.inH() + y0 + fy) * w.inW() + x0 + fx) * ch;
                            switch (mode) {
                                case MAX -> {
                                    for (int c = 0; c < ch; c++) {
                                        acc[c] = Math.max(acc[c], x[xo + c]);
                                    }
                                }
                                case AVERAGE -> {
                                    for (int c = 0; c < ch; c++) {
                                        acc[c] += x[xo + c];
                                    }
                                }
                                case L2 -> {
                                    for (int c = 0; c < ch; c++) {
                                        acc[c] += x[xo + c] * x[xo + c];
                                    }
                                }
                            }
                        }
                    }
                    float count = (float) ((fy1 - fy0) * (fx1 - fx0));
                    int yo = ((b * w.outH() + oy) * w.outW() + ox) * ch;
                    for (int c = 0; c < ch; c++) {
                        float v = switch (mode) {
                            case MAX -> acc[c];
                            case AVERAGE -> acc[c] / count;
                            case L2 -> (float) Math.sqrt(acc[c] / count);
                        };
                        y[yo + c] = Math.min(Math.max(v, lo), hi);
                    }
                }
            }
        }
    }

    private void intPool(int[] x, RuntimeTensor out, Window w, int ch, int[] acc, int lo, int hi) {
        boolean max = mode == Mode.MAX;
        for (int b = 0; b < w.batches(); b++) {
            for (int oy = 0; oy < w.outH(); oy++) {
                int y0 = oy * w.strideH() - w.padH();
                int fy0 = Math.max(0, -y0);
                int fy1 = Math.min(w.filterH(), w.inH() - y0);
                for (int ox = 0; ox < w.outW(); ox++) {
                    int x0 = ox * w.strideW() - w.padW();
                    int fx0 = Math.max(0, -x0);
                    int fx1 = Math.min(w.filterW(), w.inW() - x0);
                    java.util.Arrays.fill(acc, max ? Integer.MIN_VALUE : 0);
                    for (int fy = fy0; fy < fy1; fy++) {
                        for (int fx = fx0; fx < fx1; fx++) {
                            int xo = ((b * w.inH() + y0 + fy) * w.inW() + x0 + fx) * ch;
                            if (max) {
                                for (int c = 0; c < ch; c++) {
                                    acc[c] = Math.max(acc[c], x[xo + c]);
                                }
                            } else {
                                for (int c = 0; c < ch; c++) {
                                    acc[c] += x[xo + c];
                                }
                            }
                        }
                    }
                    int n = (fy1 - fy0) * (fx1 - fx0);
                    int yo = ((b * w.outH() + oy) * w.outW() + ox) * ch;
                    for (int c = 0; c < ch; c++) {
                        int v = acc[c];
                        if (!max) {
                            v = v > 0 ? (v + n / 2) / n : (v - n / 2) / n;
                        }
                        ConvSupport.store(out, yo + c, Math.min(Math.max(v, lo), hi));
                    }
                }
            }
        }
    }
}
