package dev.slimfit.oracle;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One input or output tensor as TFLite 2.6.2 reported it. Record equality compares the arrays by
 * identity: compare data with {@link java.util.Arrays#equals(byte[], byte[])} or
 * {@link OracleResult#sameOutputBytes}.
 *
 * @param index     position among the subgraph's inputs or outputs
 * @param name      tensor name
 * @param dtype     {@code FLOAT32, INT8, UINT8, INT16, INT32, INT64, BOOL} or {@code STRING}
 *                  (the only I/O types the 2.6 Java API knows)
 * @param shape     shape after allocation (and after the run, for outputs)
 * @param scale     per-tensor quantization scale (0 when not quantized)
 * @param zeroPoint per-tensor zero point
 * @param data      raw little-endian bytes for outputs of a run; empty for inputs and for
 *                  {@code inspect}
 */
public record OracleTensor(int index, String name, String dtype, int[] shape, float scale, int zeroPoint,
        byte[] data) {

    /** Whether TFLite reported quantization parameters. */
    public boolean quantized() {
        return scale != 0f || zeroPoint != 0;
    }

    /** Element count of {@link #shape()}. */
    public long elements() {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    /** Data as little-endian floats (for FLOAT32 outputs). */
    public float[] floats() {
        if (!"FLOAT32".equals(dtype)) {
            throw new IllegalStateException(name + " is " + dtype + ", not FLOAT32");
        }
        float[] f = new float[data.length / 4];
        ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(f);
        return f;
    }

    /** {@code name dtype [shape] q(scale, zp) bytes=n}. */
    @Override
    public String toString() {
        return name + " " + dtype + " " + Arrays.toString(shape)
                + (quantized() ? " q(" + scale + ", " + zeroPoint + ")" : "") + " bytes=" + data.length;
    }
}
