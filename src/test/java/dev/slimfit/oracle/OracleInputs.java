package dev.slimfit.oracle;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Deterministic pseudo-random input tensors, specified exactly so that any implementation (our CLI
 * included) can produce the same bytes without this class.
 *
 * <h2>Recipe</h2>
 * All arithmetic is on unsigned/wrapping 64-bit integers; {@code >>>} is a logical shift.
 * <ol>
 *   <li>Stream: SplitMix64 with state {@code s = seed} (for input {@code i} of a model,
 *       {@link #forInputs} uses {@code seed + (i + 1) * 0xD1B54A32D192ED03}). Each draw does
 *       {@code s += 0x9E3779B97F4A7C15; z = s; z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9;
 *       z = (z ^ (z >>> 27)) * 0x94D049BB133111EB; return z ^ (z >>> 31)}.</li>
 *   <li>One draw {@code x} per element, in row-major order, mapped by dtype:
 *     <ul>
 *       <li>FLOAT32: {@code ((x >>> 40) - 8388608) / 8388608.0f}, i.e. uniform on the 2^24-point
 *           grid in [-1, 1); exact in float, no rounding anywhere;</li>
 *       <li>INT8 / UINT8: the byte {@code x >>> 56} (full range; the same bits for both);</li>
 *       <li>INT16: the 16 bits {@code x >>> 48} (full range);</li>
 *       <li>INT32 / INT64: {@code x >>> 61}, i.e. in [0, 7] (safe for indices and lengths);</li>
 *       <li>BOOL: {@code x >>> 63}, i.e. 0 or 1, one byte.</li>
 *     </ul></li>
 *   <li>Elements are written little-endian; the element count is the product of the shape
 *       (1 for rank 0).</li>
 * </ol>
 * Example: seed 0, FLOAT32 [1]: the first draw is 0xE220A8397B1DCDAF, so the value is
 * (0xE220A8 - 8388608) / 8388608 = 0.76662...; {@code OracleInputsTest} pins a few such values.
 * Not the same bytes as the shared reference CLI's {@code --seed} (which uses JDK internals);
 * write the bytes to a file to feed that CLI.
 */
public final class OracleInputs {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final long INPUT_STRIDE = 0xD1B54A32D192ED03L;

    private OracleInputs() {
    }

    /**
     * Bytes for one tensor.
     *
     * @param dtype one of FLOAT32, INT8, UINT8, INT16, INT32, INT64, BOOL
     * @param shape dimensions (all non-negative)
     * @param seed  stream seed
     */
    public static byte[] generate(String dtype, int[] shape, long seed) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("dynamic dimension in shape " + java.util.Arrays.toString(shape)
                        + ": resize the input first");
            }
            n *= d;
        }
        int size = elementSize(dtype);
        if (n * size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("tensor too large: " + n + " elements");
        }
        ByteBuffer bb = ByteBuffer.allocate((int) (n * size)).order(ByteOrder.LITTLE_ENDIAN);
        long s = seed;
        for (long e = 0; e < n; e++) {
            s += GOLDEN;
            long x = mix(s);
            switch (dtype) {
                case "FLOAT32" -> bb.putFloat(((x >>> 40) - 8388608L) / 8388608.0f);
                case "INT8", "UINT8" -> bb.put((byte) (x >>> 56));
                case "INT16" -> bb.putShort((short) (x >>> 48));
                case "INT32" -> bb.putInt((int) (x >>> 61));
                case "INT64" -> bb.putLong(x >>> 61);
                case "BOOL" -> bb.put((byte) (x >>> 63));
                default -> throw new IllegalStateException(dtype);
            }
        }
        return bb.array();
    }

    /** The seed {@link #forInputs} uses for input {@code index}. */
    public static long inputSeed(long seed, int index) {
        return seed + (index + 1L) * INPUT_STRIDE;
    }

    /** Bytes for every input described by an {@link Oracle#inspect} result, in order. */
    public static List<byte[]> forInputs(List<OracleTensor> inputs, long seed) {
        List<byte[]> out = new ArrayList<>(inputs.size());
        for (OracleTensor t : inputs) {
            out.add(generate(t.dtype(), t.shape(), inputSeed(seed, t.index())));
        }
        return out;
    }

    /** Bytes per element for the dtypes above. */
    public static int elementSize(String dtype) {
        return switch (dtype) {
            case "FLOAT32", "INT32" -> 4;
            case "INT64" -> 8;
            case "INT16" -> 2;
            case "INT8", "UINT8", "BOOL" -> 1;
            default -> throw new IllegalArgumentException("cannot generate " + dtype + " inputs");
        };
    }

    /** The SplitMix64 output function (Steele, Lea, Flood 2014). */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
