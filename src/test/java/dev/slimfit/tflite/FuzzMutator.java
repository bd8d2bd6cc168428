package dev.slimfit.tflite;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;

/**
 * Deterministic byte mutations for fuzzing the reader: the same (input, seed) always gives the
 * same output, so a failing case is replayed from its seed alone.
 */
final class FuzzMutator {
    /** Values that break length and offset arithmetic. */
    private static final int[] EXTREMES = {
        0x7fffffff, 0x80000000, -1, 0x40000000, 0x3fffffff, 0x10000, 0xffff, -4, 0x7ffffff8, 0, 1, 4,
    };

    private FuzzMutator() {
    }

    /** A mutated copy and what was done to it. */
    record Mutation(byte[] bytes, String description) {
    }

    static Mutation mutate(byte[] original, long seed) {
        Random r = new Random(seed);
        byte[] b = original.clone();
        int kind = r.nextInt(5);
        switch (kind) {
            case 0 -> {
                int n = 1 + r.nextInt(16);
                for (int i = 0; i < n; i++) {
                    b[r.nextInt(b.length)] ^= (byte) (1 + r.nextInt(255));
                }
                return new Mutation(b, "flipped " + n + " bytes");
            }
            case 1 -> {
                int n = 1 + r.nextInt(4);
                ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < n; i++) {
                    int pos = pointerLike(bb, r);
                    bb.putInt(pos, r.nextInt(4) == 0 ? r.nextInt() : EXTREMES[r.nextInt(EXTREMES.length)]);
                }
                return new Mutation(b, "overwrote " + n + " words with extreme ints");
            }
            case 2 -> {
                int len = r.nextBoolean() ? r.nextInt(Math.min(b.length, 4096)) : r.nextInt(b.length);
                return new Mutation(Arrays.copyOf(b, len), "truncated to " + len + " bytes");
            }
            case 3 -> {
                int len = 1 + r.nextInt(Math.min(256, b.length));
                int from = r.nextInt(b.length - len + 1);
                int to = r.nextInt(b.length - len + 1);
                System.arraycopy(original, from, b, to, len);
                return new Mutation(b, "copied " + len + " bytes from " + from + " over " + to);
            }
            default -> {
                int len = 1 + r.nextInt(Math.min(256, b.length));
                int from = r.nextInt(b.length - len + 1);
                int at = r.nextInt(b.length);
                byte[] out = new byte[b.length + len];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(b, from, out, at, len);
                System.arraycopy(b, at, out, at + len, b.length - at);
                return new Mutation(out, "inserted " + len + " bytes from " + from + " at " + at);
            }
        }
    }

    /**
     * A 4-aligned position, preferring words that look like offsets or lengths (a small positive
     * value): those are the fields whose corruption reaches the reader's arithmetic.
     */
    private static int pointerLike(ByteBuffer bb, Random r) {
        int words = bb.capacity() / 4;
        for (int tries = 0; tries < 64; tries++) {
            int pos = 4 * r.nextInt(words);
            int v = bb.getInt(pos);
            if (v > 0 && v < bb.capacity()) {
                return pos;
            }
        }
        return 4 * r.nextInt(words);
    }
}
