package dev.slimfit.runtime.kernels.seq;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A minimal FlexBuffers reader for custom-op options: the root must be a map whose values are
 * scalars (int, uint, float, bool, or their indirect forms). Enough for
 * TFLite_Detection_PostProcess and similar ops that TFLite parses with
 * {@code flexbuffers::GetRoot(buffer).AsMap()}; anything else is kept out rather than misread.
 */
final class FlexMap {
    private static final int T_NULL = 0;
    private static final int T_INT = 1;
    private static final int T_UINT = 2;
    private static final int T_FLOAT = 3;
    private static final int T_INDIRECT_INT = 6;
    private static final int T_INDIRECT_UINT = 7;
    private static final int T_INDIRECT_FLOAT = 8;
    private static final int T_MAP = 9;
    private static final int T_BOOL = 26;

    private final Map<String, Double> values = new LinkedHashMap<>();

    private FlexMap() {
    }

    /** Parses {@code buf}; throws IllegalArgumentException when it is not a flexbuffer map of scalars. */
    static FlexMap parse(byte[] buf) {
        if (buf == null || buf.length < 3) {
            throw new IllegalArgumentException("custom options are not a flexbuffer");
        }
        try {
            FlexMap m = new FlexMap();
            int rootWidth = buf[buf.length - 1] & 0xFF;
            int rootPacked = buf[buf.length - 2] & 0xFF;
            int rootPos = buf.length - 2 - rootWidth;
            if (rootPacked >> 2 != T_MAP) {
                throw new IllegalArgumentException("flexbuffer root is not a map");
            }
            int map = rootPos - (int) readUInt(buf, rootPos, rootWidth);
            int bw = 1 << (rootPacked & 3);
            int size = (int) readUInt(buf, map - bw, bw);
            int keysWidth = (int) readUInt(buf, map - 2 * bw, bw);
            int keys = map - 3 * bw - (int) readUInt(buf, map - 3 * bw, bw);
            for (int i = 0; i < size; i++) {
                int keyElem = keys + i * keysWidth;
                int key = keyElem - (int) readUInt(buf, keyElem, keysWidth);
                int end = key;
                while (buf[end] != 0) {
                    end++;
                }
                String name = new String(buf, key, end - key, StandardCharsets.UTF_8);
                int packed = buf[map + size * bw + i] & 0xFF;
                Double v = scalar(buf, map + i * bw, bw, packed);
                if (v != null) {
                    m.values.put(name, v);
                }
            }
            return m;
        } catch (ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("truncated flexbuffer", e);
        }
    }

    private static Double scalar(byte[] buf, int pos, int parentWidth, int packed) {
        int type = packed >> 2;
        int width = 1 << (packed & 3);
        switch (type) {
            case T_INT:
                return (double) readInt(buf, pos, parentWidth);
            case T_UINT:
            case T_BOOL:
                return (double) readUInt(buf, pos, parentWidth);
            case T_FLOAT:
                return readFloat(buf, pos, parentWidth);
            case T_INDIRECT_INT:
                return (double) readInt(buf, indirect(buf, pos, parentWidth), width);
            case T_INDIRECT_UINT:
                return (double) readUInt(buf, indirect(buf, pos, parentWidth), width);
            case T_INDIRECT_FLOAT:
                return readFloat(buf, indirect(buf, pos, parentWidth), width);
            case T_NULL:
            default:
                return null;
        }
    }

    private static int indirect(byte[] buf, int pos, int width) {
        return pos - (int) readUInt(buf, pos, width);
    }

    private static long readUInt(byte[] buf, int pos, int width) {
        long v = 0;
        for (int i = width - 1; i >= 0; i--) {
            v = (v << 8) | (buf[pos + i] & 0xFF);
        }
        return v;
    }

    private static long readInt(byte[] buf, int pos, int width) {
        long v = readUInt(buf, pos, width);
        int shift = 64 - 8 * width;
        return (v << shift) >> shift;
    }

    private static double readFloat(byte[] buf, int pos, int width) {
        if (width == 4) {
            return Float.intBitsToFloat((int) readUInt(buf, pos, 4));
        }
        if (width == 8) {
            return Double.longBitsToDouble(readUInt(buf, pos, 8));
        }
        throw new IllegalArgumentException("flexbuffer float of width " + width);
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    /** flexbuffers {@code AsInt32}: numbers convert (floats truncate); absent is 0. */
    int getInt(String key) {
        Double v = values.get(key);
        return v == null ? 0 : (int) (long) (double) v;
    }

    /** flexbuffers {@code AsFloat}; absent is 0. */
    float getFloat(String key) {
        Double v = values.get(key);
        return v == null ? 0f : (float) (double) v;
    }

    boolean getBool(String key) {
        Double v = values.get(key);
        return v != null && v != 0;
    }
}
