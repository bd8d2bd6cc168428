package dev.slimfit.tflite;

import com.google.flatbuffers.Table;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;

/**
 * Reads table fields that Google's generated classes (schema of about TF 2.14) do not know:
 * {@code Buffer.offset/size}, {@code Operator.large_custom_options_*} and
 * {@code Operator.builtin_options_2}. Works on the table position of a generated object.
 */
final class RawSlots {
    private static final Field BB_POS;

    static {
        try {
            BB_POS = Table.class.getDeclaredField("bb_pos");
            BB_POS.setAccessible(true);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private RawSlots() {
    }

    /** Position of a generated table object within its buffer. */
    static int position(Table t) {
        try {
            return BB_POS.getInt(t);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Absolute position of field {@code slot} of the table at {@code tablePos}, or 0 when absent. */
    static int field(ByteBuffer bb, int tablePos, int slot) {
        int vtable = tablePos - bb.getInt(tablePos);
        int vtableSize = bb.getShort(vtable) & 0xFFFF;
        int voff = 4 + 2 * slot;
        if (voff >= vtableSize) {
            return 0;
        }
        int rel = bb.getShort(vtable + voff) & 0xFFFF;
        return rel == 0 ? 0 : tablePos + rel;
    }

    static long ulong(ByteBuffer bb, int tablePos, int slot, long dflt) {
        int p = field(bb, tablePos, slot);
        return p == 0 ? dflt : bb.getLong(p);
    }

    static int int32(ByteBuffer bb, int tablePos, int slot, int dflt) {
        int p = field(bb, tablePos, slot);
        return p == 0 ? dflt : bb.getInt(p);
    }

    static int ubyte(ByteBuffer bb, int tablePos, int slot, int dflt) {
        int p = field(bb, tablePos, slot);
        return p == 0 ? dflt : bb.get(p) & 0xFF;
    }

    /** Position of the table referenced by field {@code slot}, or 0 when absent. */
    static int table(ByteBuffer bb, int tablePos, int slot) {
        int p = field(bb, tablePos, slot);
        return p == 0 ? 0 : p + bb.getInt(p);
    }

    /** Position of the vector (its length word) referenced by field {@code slot}, or 0. */
    static int vector(ByteBuffer bb, int tablePos, int slot) {
        return table(bb, tablePos, slot);
    }
}
