package dev.slimfit.model;

import java.util.Optional;

/** Element types of TFLite tensors, numbered as in the schema's {@code TensorType}. */
public enum TensorType {
    FLOAT32(0, 4),
    FLOAT16(1, 2),
    INT32(2, 4),
    UINT8(3, 1),
    INT64(4, 8),
    STRING(5, 1),
    BOOL(6, 1),
    INT16(7, 2),
    COMPLEX64(8, 8),
    INT8(9, 1),
    FLOAT64(10, 8),
    COMPLEX128(11, 16),
    UINT64(12, 8),
    RESOURCE(13, 0),
    VARIANT(14, 0),
    UINT32(15, 4),
    UINT16(16, 2),
    /** Packed 4-bit integers; {@link #byteSize()} is 1 per two elements, see {@link #bytesFor(long)}. */
    INT4(17, 1);

    private static final TensorType[] BY_CODE = new TensorType[18];

    static {
        for (TensorType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    private final int code;
    private final int byteSize;

    TensorType(int code, int byteSize) {
        this.code = code;
        this.byteSize = byteSize;
    }

    /** The schema's numeric code. */
    public int code() {
        return code;
    }

    /** Bytes per element (0 for opaque resource/variant handles; strings are variable-length). */
    public int byteSize() {
        return byteSize;
    }

    /** Bytes needed for {@code elements} values of this type in a dense buffer. */
    public long bytesFor(long elements) {
        return this == INT4 ? (elements + 1) / 2 : elements * byteSize;
    }

    /** True for the integer types TFLite quantizes to (int4/int8/uint8/int16). */
    public boolean isQuantizedInteger() {
        return this == INT8 || this == UINT8 || this == INT16 || this == INT4;
    }

    /** True for floating-point element types. */
    public boolean isFloat() {
        return this == FLOAT32 || this == FLOAT16 || this == FLOAT64;
    }

    /** The type for a schema code, or empty for codes this version does not know. */
    public static Optional<TensorType> of(int code) {
        return code >= 0 && code < BY_CODE.length ? Optional.ofNullable(BY_CODE[code]) : Optional.empty();
    }
}
