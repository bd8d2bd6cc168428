package dev.slimfit.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Reads the values of a constant tensor as numbers, for inspection: the stored values
 * ({@link #stored}) and the real values they stand for ({@link #real}, dequantized per tensor or
 * per channel with {@code real = scale * (q - zeroPoint)}). Also summarises them ({@link #stats}).
 * Plain Java; the UI and the CLI use it alike.
 */
public final class TensorValues {
    private TensorValues() {
    }

    /** Summary of a tensor's values. */
    public record Stats(long count, double min, double max, double mean, double std, double sparsity,
                        int uniqueValues) {
    }

    /** True when the tensor has constant data that this class can decode. */
    public static boolean hasData(Model model, Tensor t) {
        if (t.buffer() <= 0 || t.buffer() >= model.buffers().size() || model.dataOf(t).isEmpty()) {
            return false;
        }
        switch (t.type()) {
            case FLOAT32: case FLOAT16: case FLOAT64: case INT8: case UINT8: case INT16: case UINT16:
            case INT32: case UINT32: case INT64: case UINT64: case BOOL:
                return true;
            default:
                return false;
        }
    }

    /** The stored values as doubles (quantized integers stay integers); empty when none. */
    public static double[] stored(Model model, Tensor t) {
        if (!hasData(model, t)) {
            return new double[0];
        }
        ByteBuffer b = model.dataOf(t).data().duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int n = b.remaining() / t.type().byteSize();
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = read(t.type(), b, i);
        }
        return out;
    }

    /** The real values (dequantized when the tensor carries scales); empty when none. */
    public static double[] real(Model model, Tensor t) {
        double[] v = stored(model, t);
        QuantizationParams q = t.quantization();
        if (v.length == 0 || q == null || !q.isAffine() || !t.type().isQuantizedInteger()) {
            return v;
        }
        int channels = q.channelCount();
        int dim = q.quantizedDimension();
        long stride = 1;
        int[] shape = t.shape();
        for (int d = dim + 1; d < shape.length; d++) {
            stride *= shape[d];
        }
        for (int i = 0; i < v.length; i++) {
            int c = channels <= 1 ? 0 : (int) ((i / stride) % channels);
            v[i] = q.scale(c) * (v[i] - q.zeroPoint(c));
        }
        return v;
    }

    /** Count, range, mean, standard deviation, share of zeros and number of distinct values. */
    public static Stats stats(double[] v) {
        if (v.length == 0) {
            return new Stats(0, 0, 0, 0, 0, 0, 0);
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        long zeros = 0;
        for (double x : v) {
            min = Math.min(min, x);
            max = Math.max(max, x);
            sum += x;
            if (x == 0) {
                zeros++;
            }
        }
        double mean = sum / v.length;
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        double[] sorted = v.clone();
        Arrays.sort(sorted);
        int unique = 1;
        for (int i = 1; i < sorted.length; i++) {
            if (Double.compare(sorted[i], sorted[i - 1]) != 0) {
                unique++;
            }
        }
        return new Stats(v.length, min, max, mean, Math.sqrt(ss / v.length), (double) zeros / v.length, unique);
    }

    private static double read(TensorType type, ByteBuffer b, int i) {
        switch (type) {
            case FLOAT32: return b.getFloat(i * 4);
            case FLOAT64: return b.getDouble(i * 8);
            case FLOAT16: return halfToFloat(b.getShort(i * 2));
            case INT8: return b.get(i);
            case UINT8: case BOOL: return b.get(i) & 0xFF;
            case INT16: return b.getShort(i * 2);
            case UINT16: return b.getShort(i * 2) & 0xFFFF;
            case INT32: return b.getInt(i * 4);
            case UINT32: return b.getInt(i * 4) & 0xFFFFFFFFL;
            case INT64: case UINT64: return b.getLong(i * 8);
            default: throw new IllegalArgumentException("cannot decode " + type);
        }
    }

    /** IEEE 754 binary16 to float (Java 17 has no Float.float16ToFloat). */
    static float halfToFloat(short h) {
        int bits = h & 0xFFFF;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1F;
        int mant = bits & 0x3FF;
        if (exp == 0x1F) {
            return Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13));
        }
        if (exp == 0) {
            float v = mant * 0x1p-24f;
            return sign == 0 ? v : -v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }
}
