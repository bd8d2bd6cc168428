package dev.slimfit.runtime.kernels.conv;

import dev.slimfit.model.QuantizationParams;
import dev.slimfit.model.TensorType;
import dev.slimfit.testing.SingleOpModel;
import java.util.Random;

/**
 * Seeded constant weights and quantization parameters for the conv family's single-op models:
 * filters are constants (TFLite's kernels require that for several paths), activations are model
 * inputs filled by the oracle's seeded recipe.
 */
final class ConvModels {
    private ConvModels() {
    }

    /** The model as .tflite bytes. */
    static byte[] bytes(dev.slimfit.model.Model m) {
        java.nio.ByteBuffer b = dev.slimfit.tflite.TfliteWriter.toBytes(m);
        byte[] a = new byte[b.remaining()];
        b.get(a);
        return a;
    }

    static QuantizationParams q(float scale, long zp) {
        return QuantizationParams.perTensor(scale, zp);
    }

    static float[] floats(Random r, int n, float range) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (r.nextFloat() * 2 - 1) * range;
        }
        return v;
    }

    /** Random codes of an 8-bit type (int8 weights avoid -128, as TFLite's quantizer does). */
    static byte[] codes(Random r, int n, TensorType t) {
        byte[] v = new byte[n];
        for (int i = 0; i < n; i++) {
            v[i] = (byte) (t == TensorType.UINT8 ? r.nextInt(256) : r.nextInt(255) - 127);
        }
        return v;
    }

    /** Per-channel symmetric int8 scales along {@code dim}. */
    static QuantizationParams perChannel(Random r, int channels, int dim, float base) {
        float[] s = new float[channels];
        long[] z = new long[channels];
        for (int c = 0; c < channels; c++) {
            s[c] = base * (0.5f + r.nextFloat());
        }
        return QuantizationParams.perChannel(s, z, dim);
    }

    /** A bias in int32 (or int64 for 16x8) with scale in*filter[c] and codes of moderate size. */
    static SingleOpModel bias(SingleOpModel m, Random r, TensorType type, float inScale, QuantizationParams fq,
                              int channels) {
        float[] s = new float[channels];
        long[] z = new long[channels];
        for (int c = 0; c < channels; c++) {
            s[c] = inScale * fq.scale(fq.channelCount() == 1 ? 0 : c);
        }
        QuantizationParams bq = channels > 1 && fq.channelCount() > 1 ? QuantizationParams.perChannel(s, z, 0)
                : q(s[0], 0);
        if (type == TensorType.INT64) {
            long[] v = new long[channels];
            for (int c = 0; c < channels; c++) {
                v[c] = r.nextInt(200001) - 100000;
            }
            return m.constant("bias", type, new int[] {channels}, bq, v);
        }
        int[] v = new int[channels];
        for (int c = 0; c < channels; c++) {
            v[c] = r.nextInt(20001) - 10000;
        }
        return m.constant("bias", type, new int[] {channels}, bq, v);
    }

    static SingleOpModel floatBias(SingleOpModel m, Random r, int channels) {
        return m.constant("bias", TensorType.FLOAT32, new int[] {channels}, null, floats(r, channels, 1f));
    }

    /**
     * Adds input, filter, bias and output of a conv-like op with type-appropriate scales: the output
     * scale follows the accumulator's spread over {@code k} products so outputs use the code range.
     *
     * @param qdim the filter's channel dimension (0 conv/FC, 3 depthwise)
     */
    static SingleOpModel convLike(SingleOpModel m, Random r, TensorType in, TensorType ft, int[] inShape,
                                  int[] fShape, int channels, int qdim, boolean perChannel, int k, boolean bias,
                                  int[] outShape) {
        int n = 1;
        for (int d : fShape) {
            n *= d;
        }
        double spread = Math.sqrt(k);
        switch (in) {
            case FLOAT32 -> {
                m.input("x", TensorType.FLOAT32, inShape);
                if (ft == TensorType.FLOAT32) {
                    m.constant("w", TensorType.FLOAT32, fShape, null, floats(r, n, 1f));
                } else {
                    QuantizationParams fq = perChannel ? perChannel(r, channels, qdim, 0.01f) : q(0.01f, 0);
                    m.constant("w", TensorType.INT8, fShape, fq, codes(r, n, TensorType.INT8));
                }
                if (bias) {
                    floatBias(m, r, channels);
                } else {
                    m.omitted();
                }
                m.output("y", TensorType.FLOAT32, outShape);
            }
            case UINT8, INT8, INT16 -> {
                boolean u = in == TensorType.UINT8;
                boolean wide = in == TensorType.INT16;
                float inScale = wide ? 0.001f : u ? 0.05f : 0.03f;
                QuantizationParams fq = u ? q(0.02f, 131)
                        : perChannel ? perChannel(r, channels, qdim, 0.02f) : q(0.02f, 0);
                m.input("x", in, inShape, q(inScale, wide ? 0 : u ? 120 : -3));
                m.constant("w", ft, fShape, fq, codes(r, n, ft));
                if (bias) {
                    bias(m, r, wide ? TensorType.INT64 : TensorType.INT32, inScale, fq, channels);
                } else {
                    m.omitted();
                }
                double inRange = wide ? 32768 : 128;
                float outScale = (float) (inScale * 0.02f * spread * inRange * 74 / 3 / (wide ? 20000 : 100));
                m.output("y", in, outShape, q(outScale, wide ? 0 : u ? 97 : 5));
            }
            default -> throw new IllegalArgumentException(in.toString());
        }
        return m;
    }
}
