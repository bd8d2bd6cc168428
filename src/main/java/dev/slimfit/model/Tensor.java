package dev.slimfit.model;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A tensor of a subgraph: its element type and shape, the model buffer that holds its constant
 * data (0 = none), quantization and sparsity parameters, and the flags the schema carries.
 * Immutable; the {@code with...} methods return changed copies.
 */
public final class Tensor {
    private final String name;
    private final TensorType type;
    private final int[] shape;
    private final int[] shapeSignature;
    private final int buffer;
    private final QuantizationParams quantization;
    private final boolean variable;
    private final SparsityParams sparsity;
    private final boolean hasRank;
    private final List<VariantSubType> variantTensors;

    /** Full constructor; {@code shapeSignature}, {@code quantization}, {@code sparsity} may be null. */
    public Tensor(String name, TensorType type, int[] shape, int[] shapeSignature, int buffer,
                  QuantizationParams quantization, boolean variable, SparsityParams sparsity,
                  boolean hasRank, List<VariantSubType> variantTensors) {
        this.name = name == null ? "" : name;
        this.type = Objects.requireNonNull(type, "type");
        this.shape = shape == null ? new int[0] : shape.clone();
        this.shapeSignature = shapeSignature == null ? null : shapeSignature.clone();
        this.buffer = buffer;
        this.quantization = quantization;
        this.variable = variable;
        this.sparsity = sparsity;
        this.hasRank = hasRank;
        this.variantTensors = variantTensors == null ? null : List.copyOf(variantTensors);
    }

    /** A plain tensor: no quantization, no sparsity. */
    public static Tensor of(String name, TensorType type, int[] shape, int buffer) {
        return new Tensor(name, type, shape, null, buffer, null, false, null, false, null);
    }

    public String name() {
        return name;
    }

    public TensorType type() {
        return type;
    }

    /** The static shape (copy); empty for scalars. */
    public int[] shape() {
        return shape.clone();
    }

    /** Rank of the static shape. */
    public int rank() {
        return shape.length;
    }

    /** Dimension {@code i} of the static shape. */
    public int dim(int i) {
        return shape[i];
    }

    /** The shape with -1 for dynamic dimensions, or null when the file has none. */
    public int[] shapeSignature() {
        return shapeSignature == null ? null : shapeSignature.clone();
    }

    /** Index into {@link Model#buffers()}; 0 is the schema's empty sentinel buffer. */
    public int buffer() {
        return buffer;
    }

    /** Quantization parameters, or null. */
    public QuantizationParams quantization() {
        return quantization;
    }

    /** True when the tensor has affine quantization (at least one scale). */
    public boolean isQuantized() {
        return quantization != null && quantization.isAffine();
    }

    public boolean isVariable() {
        return variable;
    }

    /** Sparsity parameters, or null for dense tensors. */
    public SparsityParams sparsity() {
        return sparsity;
    }

    public boolean hasRank() {
        return hasRank;
    }

    /** Variant sub-types, or null. */
    public List<VariantSubType> variantTensors() {
        return variantTensors;
    }

    /** Number of elements of the static shape (1 for scalars); overflow-checked. */
    public long elementCount() {
        long n = 1;
        for (int d : shape) {
            n = Math.multiplyExact(n, Math.max(d, 0));
        }
        return n;
    }

    /** Dense byte size of the static shape. */
    public long byteSize() {
        return type.bytesFor(elementCount());
    }

    public Tensor withName(String newName) {
        return new Tensor(newName, type, shape, shapeSignature, buffer, quantization, variable, sparsity, hasRank,
                variantTensors);
    }

    public Tensor withType(TensorType newType) {
        return new Tensor(name, newType, shape, shapeSignature, buffer, quantization, variable, sparsity, hasRank,
                variantTensors);
    }

    public Tensor withShape(int[] newShape, int[] newSignature) {
        return new Tensor(name, type, newShape, newSignature, buffer, quantization, variable, sparsity, hasRank,
                variantTensors);
    }

    public Tensor withBuffer(int newBuffer) {
        return new Tensor(name, type, shape, shapeSignature, newBuffer, quantization, variable, sparsity, hasRank,
                variantTensors);
    }

    public Tensor withQuantization(QuantizationParams q) {
        return new Tensor(name, type, shape, shapeSignature, buffer, q, variable, sparsity, hasRank, variantTensors);
    }

    public Tensor withSparsity(SparsityParams s) {
        return new Tensor(name, type, shape, shapeSignature, buffer, quantization, variable, s, hasRank,
                variantTensors);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && name.equals(t.name) && type == t.type && Arrays.equals(shape, t.shape)
                && Arrays.equals(shapeSignature, t.shapeSignature) && buffer == t.buffer
                && Objects.equals(quantization, t.quantization) && variable == t.variable
                && Objects.equals(sparsity, t.sparsity) && hasRank == t.hasRank
                && Objects.equals(variantTensors, t.variantTensors);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, Arrays.hashCode(shape), buffer);
    }

    @Override
    public String toString() {
        return name + " " + type + Arrays.toString(shape) + (isQuantized() ? " q(" + quantization + ")" : "");
    }

    /** A variant tensor's element description. */
    public record VariantSubType(int[] shape, TensorType type, boolean hasRank) {
        public VariantSubType {
            shape = shape == null ? null : shape.clone();
        }

        @Override
        public int[] shape() {
            return shape == null ? null : shape.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof VariantSubType v && Arrays.equals(shape, v.shape) && type == v.type
                    && hasRank == v.hasRank;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(shape) * 31 + type.hashCode();
        }
    }
}
