package dev.slimfit.runtime;

import dev.slimfit.model.QuantizationParams;
import dev.slimfit.model.TensorType;
import dev.slimfit.quant.Float16;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A tensor while the interpreter runs: its current shape and its values in one primitive array
 * chosen by type — {@code float[]} for FLOAT32, {@code byte[]} for INT8, UINT8 (read with
 * {@code & 0xFF}) and BOOL (0/1), {@code short[]} for INT16 and FLOAT16 (raw half bits),
 * {@code int[]} for INT32, {@code long[]} for INT64, {@code byte[]} for STRING (raw encoding),
 * {@code int[]} holding the resource-variable id for RESOURCE.
 *
 * <p>Kernels fetch the array once in prepare or at the start of eval; {@link #resize(int[])} keeps
 * the array when it is large enough, so a steady-state invoke allocates nothing.
 */
public final class RuntimeTensor {
    private final int index;
    private final String name;
    private final TensorType type;
    private final QuantizationParams quantization;
    private boolean constant;
    private final boolean variable;
    private final dev.slimfit.model.Tensor source;
    private int[] shape;
    private int flatSize;
    /** Counts shape changes, so the interpreter can re-prepare nodes after a dynamic output changed. */
    private int shapeGeneration;
    private Object data;

    RuntimeTensor(int index, String name, TensorType type, int[] shape, QuantizationParams quantization,
                  boolean constant, boolean variable, dev.slimfit.model.Tensor source) {
        this.index = index;
        this.source = source;
        this.name = name;
        this.type = type;
        this.quantization = quantization;
        this.constant = constant;
        this.variable = variable;
        this.shape = shape.clone();
        this.flatSize = flat(shape);
        this.data = null;
    }

    /** A free-standing tensor (for tests, calibration and scratch space). */
    public static RuntimeTensor of(String name, TensorType type, int[] shape, QuantizationParams q) {
        RuntimeTensor t = new RuntimeTensor(-1, name, type, shape, q, false, false, null);
        t.allocate();
        return t;
    }

    static int flat(int[] shape) {
        long n = 1;
        for (int d : shape) {
            n *= Math.max(d, 0);
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " is too large");
            }
        }
        return (int) n;
    }

    /** The model tensor this runtime tensor was made from (sparsity, signature), or null. */
    public dev.slimfit.model.Tensor modelTensor() {
        return source;
    }

    /** Index of this tensor in its subgraph (-1 for free-standing tensors). */
    public int index() {
        return index;
    }

    public String name() {
        return name;
    }

    public TensorType type() {
        return type;
    }

    /** Quantization parameters, or null. */
    public QuantizationParams quantization() {
        return quantization;
    }

    /** Per-tensor scale (the first scale), or 0 when unquantized. */
    public float scale() {
        return quantization != null && quantization.isAffine() ? quantization.scale(0) : 0f;
    }

    /** Per-tensor zero point (the first one), or 0. */
    public int zeroPoint() {
        return quantization != null && quantization.isAffine() ? (int) quantization.zeroPoint(0) : 0;
    }

    /** Marks a tensor computed once from constants (a folded DEQUANTIZE/DENSIFY output) as constant. */
    void markConstant() {
        constant = true;
    }

    /** True for tensors whose values come from the model file (or are folded from such values). */
    public boolean isConstant() {
        return constant;
    }

    /** True for variable tensors (state kept across invocations, e.g. LSTM/SVDF state). */
    public boolean isVariable() {
        return variable;
    }

    /** The current shape (copy). */
    public int[] shape() {
        return shape.clone();
    }

    /** Incremented whenever {@link #resize} changes the shape. */
    int shapeGeneration() {
        return shapeGeneration;
    }

    /** Current rank. */
    public int rank() {
        return shape.length;
    }

    /** Dimension {@code i}; negative {@code i} counts from the end. */
    public int dim(int i) {
        return shape[i < 0 ? shape.length + i : i];
    }

    /** Number of elements of the current shape. */
    public int flatSize() {
        return flatSize;
    }

    /** Changes the shape, growing the storage only when needed. Constants cannot be resized. */
    public void resize(int[] newShape) {
        if (constant && !Arrays.equals(shape, newShape)) {
            throw new IllegalStateException("constant tensor '" + name + "' cannot be resized");
        }
        if (!Arrays.equals(shape, newShape)) {
            shapeGeneration++;
        }
        shape = newShape.clone();
        flatSize = flat(newShape);
        if (data == null || capacity() < storageLength()) {
            allocate();
        }
    }

    void allocate() {
        int n = storageLength();
        switch (type) {
            case FLOAT32 -> data = new float[n];
            case INT8, UINT8, BOOL, STRING -> data = new byte[n];
            case INT16, FLOAT16 -> data = new short[n];
            case INT32 -> data = new int[n];
            // A resource handle holds the id of a resource variable, as TFLite's int32 resource tensors.
            case RESOURCE -> data = new int[Math.max(1, n)];
            case INT64 -> data = new long[n];
            default -> data = new byte[(int) type.bytesFor(n)];
        }
    }

    private int storageLength() {
        return flatSize;
    }

    private int capacity() {
        return java.lang.reflect.Array.getLength(data);
    }

    void setData(Object values) {
        this.data = values;
    }

    /** The raw storage array. */
    public Object data() {
        if (data == null) {
            allocate();
        }
        return data;
    }

    public float[] floats() {
        return (float[]) data();
    }

    /** int8/uint8/bool storage. */
    public byte[] bytes() {
        return (byte[]) data();
    }

    /** int16/float16 storage. */
    public short[] shorts() {
        return (short[]) data();
    }

    public int[] ints() {
        return (int[]) data();
    }

    public long[] longs() {
        return (long[]) data();
    }

    /** Byte size of the current contents when serialized densely (little-endian). */
    public int byteSize() {
        return type == TensorType.STRING ? flatSize : (int) type.bytesFor(flatSize);
    }

    /** Fills this tensor from little-endian bytes (exactly {@link #byteSize()} of them). */
    public void copyFrom(ByteBuffer src) {
        ByteBuffer b = src.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        if (b.remaining() != byteSize()) {
            throw new IllegalArgumentException("tensor '" + name + "' " + type + Arrays.toString(shape) + " needs "
                    + byteSize() + " bytes, got " + b.remaining());
        }
        Object d = data();
        switch (type) {
            case FLOAT32 -> b.asFloatBuffer().get((float[]) d, 0, flatSize);
            case INT16, FLOAT16 -> b.asShortBuffer().get((short[]) d, 0, flatSize);
            case INT32 -> b.asIntBuffer().get((int[]) d, 0, flatSize);
            case INT64 -> b.asLongBuffer().get((long[]) d, 0, flatSize);
            default -> b.get((byte[]) d, 0, byteSize());
        }
    }

    /** The current contents as little-endian bytes. */
    public ByteBuffer toByteBuffer() {
        ByteBuffer b = ByteBuffer.allocate(byteSize()).order(ByteOrder.LITTLE_ENDIAN);
        Object d = data();
        switch (type) {
            case FLOAT32 -> b.asFloatBuffer().put((float[]) d, 0, flatSize);
            case INT16, FLOAT16 -> b.asShortBuffer().put((short[]) d, 0, flatSize);
            case INT32 -> b.asIntBuffer().put((int[]) d, 0, flatSize);
            case INT64 -> b.asLongBuffer().put((long[]) d, 0, flatSize);
            default -> b.put((byte[]) d, 0, byteSize());
        }
        b.rewind();
        return b;
    }

    /** Values as doubles, dequantized when the tensor is quantized (per-tensor or per-channel). */
    public double[] toDoubles() {
        double[] out = new double[flatSize];
        Object d = data();
        for (int i = 0; i < flatSize; i++) {
            double v = switch (type) {
                case FLOAT32 -> ((float[]) d)[i];
                case INT8, BOOL -> ((byte[]) d)[i];
                case UINT8 -> ((byte[]) d)[i] & 0xFF;
                case INT16 -> ((short[]) d)[i];
                case FLOAT16 -> Float16.toFloat(((short[]) d)[i]);
                case INT32 -> ((int[]) d)[i];
                case INT64 -> ((long[]) d)[i];
                default -> 0;
            };
            out[i] = v;
        }
        if (quantization != null && quantization.isAffine() && type.isQuantizedInteger()) {
            dequantizeInPlace(out);
        }
        return out;
    }

    private void dequantizeInPlace(double[] v) {
        if (!quantization.isPerChannel()) {
            double s = quantization.scale(0);
            long zp = quantization.zeroPoint(0);
            for (int i = 0; i < v.length; i++) {
                v[i] = s * (v[i] - zp);
            }
            return;
        }
        int qd = quantization.quantizedDimension();
        int inner = 1;
        for (int i = qd + 1; i < shape.length; i++) {
            inner *= shape[i];
        }
        int channels = shape[qd];
        for (int i = 0; i < v.length; i++) {
            int c = (i / inner) % channels;
            v[i] = quantization.scale(c) * (v[i] - quantization.zeroPoint(c));
        }
    }

    @Override
    public String toString() {
        return "'" + name + "' " + type + Arrays.toString(shape);
    }
}
