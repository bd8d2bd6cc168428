package dev.slimfit.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a single-subgraph model step by step: add activation and constant tensors, then
 * operators in execution order, then mark inputs and outputs. Used by the sample-model generator
 * and by tests that need whole small models.
 */
public final class GraphBuilder {
    private final List<Tensor> tensors = new ArrayList<>();
    private final List<Buffer> buffers = new ArrayList<>(List.of(Buffer.empty()));
    private final List<Operator> operators = new ArrayList<>();
    private final List<Integer> inputs = new ArrayList<>();
    private final List<Integer> outputs = new ArrayList<>();
    private final List<Metadata> metadata = new ArrayList<>();
    private final String name;

    public GraphBuilder(String subgraphName) {
        this.name = subgraphName;
    }

    /** An activation tensor (no data); returns its index. */
    public int tensor(String tensorName, TensorType type, int... shape) {
        tensors.add(Tensor.of(tensorName, type, shape, 0));
        return tensors.size() - 1;
    }

    /** A float32 constant; returns its index. */
    public int constant(String tensorName, int[] shape, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return constant(tensorName, TensorType.FLOAT32, shape, b.array());
    }

    /** An int32 constant; returns its index. */
    public int constant(String tensorName, int[] shape, int[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(values);
        return constant(tensorName, TensorType.INT32, shape, b.array());
    }

    /** A constant of any type from its little-endian bytes; returns its index. */
    public int constant(String tensorName, TensorType type, int[] shape, byte[] bytes) {
        buffers.add(Buffer.of(bytes));
        tensors.add(Tensor.of(tensorName, type, shape, buffers.size() - 1));
        return tensors.size() - 1;
    }

    /** Appends an operator (builtin op, version, inputs, outputs, options or null). */
    public GraphBuilder op(BuiltinOp op, int version, int[] in, int[] out, OpOptions options) {
        operators.add(Operator.of(OperatorCode.builtin(op, version), in, out, options));
        return this;
    }

    public GraphBuilder input(int tensor) {
        inputs.add(tensor);
        return this;
    }

    public GraphBuilder output(int tensor) {
        outputs.add(tensor);
        return this;
    }

    /** Adds a metadata entry holding {@code bytes}. */
    public GraphBuilder metadata(String key, byte[] bytes) {
        buffers.add(Buffer.of(bytes));
        metadata.add(new Metadata(key, buffers.size() - 1));
        return this;
    }

    /** The shape of tensor {@code index}. */
    public int[] shapeOf(int index) {
        return tensors.get(index).shape();
    }

    public Model build(String description) {
        Subgraph sg = new Subgraph(name, tensors, ints(inputs), ints(outputs), operators);
        return new Model(3, description, List.of(sg), buffers, metadata, List.of(), null, null);
    }

    private static int[] ints(List<Integer> l) {
        return l.stream().mapToInt(Integer::intValue).toArray();
    }
}
