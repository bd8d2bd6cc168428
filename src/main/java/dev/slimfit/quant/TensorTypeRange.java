package dev.slimfit.quant;

/** Integer ranges of the quantized tensor types ({@code std::numeric_limits<T>::min/max}). */
public enum TensorTypeRange {
    /** int8: -128..127. */
    INT8(-128, 127),
    /** uint8: 0..255. */
    UINT8(0, 255),
    /** int16: -32768..32767. */
    INT16(Short.MIN_VALUE, Short.MAX_VALUE),
    /** int32. */
    INT32(Integer.MIN_VALUE, Integer.MAX_VALUE);

    private final int qmin;
    private final int qmax;

    TensorTypeRange(int qmin, int qmax) {
        this.qmin = qmin;
        this.qmax = qmax;
    }

    /** Smallest code. */
    public int qmin() {
        return qmin;
    }

    /** Largest code. */
    public int qmax() {
        return qmax;
    }

    /** Clamps {@code v} into this type's range. */
    public int clamp(int v) {
        return Math.min(Math.max(v, qmin), qmax);
    }
}
