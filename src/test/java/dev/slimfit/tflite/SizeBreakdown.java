package dev.slimfit.tflite;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the bytes of a {@code .tflite} file go: walks the flatbuffer by hand (schema slot numbers
 * of schema v3) and charges every byte to one category: constant data by role, tensor names,
 * shapes, quantization vectors, operator structure, metadata entries by name. Bytes no table or
 * vector covers are alignment padding when zero, and the appended archive after the flatbuffer.
 * Shared vectors/vtables are charged once. A measuring tool for the size bar (issue 4), test scope.
 */
public final class SizeBreakdown {
    private final ByteBuffer bb;
    private final BitSet covered = new BitSet();
    private final Map<String, Long> bytes = new TreeMap<>();
    private final Map<Integer, String> bufferRole = new HashMap<>();
    private final Map<Integer, String> metaNames = new HashMap<>();

    private SizeBreakdown(byte[] file) {
        this.bb = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Category → bytes; the values sum to the file length. */
    public static Map<String, Long> of(byte[] file) {
        SizeBreakdown s = new SizeBreakdown(file);
        s.walk();
        return s.bytes;
    }

    private void charge(String cat, int from, int len) {
        if (len <= 0) {
            return;
        }
        int fresh = 0;
        for (int i = from; i < from + len; i++) {
            if (!covered.get(i)) {
                covered.set(i);
                fresh++;
            }
        }
        if (fresh > 0) {
            bytes.merge(cat, (long) fresh, Long::sum);
        }
    }

    /** Charges a table's object and vtable; returns the table position. */
    private int table(String cat, int t) {
        int vt = t - bb.getInt(t);
        int vtSize = bb.getShort(vt) & 0xffff;
        int objSize = bb.getShort(vt + 2) & 0xffff;
        charge(cat + " (tables)", t, objSize);
        charge(cat + " (tables)", vt, vtSize);
        return t;
    }

    private int field(int t, int slot) {
        return RawSlots.field(bb, t, slot);
    }

    private int deref(int t, int slot) {
        return RawSlots.table(bb, t, slot);
    }

    private int vecLen(int v) {
        return bb.getInt(v);
    }

    private void vector(String cat, int v, int elem) {
        if (v != 0) {
            charge(cat, v, 4 + vecLen(v) * elem);
        }
    }

    private void string(String cat, int s) {
        if (s != 0) {
            charge(cat, s, 4 + vecLen(s) + 1);
        }
    }

    private String str(int s) {
        byte[] a = new byte[vecLen(s)];
        bb.get(s + 4, a);
        return new String(a, StandardCharsets.UTF_8);
    }

    private void walk() {
        int root = bb.getInt(0);
        charge("header", 0, 8);
        int model = table("model", root);
        int meta = deref(model, 6);
        if (meta != 0) {
            vector("metadata entries", meta, 4);
            for (int i = 0; i < vecLen(meta); i++) {
                int e = elem(meta, i);
                table("metadata entries", e);
                int n = deref(e, 0);
                string("metadata entries", n);
                int bp = field(e, 1);
                if (bp != 0 && n != 0) {
                    metaNames.put(bb.getInt(bp), str(n));
                }
            }
        }
        int codes = deref(model, 1);
        vector("operator codes", codes, 4);
        for (int i = 0; codes != 0 && i < vecLen(codes); i++) {
            int c = table("operator codes", elem(codes, i));
            string("operator codes", deref(c, 1));
        }
        int sgs = deref(model, 2);
        vector("subgraphs", sgs, 4);
        for (int i = 0; i < vecLen(sgs); i++) {
            subgraph(elem(sgs, i));
        }
        string("description", deref(model, 3));
        vector("metadata_buffer", deref(model, 5), 4);
        int sigs = deref(model, 7);
        if (sigs != 0) {
            vector("signature defs", sigs, 4);
            for (int i = 0; i < vecLen(sigs); i++) {
                int s = table("signature defs", elem(sigs, i));
                string("signature defs", deref(s, 2));
                for (int slot = 0; slot < 2; slot++) {
                    int maps = deref(s, slot);
                    vector("signature defs", maps, 4);
                    for (int j = 0; maps != 0 && j < vecLen(maps); j++) {
                        int m = table("signature defs", elem(maps, j));
                        string("signature defs", deref(m, 0));
                    }
                }
            }
        }
        int bufs = deref(model, 4);
        vector("buffer table", bufs, 4);
        for (int i = 0; i < vecLen(bufs); i++) {
            int b = table("buffer table", elem(bufs, i));
            int d = deref(b, 0);
            if (d != 0) {
                String cat = metaNames.containsKey(i) ? "metadata: " + metaNames.get(i)
                        : bufferRole.getOrDefault(i, "data: unreferenced buffer");
                charge(cat, d + 4, vecLen(d));
                charge("buffer table", d, 4);
            }
        }
        int lastCovered = covered.length();
        long pad = 0;
        long other = 0;
        for (int i = covered.nextClearBit(0); i < lastCovered; i = covered.nextClearBit(i + 1)) {
            if (bb.get(i) == 0) {
                pad++;
            } else {
                other++;
            }
        }
        bytes.put("padding (zero gaps)", pad);
        if (other > 0) {
            bytes.put("uncharged non-zero (nested option vectors)", other);
        }
        if (bb.capacity() > lastCovered) {
            bytes.put("after flatbuffer (appended archive + tail padding)", (long) bb.capacity() - lastCovered);
        }
    }

    private int elem(int vec, int i) {
        int p = vec + 4 + 4 * i;
        return p + bb.getInt(p);
    }

    private void subgraph(int sg) {
        table("subgraph", sg);
        string("subgraph", deref(sg, 4));
        vector("subgraph io", deref(sg, 1), 4);
        vector("subgraph io", deref(sg, 2), 4);
        int ts = deref(sg, 0);
        vector("tensor tables", ts, 4);
        for (int i = 0; i < vecLen(ts); i++) {
            int t = table("tensor tables", elem(ts, i));
            string("tensor names", deref(t, 3));
            vector("tensor shapes", deref(t, 0), 4);
            vector("tensor shapes", deref(t, 7), 4);
            int q = deref(t, 4);
            if (q != 0) {
                table("quantization", q);
                vector("quant min/max", deref(q, 0), 4);
                vector("quant min/max", deref(q, 1), 4);
                int sc = deref(q, 2);
                vector("quant scales", sc, 4);
                vector("quant zero points", deref(q, 3), 8);
            }
            int bp = field(t, 2);
            int buf = bp == 0 ? 0 : bb.getInt(bp);
            int type = field(t, 1) == 0 ? 0 : bb.get(field(t, 1));
            int shape = deref(t, 0);
            int rank = shape == 0 ? 0 : vecLen(shape);
            if (buf > 0) {
                bufferRole.putIfAbsent(buf, "data: " + typeName(type) + (rank <= 1 ? " vector" : " weights"));
            }
        }
        int ops = deref(sg, 3);
        vector("operators", ops, 4);
        for (int i = 0; i < vecLen(ops); i++) {
            int o = table("operators", elem(ops, i));
            vector("operator io", deref(o, 1), 4);
            vector("operator io", deref(o, 2), 4);
            vector("operator io", deref(o, 8), 4);
            vector("operators", deref(o, 5), 1);
            vector("operators", deref(o, 7), 1);
            int opts = deref(o, 4);
            if (opts != 0) {
                table("operator options", opts);
            }
        }
    }

    private static String typeName(int t) {
        return switch (t) {
            case 0 -> "float32";
            case 1 -> "float16";
            case 2 -> "int32";
            case 3 -> "uint8";
            case 4 -> "int64";
            case 7 -> "int16";
            case 9 -> "int8";
            default -> "type" + t;
        };
    }

    /** CLI-free entry point for measuring: {@code SizeBreakdown FILE...}. */
    public static void main(String[] args) throws Exception {
        for (String a : args) {
            byte[] f = java.nio.file.Files.readAllBytes(java.nio.file.Path.of(a));
            StringBuilder sb = new StringBuilder(a + " " + f.length + " bytes\n");
            of(f).forEach((k, v) -> sb.append(String.format(java.util.Locale.ROOT, "  %-50s %9d %6.2f%%%n", k, v,
                    100.0 * v / f.length)));
            System.out.print(sb);
        }
    }
}
