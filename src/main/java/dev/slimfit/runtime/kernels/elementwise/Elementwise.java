package dev.slimfit.runtime.kernels.elementwise;

import dev.slimfit.model.OpOptions;
import dev.slimfit.model.TensorType;
import dev.slimfit.quant.AffineQuantization;
import dev.slimfit.quant.TensorTypeRange;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.RuntimeTensor;

/** Small helpers shared by the elementwise kernels (options, activation ranges, type checks). */
final class Elementwise {
    /** Elements per thread chunk below which splitting does not pay. */
    static final int MIN_CHUNK = 16384;

    private Elementwise() {
    }

    /** The fused activation code of the node's options (0 when there are none). */
    static int activation(OpContext ctx) {
        OpOptions o = ctx.options();
        return o == null ? 0 : o.getInt("fusedActivationFunction", 0);
    }

    /** TFLite {@code ActivationFunctionWithMinMax}: {@code min(max(x, lo), hi)} as std::min/max order it. */
    static float clamp(float x, float lo, float hi) {
        float v = x < lo ? lo : x;
        return hi < v ? hi : v;
    }

    /** {@code CalculateActivationRange<int32/int64>}: the integer bounds of a fused activation. */
    static long[] intActivationRange(int act, long typeMin, long typeMax) {
        return switch (act) {
            case AffineQuantization.ACT_RELU -> new long[] {0, typeMax};
            case AffineQuantization.ACT_RELU6 -> new long[] {0, 6};
            case AffineQuantization.ACT_RELU_N1_TO_1 -> new long[] {-1, 1};
            default -> new long[] {typeMin, typeMax};
        };
    }

    /** The integer range of a quantized tensor type. */
    static TensorTypeRange range(TensorType t) throws KernelException {
        return switch (t) {
            case INT8 -> TensorTypeRange.INT8;
            case UINT8 -> TensorTypeRange.UINT8;
            case INT16 -> TensorTypeRange.INT16;
            case INT32 -> TensorTypeRange.INT32;
            default -> throw new KernelException("type " + t + " is not a quantized integer type");
        };
    }

    /** Fails unless every tensor has the same type as the first. */
    static void sameTypes(String op, RuntimeTensor... ts) throws KernelException {
        for (RuntimeTensor t : ts) {
            if (t.type() != ts[0].type()) {
                throw new KernelException(op + ": tensor " + t + " has type " + t.type() + ", expected "
                        + ts[0].type());
            }
        }
    }

    /** Fails unless the tensor carries per-tensor affine quantization. */
    static void requireQuantized(String op, RuntimeTensor t) throws KernelException {
        if (t.quantization() == null || !t.quantization().isAffine()) {
            throw new KernelException(op + ": " + t + " has no quantization parameters");
        }
    }

    /** Reads element {@code i} of an int8 (signed) or uint8 (unsigned) byte array. */
    static int code(byte[] a, int i, boolean unsigned) {
        return unsigned ? a[i] & 0xFF : a[i];
    }

    /** Minimum chunk, in runs, for splitting {@code runs} runs of {@code runLength} elements. */
    static int minRuns(int runLength) {
        return Math.max(1, MIN_CHUNK / Math.max(1, runLength));
    }
}
