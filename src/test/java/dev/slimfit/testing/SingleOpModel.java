package dev.slimfit.testing;

import dev.slimfit.model.Buffer;
import dev.slimfit.model.BuiltinOp;
import dev.slimfit.model.Model;
import dev.slimfit.model.OpOptions;
import dev.slimfit.model.Operator;
import dev.slimfit.model.OperatorCode;
import dev.slimfit.model.QuantizationParams;
import dev.slimfit.model.Subgraph;
import dev.slimfit.model.Tensor;
import dev.slimfit.model.TensorType;
import dev.slimfit.tflite.TfliteWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds a one-operator model with our own writer, for per-op tests against the oracle.
 *
 * <pre>{@code
 * Model m = new SingleOpModel(BuiltinOp.ADD, 1)
 *         .input("a", TensorType.FLOAT32, new int[] {1, 4})
 *         .constant("b", TensorType.FLOAT32, new int[] {4}, null, new float[] {1, 2, 3, 4})
 *         .output("y", TensorType.FLOAT32, new int[] {1, 4})
 *         .options("AddOptions", Map.of("fusedActivationFunction", (byte) 0))
 *         .build();
 * }</pre>
 * Inputs (activation or constant) are added in the op's input order; {@link #omitted()} adds a
 * -1 slot for an omitted optional input. Activation inputs become the model's inputs in order.
 */
public final class SingleOpModel {
    private final OperatorCode code;
    private final List<Tensor> tensors = new ArrayList<>();
    private final List<Buffer> buffers = new ArrayList<>(List.of(Buffer.empty()));
    private final List<Integer> opInputs = new ArrayList<>();
    private final List<Integer> opOutputs = new ArrayList<>();
    private final List<Integer> modelInputs = new ArrayList<>();
    private OpOptions options;
    private byte[] customOptions;

    public SingleOpModel(BuiltinOp op, int version) {
        this.code = OperatorCode.builtin(op, version);
    }

    /** A custom op. */
    public SingleOpModel(String customCode, int version) {
        this.code = OperatorCode.custom(customCode, version);
    }

    /** An activation input without quantization. */
    public SingleOpModel input(String name, TensorType type, int[] shape) {
        return input(name, type, shape, null);
    }

    /** An activation input (becomes a model input). */
    public SingleOpModel input(String name, TensorType type, int[] shape, QuantizationParams q) {
        int idx = addTensor(new Tensor(name, type, shape, null, 0, q, false, null, false, null));
        opInputs.add(idx);
        modelInputs.add(idx);
        return this;
    }

    /** A variable tensor input (state, e.g. for LSTM/SVDF); not a model input. */
    public SingleOpModel variable(String name, TensorType type, int[] shape, QuantizationParams q) {
        opInputs.add(addTensor(new Tensor(name, type, shape, null, 0, q, true, null, false, null)));
        return this;
    }

    /**
     * A constant input; {@code values} is a float[], byte[], short[], int[] or long[] matching
     * {@code type} (byte[] for int8/uint8/bool, short[] for int16/float16).
     */
    public SingleOpModel constant(String name, TensorType type, int[] shape, QuantizationParams q, Object values) {
        buffers.add(Buffer.of(toBytes(values)));
        int idx = addTensor(new Tensor(name, type, shape, null, buffers.size() - 1, q, false, null, false, null));
        opInputs.add(idx);
        return this;
    }

    /** An omitted optional input (-1). */
    public SingleOpModel omitted() {
        opInputs.add(-1);
        return this;
    }

    public SingleOpModel output(String name, TensorType type, int[] shape) {
        return output(name, type, shape, null);
    }

    public SingleOpModel output(String name, TensorType type, int[] shape, QuantizationParams q) {
        opOutputs.add(addTensor(new Tensor(name, type, shape, null, 0, q, false, null, false, null)));
        return this;
    }

    /** Builtin options by table name and schema field names (camelCase). */
    public SingleOpModel options(String table, Map<String, ?> fields) {
        this.options = OpOptions.of(table, fields);
        return this;
    }

    public SingleOpModel customOptions(byte[] bytes) {
        this.customOptions = bytes.clone();
        return this;
    }

    private int addTensor(Tensor t) {
        tensors.add(t);
        return tensors.size() - 1;
    }

    public Model build() {
        Operator op = new Operator(code, ints(opInputs), ints(opOutputs), null, options, customOptions, 0, null, null);
        Subgraph sg = new Subgraph("main", tensors, ints(modelInputs), ints(opOutputs), List.of(op));
        return new Model(3, "slimfit single-op test", List.of(sg), buffers, List.of(), List.of(), null, null);
    }

    /** The model as .tflite bytes. */
    public byte[] bytes() {
        ByteBuffer b = TfliteWriter.toBytes(build());
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    private static int[] ints(List<Integer> l) {
        return l.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Little-endian bytes of a primitive array. */
    public static byte[] toBytes(Object values) {
        if (values instanceof byte[] b) {
            return b.clone();
        }
        ByteBuffer bb;
        if (values instanceof float[] f) {
            bb = ByteBuffer.allocate(4 * f.length).order(ByteOrder.LITTLE_ENDIAN);
            bb.asFloatBuffer().put(f);
        } else if (values instanceof short[] s) {
            bb = ByteBuffer.allocate(2 * s.length).order(ByteOrder.LITTLE_ENDIAN);
            bb.asShortBuffer().put(s);
        } else if (values instanceof int[] i) {
            bb = ByteBuffer.allocate(4 * i.length).order(ByteOrder.LITTLE_ENDIAN);
            bb.asIntBuffer().put(i);
        } else if (values instanceof long[] l) {
            bb = ByteBuffer.allocate(8 * l.length).order(ByteOrder.LITTLE_ENDIAN);
            bb.asLongBuffer().put(l);
        } else {
            throw new IllegalArgumentException("unsupported constant array " + values);
        }
        return bb.array();
    }
}
