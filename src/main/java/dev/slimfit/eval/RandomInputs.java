package dev.slimfit.eval;

import dev.slimfit.model.TensorType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Seeded pseudo-random input tensors, the same bytes as the test oracle's recipe so a user can
 * reproduce any comparison: SplitMix64 with state {@code seed + (i+1)·0xD1B54A32D192ED03} for input
 * {@code i}; one draw per element in row-major order; FLOAT32 {@code ((x>>>40) - 2^23) / 2^23}
 * (uniform on [-1, 1)); INT8/UINT8 {@code x>>>56}; INT16 {@code x>>>48}; INT32/INT64
 * {@code x>>>61} (0..7, safe for indices); BOOL {@code x>>>63}; little-endian.
 */
public final class RandomInputs {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final long INPUT_STRIDE = 0xD1B54A32D192ED03L;

    private RandomInputs() {
    }

    /** The stream seed of input {@code index}. */
    public static long inputSeed(long seed, int index) {
        return seed + (index + 1L) * INPUT_STRIDE;
    }

    /** Bytes of input {@code index} with {@code shape} and {@code type}, from the model-level {@code seed}. */
    public static byte[] forInput(TensorType type, int[] shape, long seed, int index) {
        return generate(type, shape, inputSeed(seed, index));
    }

    /** Bytes of one tensor from stream seed {@code streamSeed}. */
    public static byte[] generate(TensorType type, int[] shape, long streamSeed) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("dynamic dimension in shape " + Arrays.toString(shape));
            }
            n *= d;
        }
        int size = switch (type) {
            case FLOAT32, INT32 -> 4;
            case INT64 -> 8;
            case INT16 -> 2;
            case INT8, UINT8, BOOL -> 1;
            default -> throw new IllegalArgumentException("cannot generate random " + type + " inputs");
        };
        if (n * size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("tensor too large: " + n + " elements");
        }
        ByteBuffer bb = ByteBuffer.allocate((int) (n * size)).order(ByteOrder.LITTLE_ENDIAN);
        long s = streamSeed;
        for (long e = 0; e < n; e++) {
            s += GOLDEN;
            long x = mix(s);
            switch (type) {
                case FLOAT32 -> bb.putFloat(((x >>> 40) - 8388608L) / 8388608.0f);
                case INT8, UINT8 -> bb.put((byte) (x >>> 56));
                case INT16 -> bb.putShort((short) (x >>> 48));
                case INT32 -> bb.putInt((int) (x >>> 61));
                case INT64 -> bb.putLong(x >>> 61);
                default -> bb.put((byte) (x >>> 63));
            }
        }
        return bb.array();
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
