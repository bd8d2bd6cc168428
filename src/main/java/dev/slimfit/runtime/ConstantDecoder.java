package dev.slimfit.runtime;

import dev.slimfit.model.TensorType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/** Decodes constant buffers (little-endian bytes) into the runtime's primitive arrays, once. */
final class ConstantDecoder {
    private ConstantDecoder() {
    }

    static Object decode(TensorType type, ByteBuffer raw) {
        ByteBuffer b = raw.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        switch (type) {
            case FLOAT32: {
                float[] out = new float[b.remaining() / 4];
                b.asFloatBuffer().get(out);
                return out;
            }
            case INT16:
            case FLOAT16: {
                short[] out = new short[b.remaining() / 2];
                b.asShortBuffer().get(out);
                return out;
            }
            case INT32: {
                int[] out = new int[b.remaining() / 4];
                b.asIntBuffer().get(out);
                return out;
            }
            case INT64: {
                long[] out = new long[b.remaining() / 8];
                b.asLongBuffer().get(out);
                return out;
            }
            default: {
                byte[] out = new byte[b.remaining()];
                b.get(out);
                return out;
            }
        }
    }

    static void fill(Object array, int byteValue) {
        if (array instanceof float[] f) {
            Arrays.fill(f, 0f);
        } else if (array instanceof byte[] x) {
            Arrays.fill(x, (byte) byteValue);
        } else if (array instanceof short[] x) {
            Arrays.fill(x, (short) 0);
        } else if (array instanceof int[] x) {
            Arrays.fill(x, 0);
        } else if (array instanceof long[] x) {
            Arrays.fill(x, 0L);
        }
    }
}
