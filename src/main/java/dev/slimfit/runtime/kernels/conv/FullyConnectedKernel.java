package dev.slimfit.runtime.kernels.conv;

import dev.slimfit.model.TensorType;
import dev.slimfit.quant.ConvQuantization;
import dev.slimfit.quant.QuantizedMath;
import dev.slimfit.quant.QuantizedMultiplier;
import dev.slimfit.quant.RuyMath;
import dev.slimfit.runtime.Kernel;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.Parallel;
import dev.slimfit.runtime.PreparedOp;
import dev.slimfit.runtime.RuntimeTensor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * FULLY_CONNECTED as TFLite 2.6.2 computes it (fully_connected.cc): {@code y = W x + b} per batch
 * row, the input flattened to [batch, W.cols] (or keeping its leading dims with keep_num_dims).
 * float32; uint8 (output uint8 or int16); int8; int16 activations with int8 weights and int64 bias;
 * hybrid float input with int8 weights ({@link HybridFullyConnected}). Every integer path uses the
 * legacy single multiplier of {@code GetQuantizedConvolutionMultipler} (float product of input and
 * filter scale). Shuffled weights are not supported. The int8 kernel runs through ruy and
 * requantizes with its single rounding; uint8 through gemmlowp with TFLite's two.
 *
 * <p><b>Per-channel weights: we reproduce a TFLite 2.6.2 defect on purpose.</b> 2.6.2 has no
 * per-channel FULLY_CONNECTED, yet accepts such models: its kernel reads the tensor's legacy
 * per-tensor {@code params.scale}, which the InterpreterBuilder leaves at 0 when a tensor has
 * several scales. The multiplier is therefore 0 and <em>every output is the output zero point</em>
 * (clamped to the fused activation's range), whatever the input. Because Slimfit must compute what
 * 2.6.2 computes, it does the same, bit for bit, and raises a node warning
 * ({@link OpContext#warn}) so the UI/CLI can tell the user the model is broken under 2.6.2.
 * The bias-scale sanity check likewise sees the legacy scales (0 for a per-channel bias).
 *
 * <p>Weights are transposed once to [in][out] so each batch row is an outer-product accumulation
 * over output units (k ascending, TFLite's reference order); two rows share each weight load and
 * the output units are split across threads.
 */
public final class FullyConnectedKernel implements Kernel {
    private static final int MIN_MACS_PER_THREAD = 1 << 16;

    @Override
    public PreparedOp prepare(OpContext ctx) throws KernelException {
        RuntimeTensor in = ctx.requireInput(0);
        RuntimeTensor filter = ctx.requireInput(1);
        RuntimeTensor bias = ctx.input(2);
        RuntimeTensor out = ctx.output(0);
        ConvSupport.checkRank(filter, "weights", 2);
        var o = ctx.options();
        if (o != null && o.getInt("weightsFormat", 0) != 0) {
            throw new KernelException("FULLY_CONNECTED: shuffled weights are not supported");
        }
        int units = filter.dim(0);
        int depth = filter.dim(1);
        if (depth <= 0 || in.flatSize() % depth != 0) {
            throw new KernelException("FULLY_CONNECTED: input " + in + " is not a multiple of " + depth);
        }
        int batches = in.flatSize() / depth;
        boolean keep = o != null && o.getBool("keepNumDims", false);
        int[] shape;
        if (keep) {
            if (in.dim(-1) != depth) {
                throw new KernelException("FULLY_CONNECTED: keep_num_dims needs the input's last dim to be " + depth);
            }
            shape = in.shape();
            shape[shape.length - 1] = units;
        } else {
            shape = new int[] {batches, units};
        }
        out.resize(shape);
        int act = o == null ? 0 : o.getInt("fusedActivationFunction", 0);
        TensorType it = in.type();
        TensorType ft = filter.type();
        if (it == TensorType.FLOAT32 && ft == TensorType.FLOAT32) {
            ConvSupport.checkType(out, "output", TensorType.FLOAT32);
            // 2.6.2 runs float FC through the same cpu_backend_gemm (Eigen) as conv: a 1x1 conv whose
            // pixels are the input rows, summed in the same order (bit-exact, FullyConnectedKernelTest).
            Window rows = new Window(1, batches, 1, 1, 1, batches, 1, 1, 1, 1, 1, 0, 0);
            return Conv2DKernel.floatGemm(ctx.parallel(), in, filter.floats(), ConvSupport.floatBias(bias, units), out,
                    rows, depth, units, ConvSupport.floatActivation(act));
        }
        if (it == TensorType.FLOAT32 && ft == TensorType.INT8) {
            return HybridFullyConnected.prepare(ctx, in, filter, bias, out, batches, depth, units, act);
        }
        boolean ok = it == TensorType.UINT8 && ft == TensorType.UINT8
                && (out.type() == TensorType.UINT8 || out.type() == TensorType.INT16)
                || it == TensorType.INT8 && ft == TensorType.INT8 && out.type() == TensorType.INT8
                || it == TensorType.INT16 && ft == TensorType.INT8 && out.type() == TensorType.INT16;
        if (!ok) {
            throw new KernelException("FULLY_CONNECTED: unsupported input/weights/output types " + it + "/" + ft
                    + "/" + out.type());
        }
        ConvSupport.requireQuantized(in, "input");
        ConvSupport.requireQuantized(filter, "weights");
        ConvSupport.requireQuantized(out, "output");
        boolean perChannel = filter.quantization().channelCount() != 1;
        if (it == TensorType.INT16 && shape.length > 2) {
            // 2.6.2's 16x8 kernel takes batches and units from output dims 0 and 1, so it leaves most of a
            // rank>2 keep_num_dims output unwritten; there is nothing well-defined to match.
            throw new KernelException("FULLY_CONNECTED: int16 with keep_num_dims and rank > 2 is broken in TFLite 2.6.2");
        }
        float filterScale = legacyScale(filter);
        if (bias != null && bias.quantization() != null && bias.quantization().isAffine()
                && !ConvQuantization.biasScaleIsConsistent(in.scale(), filterScale, legacyScale(bias), out.scale())) {
            throw new KernelException("FULLY_CONNECTED: bias scale is not input*weights scale");
        }
        int[] clamp = ConvSupport.quantizedActivation(act, out);
        if (perChannel) {
            ctx.warn("per-channel int8 weights: TFLite 2.6.2 ignores their scales (multiplier 0), so every output is"
                    + " the output zero point; Slimfit reproduces that. Requantize this layer per tensor.");
            int constant = Math.min(Math.max(out.zeroPoint(), clamp[0]), clamp[1]);
            int n = out.flatSize();
            return () -> {
                for (int i = 0; i < n; i++) {
                    ConvSupport.store(out, i, constant);
                }
            };
        }
        QuantizedMultiplier m = ConvQuantization.legacyPerTensorMultiplier(in.scale(), filterScale, out.scale());
        boolean wide = it == TensorType.INT16;
        long[] b = ConvSupport.integerBias(bias, units, wide ? TensorType.INT64 : TensorType.INT32);
        int[] flat = new int[units * depth];
        ConvSupport.widen(filter, -filter.zeroPoint(), flat, flat.length);
        int[] wt = new int[flat.length];
        for (int u = 0; u < units; u++) {
            for (int k = 0; k < depth; k++) {
                wt[k * units + u] = flat[u * depth + k];
            }
        }
        if (wide) {
            return () -> fc16x8(in.shorts(), flat, b, m, out.shorts(), batches, depth, units, out.zeroPoint(), clamp);
        }
        int[] bi = new int[units];
        for (int u = 0; u < units; u++) {
            bi[u] = (int) b[u];
        }
        return intFc(ctx.parallel(), in, wt, bi, m, out, batches, depth, units, -in.zeroPoint(), clamp);
    }

    /**
     * The tensor's legacy {@code params.scale} as 2.6.2's InterpreterBuilder sets it: the scale when
     * there is exactly one, else 0.
     */
    private static float legacyScale(RuntimeTensor t) {
        var q = t.quantization();
        return q == null || !q.isAffine() || q.channelCount() != 1 ? 0f : q.scale(0);
    }

    private static PreparedOp intFc(Parallel par, RuntimeTensor in, int[] wt, int[] bias, QuantizedMultiplier m,
                                    RuntimeTensor out, int batches, int depth, int units, int inOffset, int[] clamp) {
        int[][][] acc = new int[par.threads()][2][units];
        int[] xi = new int[batches * depth];
        AtomicInteger next = new AtomicInteger();
        int minUnits = Math.max(8, MIN_MACS_PER_THREAD / Math.max(1, depth * Math.min(batches, 2)));
        int mult = m.multiplier();
        int shift = m.shift();
        int outOffset = out.zeroPoint();
        int lo = clamp[0];
        int hi = clamp[1];
        boolean shorts = out.type() == TensorType.INT16;
        // int8 goes through cpu_backend_gemm's ruy path (single rounding); uint8 through gemmlowp.
        boolean ruy = in.type() == TensorType.INT8;
        return () -> {
            ConvSupport.widen(in, inOffset, xi, xi.length);
            next.set(0);
            par.forRange(units, minUnits, (j0, j1) -> {
                int[][] a = acc[next.getAndIncrement() % acc.length];
                for (int b0 = 0; b0 < batches; b0 += 2) {
                    int nb = Math.min(2, batches - b0);
                    if (nb == 2) {
                        TileGemm.int2(xi, b0 * depth, (b0 + 1) * depth, depth, wt, units, j0, j1, a[0], a[1]);
                    } else {
                        for (int r = 0; r < nb; r++) {
                            TileGemm.int1(xi, (b0 + r) * depth, depth, wt, units, j0, j1, a[r]);
                        }
                    }
                    for (int r = 0; r < nb; r++) {
                        int[] ar = a[r];
                        int yo = (b0 + r) * units;
                        for (int j = j0; j < j1; j++) {
                            int v = ruy ? RuyMath.multiplyByQuantizedMultiplier(ar[j] + bias[j], mult, shift)
                                    : QuantizedMath.multiplyByQuantizedMultiplier(ar[j] + bias[j], mult, shift);
                            v = Math.min(Math.max(v + outOffset, lo), hi);
                            if (shorts) {
                                out.shorts()[yo + j] = (short) v;
                            } else {
                                out.bytes()[yo + j] = (byte) v;
                            }
                        }
                    }
                }
            });
        };
    }

    private static void fc16x8(short[] x, int[] w, long[] bias, QuantizedMultiplier m, short[] y, int batches,
                               int depth, int units, int outOffset, int[] clamp) {
        for (int b = 0; b < batches; b++) {
            for (int u = 0; u < units; u++) {
                long acc = 0;
                int wo = u * depth;
                int xo = b * depth;
                for (int k = 0; k < depth; k++) {
                    acc += (long) w[wo + k] * x[xo + k];
                }
                int v = QuantizedMath.multiplyByQuantizedMultiplier(acc + bias[u], m.multiplier(), m.shift());
                y[b * units + u] = (short) Math.min(Math.max(v + outOffset, clamp[0]), clamp[1]);
            }
        }
    }
}
