package dev.slimfit.runtime.kernels.conv;

import dev.slimfit.quant.QuantizedMath;
import dev.slimfit.runtime.RuntimeTensor;

/**
 * The per-row loops of {@link DepthwiseConv2DKernel}: per-pixel accumulation (any stride or
 * multiplier), the row-vectorized path for unit horizontal stride, and the integer variants.
 * Every loop visits taps in TFLite's (fy, fx) order and skips taps outside the input.
 */
final class DepthwiseLoops {
    private DepthwiseLoops() {
    }

    /** Largest expanded filter (floats) the row path may use. */
    static final int MAX_ROW_FILTER = 1 << 22;

    /**
     * For unit horizontal stride and multiplier 1: the filter repeated along an output row,
     * {@code [tap][ox * channels + c]}, so one tap's contribution to a whole row is a single
     * contiguous multiply-add over {@code outW * channels} elements (long vectorizable loops even
     * when there are few channels). Null when the geometry does not allow it.
     */
    static float[] rowFilter(float[] f, Window w, int outC, int mult) {
        long size = (long) w.filterH() * w.filterW() * w.outW() * outC;
        if (mult != 1 || w.strideW() != 1 || size > MAX_ROW_FILTER) {
            return null;
        }
        int rowLen = w.outW() * outC;
        float[] e = new float[(int) size];
        for (int t = 0; t < w.filterH() * w.filterW(); t++) {
            for (int ox = 0; ox < w.outW(); ox++) {
                System.arraycopy(f, t * outC, e, t * rowLen + ox * outC, outC);
            }
        }
        return e;
    }

    /**
     * Accumulates one output row tap by tap in (fy, fx) order, each tap over the columns where it
     * lands inside the input: per output element the same terms in the same order as TFLite's loop.
     */
    static void accumulateRow(float[] x, float[] fexp, float[] a, Window w, int row, int ch) {
        accumulateRow(x, fexp, a, w, row, ch, null);
    }

    /**
     * As {@link #accumulateRow(float[], float[], float[], Window, int, int)}, every accumulator
     * starting from {@code init[c]} (null: 0). TFLite's optimized float depthwise initializes its
     * accumulators with the bias and adds the taps to it, which rounds differently from adding the
     * bias last.
     */
    static void accumulateRow(float[] x, float[] fexp, float[] a, Window w, int row, int ch, float[] init) {
        int oy = row % w.outH();
        int b = row / w.outH();
        int rowLen = w.outW() * ch;
        if (init == null) {
            java.util.Arrays.fill(a, 0, rowLen, 0f);
        } else {
            for (int i = 0; i < rowLen; i += ch) {
                System.arraycopy(init, 0, a, i, ch);
            }
        }
        for (int fy = 0; fy < w.filterH(); fy++) {
            int iy = oy * w.strideH() - w.padH() + fy * w.dilationH();
            if (iy < 0 || iy >= w.inH()) {
                continue;
            }
            for (int fx = 0; fx < w.filterW(); fx++) {
                int shift = fx * w.dilationW() - w.padW();
                int ox0 = Math.max(0, -shift);
                int ox1 = Math.min(w.outW(), w.inW() - shift);
                if (ox0 >= ox1) {
                    continue;
                }
                int xo = ((b * w.inH() + iy) * w.inW() + ox0 + shift) * ch;
                int fo = (fy * w.filterW() + fx) * rowLen + ox0 * ch;
                int ao = ox0 * ch;
                int len = (ox1 - ox0) * ch;
                for (int i = 0; i < len; i++) {
                    a[ao + i] += x[xo + i] * fexp[fo + i];
                }
            }
        }
    }

    static void floatRow(float[] x, float[] f, float[] bias, float[] y, Window w, int row, int inC, int mult,
                                 float[] a, float lo, float hi) {
        int outC = inC * mult;
        int oy = row % w.outH();
        int b = row / w.outH();
        for (int ox = 0; ox < w.outW(); ox++) {
            // Bias first, then the taps: TFLite's optimized float accumulation order.
            System.arraycopy(bias, 0, a, 0, outC);
            for (int fy = 0; fy < w.filterH(); fy++) {
                int iy = oy * w.strideH() - w.padH() + fy * w.dilationH();
                if (iy < 0 || iy >= w.inH()) {
                    continue;
                }
                for (int fx = 0; fx < w.filterW(); fx++) {
                    int ix = ox * w.strideW() - w.padW() + fx * w.dilationW();
                    if (ix < 0 || ix >= w.inW()) {
                        continue;
                    }
                    int xo = ((b * w.inH() + iy) * w.inW() + ix) * inC;
                    int fo = (fy * w.filterW() + fx) * outC;
                    if (mult == 1) {
                        for (int c = 0; c < outC; c++) {
                            a[c] += x[xo + c] * f[fo + c];
                        }
                    } else {
                        for (int ic = 0; ic < inC; ic++) {
                            float xv = x[xo + ic];
                            int oc0 = ic * mult;
                            for (int m = 0; m < mult; m++) {
                                a[oc0 + m] += xv * f[fo + oc0 + m];
                            }
                        }
                    }
                }
            }
            int yo = (row * w.outW() + ox) * outC;
            for (int c = 0; c < outC; c++) {
                y[yo + c] = Math.min(Math.max(a[c], lo), hi);
            }
        }
    }

    static void intRow(int[] x, int[] f, int[] bias, int[][] m, byte[] y, Window w, int row, int inC,
                               int mult, int[] a, int outOffset, int[] clamp) {
        int outC = inC * mult;
        int oy = row % w.outH();
        int b = row / w.outH();
        int[] qm = m[0];
        int[] qs = m[1];
        for (int ox = 0; ox < w.outW(); ox++) {
            System.arraycopy(bias, 0, a, 0, outC);
            for (int fy = 0; fy < w.filterH(); fy++) {
                int iy = oy * w.strideH() - w.padH() + fy * w.dilationH();
                if (iy < 0 || iy >= w.inH()) {
                    continue;
                }
                for (int fx = 0; fx < w.filterW(); fx++) {
                    int ix = ox * w.strideW() - w.padW() + fx * w.dilationW();
                    if (ix < 0 || ix >= w.inW()) {
                        continue;
                    }
                    int xo = ((b * w.inH() + iy) * w.inW() + ix) * inC;
                    int fo = (fy * w.filterW() + fx) * outC;
                    if (mult == 1) {
                        for (int c = 0; c < outC; c++) {
                            a[c] += x[xo + c] * f[fo + c];
                        }
                    } else {
                        for (int ic = 0; ic < inC; ic++) {
                            int xv = x[xo + ic];
                            int oc0 = ic * mult;
                            for (int k = 0; k < mult; k++) {
                                a[oc0 + k] += xv * f[fo + oc0 + k];
                            }
                        }
                    }
                }
            }
            int yo = (row * w.outW() + ox) * outC;
            int lo = clamp[0];
            int hi = clamp[1];
            for (int c = 0; c < outC; c++) {
                int v = QuantizedMath.multiplyByQuantizedMultiplier(a[c], qm[c], qs[c]) + outOffset;
                y[yo + c] = (byte) Math.min(Math.max(v, lo), hi);
            }
        }
    }

    /** {@link #intRow} with exact float accumulation of the offset-corrected 8-bit products. */
    static void exactFloatRow(float[] x, float[] f, int[] bias, int[][] m, byte[] y, Window w, int row,
                                      int inC, int mult, float[] a, int outOffset, int[] clamp) {
        int outC = inC * mult;
        int oy = row % w.outH();
        int b = row / w.outH();
        int[] qm = m[0];
        int[] qs = m[1];
        int lo = clamp[0];
        int hi = clamp[1];
        for (int ox = 0; ox < w.outW(); ox++) {
            java.util.Arrays.fill(a, 0f);
            for (int fy = 0; fy < w.filterH(); fy++) {
                int iy = oy * w.strideH() - w.padH() + fy * w.dilationH();
                if (iy < 0 || iy >= w.inH()) {
                    continue;
                }
                for (int fx = 0; fx < w.filterW(); fx++) {
                    int ix = ox * w.strideW() - w.padW() + fx * w.dilationW();
                    if (ix < 0 || ix >= w.inW()) {
                        continue;
                    }
                    int xo = ((b * w.inH() + iy) * w.inW() + ix) * inC;
                    int fo = (fy * w.filterW() + fx) * outC;
                    if (mult == 1) {
                        for (int c = 0; c < outC; c++) {
                            a[c] += x[xo + c] * f[fo + c];
                        }
                    } else {
                        for (int ic = 0; ic < inC; ic++) {
                            float xv = x[xo + ic];
                            int oc0 = ic * mult;
                            for (int k = 0; k < mult; k++) {
                                a[oc0 + k] += xv * f[fo + oc0 + k];
                            }
                        }
                    }
                }
            }
            int yo = (row * w.outW() + ox) * outC;
            for (int c = 0; c < outC; c++) {
                int v = QuantizedMath.multiplyByQuantizedMultiplier((int) a[c] + bias[c], qm[c], qs[c]) + outOffset;
                y[yo + c] = (byte) Math.min(Math.max(v, lo), hi);
            }
        }
    }

    static void longRow(int[] x, int[] f, long[] bias, int[][] m, RuntimeTensor out, Window w, int row,
                                int inC, int mult, long[] a, int outOffset, int[] clamp) {
        short[] y = out.shorts();
        int outC = inC * mult;
        int oy = row % w.outH();
        int b = row / w.outH();
        for (int ox = 0; ox < w.outW(); ox++) {
            java.util.Arrays.fill(a, 0L);
            for (int fy = 0; fy < w.filterH(); fy++) {
                int iy = oy * w.strideH() - w.padH() + fy * w.dilationH();
                if (iy < 0 || iy >= w.inH()) {
                    continue;
                }
                for (int fx = 0; fx < w.filterW(); fx++) {
                    int ix = ox * w.strideW() - w.padW() + fx * w.dilationW();
                    if (ix < 0 || ix >= w.inW()) {
                        continue;
                    }
                    int xo = ((b * w.inH() + iy) * w.inW() + ix) * inC;
                    int fo = (fy * w.filterW() + fx) * outC;
                    for (int oc = 0; oc < outC; oc++) {
                        a[oc] += (long) x[xo + oc / mult] * f[fo + oc];
                    }
                }
            }
            int yo = (row * w.outW() + ox) * outC;
            for (int c = 0; c < outC; c++) {
                int v = QuantizedMath.multiplyByQuantizedMultiplier(a[c] + bias[c], m[0][c], m[1][c]) + outOffset;
                y[yo + c] = (short) Math.min(Math.max(v, clamp[0]), clamp[1]);
            }
        }
    }
}
