package dev.slimfit.runtime.kernels.conv;

import dev.slimfit.model.Padding;
import dev.slimfit.model.QuantizationParams;
import dev.slimfit.model.TensorType;
import dev.slimfit.quant.AffineQuantization;
import dev.slimfit.quant.ConvQuantization;
import dev.slimfit.quant.QuantizedMultiplier;
import dev.slimfit.quant.TensorTypeRange;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.Parallel;
import dev.slimfit.runtime.RuntimeTensor;

/**
 * Geometry and quantization helpers shared by the conv family, following TFLite 2.6.2's
 * padding.h ({@code ComputeOutSize}, {@code ComputePaddingWithOffset}) and kernel_util.cc
 * ({@code PopulateConvolutionQuantizationParams}, {@code CalculateActivationRange*}).
 */
final class ConvSupport {
    /** Elements per thread below which splitting the widening costs more than it saves. */
    private static final int WIDEN_MIN_CHUNK = 1 << 15;

    private ConvSupport() {
    }

    /** TFLite {@code ComputeOutSize}: SAME is ceil(in/stride), VALID uses the dilated filter extent. */
    static int outSize(Padding padding, int in, int filter, int stride, int dilation) {
        int effective = (filter - 1) * dilation + 1;
        return padding == Padding.SAME ? (in + stride - 1) / stride : (in + stride - effective) / stride;
    }

    /**
     * TFLite {@code ComputePaddingWithOffset}: the leading padding is half the total, rounded down
     * (the odd pixel goes to the end), never negative.
     */
    static int padBefore(int stride, int dilation, int in, int filter, int out) {
        int effective = (filter - 1) * dilation + 1;
        int total = (out - 1) * stride + effective - in;
        return Math.max(total, 0) / 2;
    }

    static int positive(int v, String what) throws KernelException {
        if (v <= 0) {
            throw new KernelException(what + " must be positive, got " + v);
        }
        return v;
    }

    static TensorTypeRange range(TensorType t) throws KernelException {
        return switch (t) {
            case INT8 -> TensorTypeRange.INT8;
            case UINT8 -> TensorTypeRange.UINT8;
            case INT16 -> TensorTypeRange.INT16;
            default -> throw new KernelException("no quantized range for " + t);
        };
    }

    /** Fused-activation clamp for quantized outputs; TANH and SIGN_BIT leave the type's range, as TFLite does. */
    static int[] quantizedActivation(int activation, RuntimeTensor out) throws KernelException {
        AffineQuantization.IntRange r = AffineQuantization.calculateActivationRangeQuantized(
                activation, out.scale(), out.zeroPoint(), range(out.type()));
        return new int[] {r.min(), r.max()};
    }

    /** Fused-activation clamp for float outputs (TANH is not applied by TFLite's conv family). */
    static float[] floatActivation(int activation) {
        AffineQuantization.FloatRange r = AffineQuantization.calculateActivationRange(activation);
        return new float[] {r.min(), r.max()};
    }

    static void requireQuantized(RuntimeTensor t, String role) throws KernelException {
        QuantizationParams q = t.quantization();
        if (q == null || !q.isAffine()) {
            throw new KernelException(role + " " + t + " needs affine quantization parameters");
        }
    }

    /** The filter's scales: one per channel, or one broadcast to all channels. */
    static float[] filterScales(RuntimeTensor filter, int channels) throws KernelException {
        requireQuantized(filter, "filter");
        QuantizationParams q = filter.quantization();
        int n = q.channelCount();
        if (n != 1 && n != channels) {
            throw new KernelException("filter " + filter + " has " + n + " scales for " + channels + " channels");
        }
        float[] s = new float[channels];
        for (int c = 0; c < channels; c++) {
            s[c] = q.scale(n == 1 ? 0 : c);
        }
        return s;
    }

    /**
     * Per-channel requantization (int8 and 16x8 kernels): multipliers in double from
     * {@code in * filter[c] / out}. Returns {multipliers, shifts}.
     */
    static int[][] perChannelMultipliers(RuntimeTensor in, RuntimeTensor filter, RuntimeTensor out, int channels)
            throws KernelException {
        requireQuantized(in, "input");
        requireQuantized(out, "output");
        QuantizedMultiplier[] m = ConvQuantization.perChannelMultipliers(in.scale(), filterScales(filter, channels),
                out.scale(), channels);
        int[][] r = new int[2][channels];
        for (int c = 0; c < channels; c++) {
            r[0][c] = m[c].multiplier();
            r[1][c] = m[c].shift();
        }
        return r;
    }

    /**
     * Legacy uint8 requantization: one multiplier from the float product of input and filter scale,
     * broadcast to every channel; TFLite also rejects a bias scale far from input*filter.
     */
    static int[][] legacyMultipliers(RuntimeTensor in, RuntimeTensor filter, RuntimeTensor bias, RuntimeTensor out,
                                     int channels) throws KernelException {
        requireQuantized(in, "input");
        requireQuantized(filter, "filter");
        requireQuantized(out, "output");
        if (bias != null && bias.quantization() != null && bias.quantization().isAffine()
                && !ConvQuantization.biasScaleIsConsistent(in.scale(), filter.scale(), bias.scale(), out.scale())) {
            throw new KernelException("bias scale " + bias.scale() + " is not input*filter scale");
        }
        QuantizedMultiplier m = ConvQuantization.legacyPerTensorMultiplier(in.scale(), filter.scale(), out.scale());
        int[][] r = new int[2][channels];
        java.util.Arrays.fill(r[0], m.multiplier());
        java.util.Arrays.fill(r[1], m.shift());
        return r;
    }

    /** Bias values widened to long (int32 or int64 bias), or zeros when the bias is omitted. */
    static long[] integerBias(RuntimeTensor bias, int channels, TensorType... allowed) throws KernelException {
        long[] b = new long[channels];
        if (bias == null) {
            return b;
        }
        checkType(bias, "bias", allowed);
        if (bias.flatSize() != channels) {
            throw new KernelException("bias " + bias + " does not have " + channels + " values");
        }
        if (bias.type() == TensorType.INT64) {
            System.arraycopy(bias.longs(), 0, b, 0, channels);
        } else {
            int[] v = bias.ints();
            for (int c = 0; c < channels; c++) {
                b[c] = v[c];
            }
        }
        return b;
    }

    /** Float bias, or zeros when omitted. */
    static float[] floatBias(RuntimeTensor bias, int channels) throws KernelException {
        if (bias == null) {
            return new float[channels];
        }
        checkType(bias, "bias", TensorType.FLOAT32);
        if (bias.flatSize() != channels) {
            throw new KernelException("bias " + bias + " does not have " + channels + " values");
        }
        return java.util.Arrays.copyOf(bias.floats(), channels);
    }

    static void checkType(RuntimeTensor t, String role, TensorType... allowed) throws KernelException {
        for (TensorType a : allowed) {
            if (t.type() == a) {
                return;
            }
        }
        throw new KernelException(role + " " + t + " has unsupported type " + t.type() + "; expected "
                + java.util.Arrays.toString(allowed));
    }

    static void checkRank(RuntimeTensor t, String role, int rank) throws KernelException {
        if (t.rank() != rank) {
            throw new KernelException(role + " " + t + " must have rank " + rank);
        }
    }

    /** Integer values of an 8/16-bit tensor plus {@code offset}, widened to int (uint8 read unsigned). */
    static void widen(RuntimeTensor t, int offset, int[] dst, int n) {
        switch (t.type()) {
            case UINT8 -> {
                byte[] v = t.bytes();
                for (int i = 0; i < n; i++) {
                    dst[i] = (v[i] & 0xFF) + offset;
                }
            }
            case INT8 -> {
                byte[] v = t.bytes();
                for (int i = 0; i < n; i++) {
                    dst[i] = v[i] + offset;
                }
            }
            case INT16 -> {
                short[] v = t.shorts();
                for (int i = 0; i < n; i++) {
                    dst[i] = v[i] + offset;
                }
            }
            default -> throw new IllegalStateException("not an integer tensor: " + t);
        }
    }

    /** As {@link #widen}, into floats (exact: the values are small integers). */
    static void widenToFloat(RuntimeTensor t, int offset, float[] dst, int n) {
        widenToFloat(t, offset, dst, 0, n);
    }

    /**
     * {@link #widenToFloat(RuntimeTensor, int, float[], int)} of the whole tensor, split over the
     * threads: for a depthwise layer (9 multiply-adds per element) a serial widening was ~10% of the
     * work left on the calling thread at 2 threads.
     */
    static void widenToFloat(Parallel par, RuntimeTensor t, int offset, float[] dst) {
        par.forRange(dst.length, WIDEN_MIN_CHUNK, (from, to) -> widenToFloat(t, offset, dst, from, to));
    }

    private static void widenToFloat(RuntimeTensor t, int offset, float[] dst, int from, int to) {
        switch (t.type()) {
            case UINT8 -> {
                byte[] v = t.bytes();
                for (int i = from; i < to; i++) {
                    dst[i] = (v[i] & 0xFF) + offset;
                }
            }
            case INT8 -> {
                byte[] v = t.bytes();
                for (int i = from; i < to; i++) {
                    dst[i] = v[i] + offset;
                }
            }
            default -> throw new IllegalStateException("not an 8-bit tensor: " + t);
        }
    }

    /** Stores clamped integer results into an 8/16-bit output. */
    static void store(RuntimeTensor out, int index, int value) {
        switch (out.type()) {
            case INT16 -> out.shorts()[index] = (short) value;
            default -> out.bytes()[index] = (byte) value;
        }
    }
}
