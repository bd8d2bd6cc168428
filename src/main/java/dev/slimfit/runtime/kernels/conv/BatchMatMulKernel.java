package dev.slimfit.runtime.kernels.conv;

import dev.slimfit.model.TensorType;
import dev.slimfit.quant.ConvQuantization;
import dev.slimfit.quant.HybridQuantization;
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
 * BATCH_MATMUL as TFLite 2.6.2 computes it (batch_matmul.cc): {@code lhs[..., M, K] x rhs[..., K, N]}
 * (adj_x / adj_y transpose the last two dims), batch dims broadcast numpy-style, ranks 2..5.
 * float32; hybrid (float lhs, int8 rhs: dynamic range, version 4); int8 with per-tensor zero points on both operands and the legacy multiplier
 * ({@code GetQuantizedConvolutionMultipler}), requantized as ruy does (the int8 kernel runs
 * through cpu_backend_gemm); int16 with int64 accumulation and TFLite's int64 requantization.
 * No fused activation. Each output element sums over k in order.
 *
 * <p>Threads: float splits each batch's output columns, the integer paths split output rows; every
 * element is computed whole by one thread, so results do not depend on the thread count.
 */
public final class BatchMatMulKernel implements Kernel {
    private static final int MIN_MACS_PER_THREAD = 1 << 16;

    @Override
    public PreparedOp prepare(OpContext ctx) throws KernelException {
        RuntimeTensor lhs = ctx.requireInput(0);
        RuntimeTensor rhs = ctx.requireInput(1);
        RuntimeTensor out = ctx.output(0);
        var o = ctx.options();
        boolean adjX = o != null && o.getBool("adjX", false);
        boolean adjY = o != null && o.getBool("adjY", false);
        int rank = Math.max(lhs.rank(), rhs.rank());
        if (lhs.rank() < 2 || rhs.rank() < 2 || rank > 5) {
            throw new KernelException("BATCH_MATMUL: operand ranks must be 2..5, got " + lhs + " and " + rhs);
        }
        int m = adjX ? lhs.dim(-1) : lhs.dim(-2);
        int k = adjX ? lhs.dim(-2) : lhs.dim(-1);
        int kr = adjY ? rhs.dim(-1) : rhs.dim(-2);
        int n = adjY ? rhs.dim(-2) : rhs.dim(-1);
        if (k != kr) {
            throw new KernelException("BATCH_MATMUL: inner dims differ: " + lhs + " x " + rhs);
        }
        int nb = rank - 2;
        int[] outShape = new int[rank];
        int[] lStride = new int[nb];
        int[] rStride = new int[nb];
        int ls = m * k;
        int rs = k * n;
        for (int d = nb - 1; d >= 0; d--) {
            int ld = dimFromEnd(lhs, rank - d);
            int rd = dimFromEnd(rhs, rank - d);
            if (ld != rd && ld != 1 && rd != 1) {
                throw new KernelException("BATCH_MATMUL: batch dims do not broadcast: " + lhs + " x " + rhs);
            }
            outShape[d] = Math.max(ld, rd);
            lStride[d] = ld == 1 ? 0 : ls;
            rStride[d] = rd == 1 ? 0 : rs;
            ls *= ld;
            rs *= rd;
        }
        outShape[rank - 2] = m;
        outShape[rank - 1] = n;
        out.resize(outShape);
        int batches = out.flatSize() / Math.max(1, m * n);
        int[] lOff = new int[batches];
        int[] rOff = new int[batches];
        for (int b = 0; b < batches; b++) {
            int rem = b;
            for (int d = nb - 1; d >= 0; d--) {
                int idx = rem % outShape[d];
                rem /= outShape[d];
                lOff[b] += idx * lStride[d];
                rOff[b] += idx * rStride[d];
            }
        }
        TensorType t = lhs.type();
        if (t == TensorType.FLOAT32 && rhs.type() == TensorType.INT8 && out.type() == TensorType.FLOAT32) {
            boolean asymmetric = o != null && o.getBool("asymmetricQuantizeInputs", false);
            return hybrid(ctx, lhs, rhs, out, m, k, n, lOff, rOff, batches, adjX, adjY, asymmetric);
        }
        if (rhs.type() != t || out.type() != t) {
            throw new KernelException("BATCH_MATMUL: unsupported types " + t + " x " + rhs.type() + " -> " + out.type());
        }
        Parallel par = ctx.parallel();
        if (t == TensorType.FLOAT32) {
            float[][] a = new float[par.threads()][k];
            float[] bt = new float[k * n];
            float[] acc = new float[n];
            AtomicInteger next = new AtomicInteger();
            int[] batch = new int[1];
            int minCols = Math.max(1, MIN_MACS_PER_THREAD / Math.max(1, m * k));
            Parallel.RangeBody cols = (j0, j1) -> {
                float[] x = lhs.floats();
                float[] z = out.floats();
                float[] row = a[next.getAndIncrement() % a.length];
                int b = batch[0];
                for (int i = 0; i < m; i++) {
                    for (int kk = 0; kk < k; kk++) {
                        row[kk] = x[lOff[b] + (adjX ? kk * m + i : i * k + kk)];
                    }
                    // acc is shared; each thread fills and copies only its own columns [j0, j1).
                    TileGemm.float1(row, 0, k, bt, n, j0, j1, acc);
                    System.arraycopy(acc, j0, z, (b * m + i) * n + j0, j1 - j0);
                }
            };
            return () -> {
                float[] y = rhs.floats();
                for (int b = 0; b < batches; b++) {
                    for (int kk = 0; kk < k; kk++) {
                        for (int j = 0; j < n; j++) {
                            bt[kk * n + j] = y[rOff[b] + (adjY ? j * k + kk : kk * n + j)];
                        }
                    }
                    batch[0] = b;
                    next.set(0);
                    par.forRange(n, minCols, cols);
                }
            };
        }
        if (t != TensorType.INT8 && t != TensorType.INT16) {
            throw new KernelException("BATCH_MATMUL: unsupported type " + t);
        }
        ConvSupport.requireQuantized(lhs, "lhs");
        ConvSupport.requireQuantized(rhs, "rhs");
        ConvSupport.requireQuantized(out, "output");
        QuantizedMultiplier qm = QuantizedMultiplier.of(
                ConvQuantization.legacyMultiplier(lhs.scale(), rhs.scale(), out.scale()));
        int[] xi = new int[lhs.flatSize()];
        int[] yi = new int[rhs.flatSize()];
        int lOffset = -lhs.zeroPoint();
        int rOffset = -rhs.zeroPoint();
        int outOffset = out.zeroPoint();
        int[] clamp = ConvSupport.quantizedActivation(0, out);
        boolean wide = t == TensorType.INT16;
        int minRows = Math.max(1, MIN_MACS_PER_THREAD / Math.max(1, k * n));
        Parallel.RangeBody rows = (r0, r1) -> {
            for (int r = r0; r < r1; r++) {
                int b = r / m;
                int i = r % m;
                for (int j = 0; j < n; j++) {
                    long acc = 0;
                    int sum = 0;
                    for (int kk = 0; kk < k; kk++) {
                        int xv = xi[lOff[b] + (adjX ? kk * m + i : i * k + kk)];
                        int yv = yi[rOff[b] + (adjY ? j * k + kk : kk * n + j)];
                        if (wide) {
                            acc += (long) xv * yv;
                        } else {
                            sum += xv * yv;
                        }
                    }
                    int v = wide ? QuantizedMath.multiplyByQuantizedMultiplier(acc, qm.multiplier(), qm.shift())
                            : RuyMath.multiplyByQuantizedMultiplier(sum, qm.multiplier(), qm.shift());
                    ConvSupport.store(out, r * n + j, Math.min(Math.max(v + outOffset, clamp[0]), clamp[1]));
                }
            }
        };
        return () -> {
            ConvSupport.widen(lhs, lOffset, xi, xi.length);
            ConvSupport.widen(rhs, rOffset, yi, yi.length);
            par.forRange(batches * m, minRows, rows);
        };
    }

    /**
     * Hybrid BATCH_MATMUL (version 4: float lhs, int8 rhs with one scale, float output), as 2.6.2's
     * EvalHybrid: each lhs row of k values is quantized to int8 on the fly (symmetric, or asymmetric
     * with a zero point when {@code asymmetric_quantize_inputs} is set) and its scaling factor is the
     * row's scale times the rhs scale; each output is {@code factor * total}, where {@code total} is
     * the exact int32 dot product less the rhs column sum times the row's zero point (subtracted in
     * float and truncated back to int32, as the reference does).
     */
    private static PreparedOp hybrid(OpContext ctx, RuntimeTensor lhs, RuntimeTensor rhs, RuntimeTensor out, int m,
                                     int k, int n, int[] lOff, int[] rOff, int batches, boolean adjX, boolean adjY,
                                     boolean asymmetric) throws KernelException {
        ConvSupport.requireQuantized(rhs, "rhs");
        if (rhs.quantization().channelCount() != 1) {
            throw new KernelException("BATCH_MATMUL: int8 rhs with several scales on a float lhs is not supported");
        }
        float rhsScale = rhs.scale();
        int lhsRows = lhs.flatSize() / Math.max(1, k);
        int rhsMats = rhs.flatSize() / Math.max(1, k * n);
        int[] xq = new int[lhs.flatSize()];
        float[] rowScale = new float[lhsRows];
        int[] rowOffset = new int[lhsRows];
        int[] colSums = new int[rhsMats * n];
        byte[] codes = new byte[k];
        float[] row = new float[k];
        Parallel par = ctx.parallel();
        int minRows = Math.max(1, MIN_MACS_PER_THREAD / Math.max(1, k * n));
        Parallel.RangeBody rows = (r0, r1) -> {
            byte[] w = rhs.bytes();
            float[] z = out.floats();
            for (int r = r0; r < r1; r++) {
                int b = r / m;
                int i = r % m;
                int lr = lOff[b] / Math.max(1, m * k) * m + i;
                int rm = rOff[b] / Math.max(1, k * n);
                float factor = rowScale[lr] * rhsScale;
                float offset = rowOffset[lr];
                for (int j = 0; j < n; j++) {
                    int total = 0;
                    for (int kk = 0; kk < k; kk++) {
                        total += xq[lr * k + kk] * w[rOff[b] + (adjY ? j * k + kk : kk * n + j)];
                    }
                    total = (int) (total - colSums[rm * n + j] * offset);
                    z[r * n + j] = factor * total;
                }
            }
        };
        return () -> {
            float[] x = lhs.floats();
            byte[] w = rhs.bytes();
            for (int lr = 0; lr < lhsRows; lr++) {
                int base = lr / m * m * k;
                int i = lr % m;
                for (int kk = 0; kk < k; kk++) {
                    row[kk] = x[base + (adjX ? kk * m + i : i * k + kk)];
                }
                if (asymmetric) {
                    HybridQuantization.asymmetric(row, 0, k, codes, 0, rowScale, rowOffset, lr);
                } else {
                    rowScale[lr] = HybridQuantization.symmetric(row, 0, k, codes, 0);
                    rowOffset[lr] = 0;
                }
                for (int kk = 0; kk < k; kk++) {
                    xq[lr * k + kk] = codes[kk];
                }
            }
            for (int mat = 0; mat < rhsMats; mat++) {
                for (int j = 0; j < n; j++) {
                    int sum = 0;
                    for (int kk = 0; kk < k; kk++) {
                        sum += w[mat * k * n + (adjY ? j * k + kk : kk * n + j)];
                    }
                    colSums[mat * n + j] = sum;
                }
            }
            par.forRange(batches * m, minRows, rows);
        };
    }

    private static int dimFromEnd(RuntimeTensor t, int fromEnd) {
        return fromEnd <= t.rank() ? t.dim(t.rank() - fromEnd) : 1;
    }
}
