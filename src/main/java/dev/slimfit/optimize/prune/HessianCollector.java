package dev.slimfit.optimize.prune;

import dev.slimfit.model.BuiltinOp;
import dev.slimfit.model.OpOptions;
import dev.slimfit.model.Padding;
import dev.slimfit.model.TensorType;
import dev.slimfit.runtime.InvokeObserver;
import dev.slimfit.runtime.OpNode;
import dev.slimfit.runtime.RuntimeTensor;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Accumulates XᵀX of the inputs of chosen CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED nodes while
 * the float model runs on calibration samples: the statistics {@link LayerRepair} needs. Patch rows
 * follow the filter's reduction order (kh, kw, cin) so they line up with {@link WeightLayout}.
 */
public final class HessianCollector implements InvokeObserver {
    private final Set<Integer> nodes;
    private final Map<Integer, double[][][]> hessians = new HashMap<>();
    private final Map<Integer, double[][]> sums = new HashMap<>();
    private final Map<Integer, long[]> rows = new HashMap<>();

    /** Collects for the given op indices of subgraph 0. */
    public HessianCollector(Set<Integer> opIndices) {
        this.nodes = Set.copyOf(opIndices);
    }

    /** XᵀX per node: one matrix (conv/FC) or one per output channel (depthwise). */
    public Map<Integer, double[][][]> hessians() {
        return hessians;
    }

    /**
     * Mean input row per node (same grouping as {@link #hessians()}: one row for conv/FC, one per
     * output channel for depthwise), for bias correction after a layer's weights change.
     */
    public Map<Integer, double[][]> means() {
        Map<Integer, double[][]> out = new HashMap<>();
        sums.forEach((node, s) -> {
            long n = rows.get(node)[0];
            double[][] m = new double[s.length][];
            for (int g = 0; g < s.length; g++) {
                m[g] = new double[s[g].length];
                for (int j = 0; j < m[g].length; j++) {
                    m[g][j] = n == 0 ? 0 : s[g][j] / n;
                }
            }
            out.put(node, m);
        });
        return out;
    }

    /** Adds {@code other}'s statistics (another worker's samples) to this collector's. */
    public void merge(HessianCollector other) {
        other.hessians.forEach((node, add) -> {
            double[][][] into = hessians.get(node);
            if (into == null) {
                hessians.put(node, add);
                sums.put(node, other.sums.get(node));
                rows.put(node, other.rows.get(node));
                return;
            }
            for (int m = 0; m < into.length; m++) {
                for (int i = 0; i < into[m].length; i++) {
                    for (int j = 0; j < into[m][i].length; j++) {
                        into[m][i][j] += add[m][i][j];
                    }
                }
            }
            double[][] s = sums.get(node);
            double[][] t = other.sums.get(node);
            for (int g = 0; g < s.length; g++) {
                for (int j = 0; j < s[g].length; j++) {
                    s[g][j] += t[g][j];
                }
            }
            rows.get(node)[0] += other.rows.get(node)[0];
        });
    }

    private void addRow(int node, int group, float[] row, int k) {
        double[] s = sums.get(node)[group];
        for (int j = 0; j < k; j++) {
            s[j] += row[j];
        }
    }

    @Override
    public void afterOp(OpNode node, long nanos) {
        if (node.subgraph() != 0 || !nodes.contains(node.index())) {
            return;
        }
        RuntimeTensor in = node.input(0);
        RuntimeTensor w = node.input(1);
        if (in.type() != TensorType.FLOAT32 || w == null) {
            return;
        }
        OpOptions o = node.operator().options();
        if (node.operator().code().is(BuiltinOp.FULLY_CONNECTED)) {
            int k = w.dim(1);
            double[][][] h = hessians.computeIfAbsent(node.index(), i -> new double[][][] {new double[k][k]});
            sums.computeIfAbsent(node.index(), i -> new double[1][k]);
            rows.computeIfAbsent(node.index(), i -> new long[1]);
            float[] x = in.floats();
            int n = in.flatSize() / k;
            LayerRepair.accumulate(h[0], x, n, k);
            double[] s = sums.get(node.index())[0];
            for (int r = 0; r < n; r++) {
                for (int j = 0; j < k; j++) {
                    s[j] += x[r * k + j];
                }
            }
            rows.get(node.index())[0] += n;
        } else if (node.operator().code().is(BuiltinOp.CONV_2D)) {
            conv(node.index(), in, w.dim(1), w.dim(2), o);
        } else if (node.operator().code().is(BuiltinOp.DEPTHWISE_CONV_2D)) {
            depthwise(node.index(), in, w.dim(1), w.dim(2), w.dim(3), o);
        }
    }

    private static int pad(int in, int k, int stride, int dil, Padding p) {
        if (p == Padding.VALID) {
            return 0;
        }
        int out = (in + stride - 1) / stride;
        int effective = (k - 1) * dil + 1;
        return Math.max((out - 1) * stride + effective - in, 0) / 2;
    }

    private static int outSize(int in, int k, int stride, int dil, Padding p) {
        int effective = (k - 1) * dil + 1;
        return p == Padding.SAME ? (in + stride - 1) / stride : (in - effective + stride) / stride;
    }

    private void conv(int node, RuntimeTensor in, int kh, int kw, OpOptions o) {
        int h = in.dim(1);
        int wd = in.dim(2);
        int c = in.dim(3);
        int sh = o.getInt("strideH", 1);
        int sw = o.getInt("strideW", 1);
        int dh = Math.max(1, o.getInt("dilationHFactor", 1));
        int dw = Math.max(1, o.getInt("dilationWFactor", 1));
        Padding p = o.padding();
        int oh = outSize(h, kh, sh, dh, p);
        int ow = outSize(wd, kw, sw, dw, p);
        int pt = pad(h, kh, sh, dh, p);
        int pl = pad(wd, kw, sw, dw, p);
        int k = kh * kw * c;
        double[][][] hs = hessians.computeIfAbsent(node, i -> new double[][][] {new double[k][k]});
        sums.computeIfAbsent(node, i -> new double[1][k]);
        rows.computeIfAbsent(node, i -> new long[1])[0] += (long) in.dim(0) * oh * ow;
        float[] x = in.floats();
        float[] row = new float[k];
        for (int b = 0; b < in.dim(0); b++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    int j = 0;
                    for (int ky = 0; ky < kh; ky++) {
                        int iy = oy * sh - pt + ky * dh;
                        for (int kx = 0; kx < kw; kx++) {
                            int ix = ox * sw - pl + kx * dw;
                            boolean inside = iy >= 0 && iy < h && ix >= 0 && ix < wd;
                            int base = ((b * h + iy) * wd + ix) * c;
                            for (int ci = 0; ci < c; ci++) {
                                row[j++] = inside ? x[base + ci] : 0f;
                            }
                        }
                    }
                    LayerRepair.accumulate(hs[0], row, 1, k);
                    addRow(node, 0, row, k);
                }
            }
        }
    }

    private void depthwise(int node, RuntimeTensor in, int kh, int kw, int outC, OpOptions o) {
        int h = in.dim(1);
        int wd = in.dim(2);
        int c = in.dim(3);
        int mult = outC / c;
        int sh = o.getInt("strideH", 1);
        int sw = o.getInt("strideW", 1);
        int dh = Math.max(1, o.getInt("dilationHFactor", 1));
        int dw = Math.max(1, o.getInt("dilationWFactor", 1));
        Padding p = o.padding();
        int oh = outSize(h, kh, sh, dh, p);
        int ow = outSize(wd, kw, sw, dw, p);
        int pt = pad(h, kh, sh, dh, p);
        int pl = pad(wd, kw, sw, dw, p);
        int k = kh * kw;
        double[][][] hs = hessians.computeIfAbsent(node, i -> new double[outC][k][k]);
        sums.computeIfAbsent(node, i -> new double[outC][k]);
        rows.computeIfAbsent(node, i -> new long[1])[0] += (long) in.dim(0) * oh * ow;
        double[] mean = new double[k];
        float[] x = in.floats();
        float[] row = new float[k];
        for (int ch = 0; ch < c; ch++) {
            double[][] acc = new double[k][k];
            java.util.Arrays.fill(mean, 0);
            for (int b = 0; b < in.dim(0); b++) {
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        int j = 0;
                        for (int ky = 0; ky < kh; ky++) {
                            int iy = oy * sh - pt + ky * dh;
                            for (int kx = 0; kx < kw; kx++) {
                                int ix = ox * sw - pl + kx * dw;
                                boolean inside = iy >= 0 && iy < h && ix >= 0 && ix < wd;
                                row[j++] = inside ? x[((b * h + iy) * wd + ix) * c + ch] : 0f;
                            }
                        }
                        LayerRepair.accumulate(acc, row, 1, k);
                        for (int t = 0; t < k; t++) {
                            mean[t] += row[t];
                        }
                    }
                }
            }
            for (int m = 0; m < mult; m++) {
                double[] st = sums.get(node)[ch * mult + m];
                for (int j = 0; j < k; j++) {
                    st[j] += mean[j];
                }
                double[][] target = hs[ch * mult + m];
                for (int a = 0; a < k; a++) {
                    for (int bb = 0; bb < k; bb++) {
                        target[a][bb] += acc[a][bb];
                    }
                }
            }
        }
    }
}
