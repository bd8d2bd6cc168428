package dev.slimfit.runtime.kernels.seq;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/** Writes a flat FlexBuffers map of ints, floats and bools (4-byte slots, keys sorted) for custom-op tests. */
final class FlexMapWriter {
    private FlexMapWriter() {
    }

    static byte[] write(Map<String, Object> entries) {
        TreeMap<String, Object> sorted = new TreeMap<>(entries);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int[] keyPos = new int[sorted.size()];
        int k = 0;
        for (String key : sorted.keySet()) {
            keyPos[k++] = out.size();
            out.writeBytes(key.getBytes(StandardCharsets.UTF_8));
            out.write(0);
        }
        align(out);
        u32(out, sorted.size());
        int keysStart = out.size();
        for (int i = 0; i < keyPos.length; i++) {
            u32(out, out.size() - keyPos[i]);
        }
        u32(out, out.size() - keysStart);
        u32(out, 4);
        u32(out, sorted.size());
        int mapStart = out.size();
        byte[] types = new byte[sorted.size()];
        k = 0;
        for (Object v : sorted.values()) {
            if (v instanceof Boolean b) {
                u32(out, b ? 1 : 0);
                types[k++] = (byte) ((26 << 2) | 2);
            } else if (v instanceof Float f) {
                u32(out, Float.floatToIntBits(f));
                types[k++] = (byte) ((3 << 2) | 2);
            } else {
                u32(out, ((Number) v).intValue());
                types[k++] = (byte) ((1 << 2) | 2);
            }
        }
        out.writeBytes(types);
        align(out);
        u32(out, out.size() - mapStart);
        out.write((9 << 2) | 2);
        out.write(4);
        return out.toByteArray();
    }

    private static void align(ByteArrayOutputStream out) {
        while (out.size() % 4 != 0) {
            out.write(0);
        }
    }

    private static void u32(ByteArrayOutputStream out, int v) {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
    }
}
