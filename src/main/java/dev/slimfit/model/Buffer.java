package dev.slimfit.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Constant data of the model: raw little-endian bytes, usually a read-only slice of the
 * memory-mapped source file (so opening a large model copies nothing onto the heap).
 * Two buffers are equal when their bytes are.
 */
public final class Buffer {
    private static final Buffer EMPTY = new Buffer(ByteBuffer.allocate(0), false);

    private final ByteBuffer data;
    private final boolean external;

    private Buffer(ByteBuffer data, boolean external) {
        this.data = data.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
        this.external = external;
    }

    /** The empty buffer (the schema's buffer 0, and every tensor without constant data). */
    public static Buffer empty() {
        return EMPTY;
    }

    /** Wraps bytes (from position to limit) without copying; the caller must not change them. */
    public static Buffer wrap(ByteBuffer bytes) {
        return bytes.remaining() == 0 ? EMPTY : new Buffer(bytes.slice(), false);
    }

    /** Copies bytes into a new buffer. */
    public static Buffer of(byte[] bytes) {
        return bytes.length == 0 ? EMPTY : new Buffer(ByteBuffer.wrap(bytes.clone()), false);
    }

    /** A buffer read from outside the flatbuffer (the schema's offset/size fields, for models over 2 GB). */
    public static Buffer external(ByteBuffer bytes) {
        return new Buffer(bytes.slice(), true);
    }

    /** A read-only little-endian view of the bytes, positioned at 0. */
    public ByteBuffer data() {
        return data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Byte count. */
    public int size() {
        return data.capacity();
    }

    public boolean isEmpty() {
        return data.capacity() == 0;
    }

    /** True when the file stored these bytes after the flatbuffer (offset/size) rather than inline. */
    public boolean isExternal() {
        return external;
    }

    /** A heap copy of the bytes. */
    public byte[] bytes() {
        byte[] out = new byte[size()];
        data().get(out);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Buffer b && data().equals(b.data());
    }

    @Override
    public int hashCode() {
        return data().hashCode();
    }

    @Override
    public String toString() {
        return "Buffer[" + size() + " bytes]";
    }
}
