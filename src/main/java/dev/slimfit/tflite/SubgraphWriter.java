package dev.slimfit.tflite;

import com.google.flatbuffers.FlatBufferBuilder;
import dev.slimfit.model.CompositeOptions;
import dev.slimfit.model.Operator;
import dev.slimfit.model.OperatorCode;
import dev.slimfit.model.QuantizationParams;
import dev.slimfit.model.SparsityParams;
import dev.slimfit.model.Subgraph;
import dev.slimfit.model.Tensor;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.lite.schema.CustomQuantization;
import org.tensorflow.lite.schema.DimensionMetadata;
import org.tensorflow.lite.schema.Int32Vector;
import org.tensorflow.lite.schema.QuantizationDetails;
import org.tensorflow.lite.schema.QuantizationParameters;
import org.tensorflow.lite.schema.SparseIndexVector;
import org.tensorflow.lite.schema.SparsityParameters;
import org.tensorflow.lite.schema.SubGraph;
import org.tensorflow.lite.schema.Uint16Vector;
import org.tensorflow.lite.schema.Uint8Vector;
import org.tensorflow.lite.schema.VariantSubType;

/** Writes one subgraph's tensors and operators; absent vectors stay absent. */
final class SubgraphWriter {
    /** Operator table slots that the generated class does not know. */
    private static final int OPERATOR_SLOTS_WITH_OPTIONS2 = 13;

    private final FlatBufferBuilder b;
    private final Map<OperatorCode, Integer> codeIndex;

    SubgraphWriter(FlatBufferBuilder b, Map<OperatorCode, Integer> codeIndex) {
        this.b = b;
        this.codeIndex = codeIndex;
    }

    int subgraph(Subgraph sg) {
        int[] tensors = new int[sg.tensors().size()];
        for (int i = 0; i < tensors.length; i++) {
            tensors[i] = tensor(sg.tensor(i));
        }
        int[] ops = new int[sg.operators().size()];
        for (int i = 0; i < ops.length; i++) {
            ops[i] = operator(sg.operators().get(i));
        }
        int tVec = SubGraph.createTensorsVector(b, tensors);
        int inVec = SubGraph.createInputsVector(b, sg.inputs());
        int outVec = SubGraph.createOutputsVector(b, sg.outputs());
        int opVec = SubGraph.createOperatorsVector(b, ops);
        int name = sg.name() == null ? 0 : b.createString(sg.name());
        return SubGraph.createSubGraph(b, tVec, inVec, outVec, opVec, name);
    }

    private int ints(int[] v) {
        if (v == null) {
            return 0;
        }
        return shared.computeIfAbsent(new VectorKey('i', Arrays.hashCode(v), v), k -> {
            b.startVector(4, v.length, 4);
            for (int i = v.length - 1; i >= 0; i--) {
                b.addInt(v[i]);
            }
            return b.endVector();
        });
    }

    /**
     * Identical vectors are written once and referenced from every table that has them (legal
     * flatbuffers; readers follow offsets). It matters for per-channel quantization: every
     * per-channel weight and bias carries an int64 zero-point vector of zeros, 8 bytes per channel,
     * and those are identical for all tensors with the same channel count.
     */
    private record VectorKey(char type, int hash, Object values) {
        @Override
        public boolean equals(Object o) {
            return o instanceof VectorKey k && k.type == type && k.hash == hash
                    && java.util.Objects.deepEquals(k.values, values);
        }

        @Override
        public int hashCode() {
            return 31 * type + hash;
        }
    }

    private final Map<VectorKey, Integer> shared = new HashMap<>();

    private int floats(float[] v, java.util.function.ToIntFunction<float[]> create) {
        return shared.computeIfAbsent(new VectorKey('f', Arrays.hashCode(v), v), k -> create.applyAsInt(v));
    }

    private int longs(long[] v) {
        return shared.computeIfAbsent(new VectorKey('l', Arrays.hashCode(v), v),
                k -> QuantizationParameters.createZeroPointVector(b, v));
    }

    private int tensor(Tensor t) {
        int name = b.createString(t.name());
        int shape = ints(t.shape());
        int sig = ints(t.shapeSignature());
        int quant = quantization(t.quantization());
        int sparsity = sparsity(t.sparsity());
        int variants = 0;
        if (t.variantTensors() != null) {
            List<Tensor.VariantSubType> vs = t.variantTensors();
            int[] offs = new int[vs.size()];
            for (int i = 0; i < offs.length; i++) {
                Tensor.VariantSubType v = vs.get(i);
                int vshape = ints(v.shape());
                offs[i] = VariantSubType.createVariantSubType(b, vshape, (byte) v.type().code(), v.hasRank());
            }
            variants = org.tensorflow.lite.schema.Tensor.createVariantTensorsVector(b, offs);
        }
        org.tensorflow.lite.schema.Tensor.startTensor(b);
        if (shape != 0) {
            org.tensorflow.lite.schema.Tensor.addShape(b, shape);
        }
        org.tensorflow.lite.schema.Tensor.addType(b, (byte) t.type().code());
        org.tensorflow.lite.schema.Tensor.addBuffer(b, t.buffer());
        org.tensorflow.lite.schema.Tensor.addName(b, name);
        if (quant != 0) {
            org.tensorflow.lite.schema.Tensor.addQuantization(b, quant);
        }
        org.tensorflow.lite.schema.Tensor.addIsVariable(b, t.isVariable());
        if (sparsity != 0) {
            org.tensorflow.lite.schema.Tensor.addSparsity(b, sparsity);
        }
        if (sig != 0) {
            org.tensorflow.lite.schema.Tensor.addShapeSignature(b, sig);
        }
        org.tensorflow.lite.schema.Tensor.addHasRank(b, t.hasRank());
        if (variants != 0) {
            org.tensorflow.lite.schema.Tensor.addVariantTensors(b, variants);
        }
        return org.tensorflow.lite.schema.Tensor.endTensor(b);
    }

    /**
     * Identical tables are shared like identical vectors: many activations carry the same
     * quantization (every ReLU6 output calibrated to [0, 6]) and many ops the same options.
     */
    private final Map<Object, Integer> sharedTables = new HashMap<>();

    private int quantization(QuantizationParams q) {
        if (q == null) {
            return 0;
        }
        return sharedTables.computeIfAbsent(q, k -> quantizationTable(q));
    }

    private int quantizationTable(QuantizationParams q) {
        int min = q.min() == null ? 0 : floats(q.min(), v -> QuantizationParameters.createMinVector(b, v));
        int max = q.max() == null ? 0 : floats(q.max(), v -> QuantizationParameters.createMaxVector(b, v));
        int scale = q.scales() == null ? 0 : floats(q.scales(), v -> QuantizationParameters.createScaleVector(b, v));
        int zp = q.zeroPoints() == null ? 0 : longs(q.zeroPoints());
        int details = 0;
        if (q.customDetails() != null) {
            int bytes = CustomQuantization.createCustomVector(b, q.customDetails());
            details = CustomQuantization.createCustomQuantization(b, bytes);
        }
        return QuantizationParameters.createQuantizationParameters(b, min, max, scale, zp,
                details == 0 ? QuantizationDetails.NONE : QuantizationDetails.CustomQuantization, details,
                q.quantizedDimension());
    }

    private int sparsity(SparsityParams s) {
        if (s == null) {
            return 0;
        }
        int order = ints(s.traversalOrder());
        int blockMap = ints(s.blockMap());
        int dims = 0;
        if (s.dimMetadata() != null) {
            int[] offs = new int[s.dimMetadata().size()];
            for (int i = 0; i < offs.length; i++) {
                SparsityParams.DimensionMetadata d = s.dimMetadata().get(i);
                int seg = indexVector(d.segmentsType(), d.segments());
                int idx = indexVector(d.indicesType(), d.indices());
                offs[i] = DimensionMetadata.createDimensionMetadata(b, (byte) d.format(), d.denseSize(),
                        (byte) (seg == 0 ? 0 : d.segmentsType()), seg, (byte) (idx == 0 ? 0 : d.indicesType()), idx);
            }
            dims = SparsityParameters.createDimMetadataVector(b, offs);
        }
        return SparsityParameters.createSparsityParameters(b, order, blockMap, dims);
    }

    private int indexVector(int type, int[] values) {
        if (values == null || type == 0) {
            return 0;
        }
        switch (type) {
            case SparseIndexVector.Int32Vector:
                return Int32Vector.createInt32Vector(b, Int32Vector.createValuesVector(b, values));
            case SparseIndexVector.Uint16Vector: {
                b.startVector(2, values.length, 2);
                for (int i = values.length - 1; i >= 0; i--) {
                    b.addShort((short) values[i]);
                }
                return Uint16Vector.createUint16Vector(b, b.endVector());
            }
            case SparseIndexVector.Uint8Vector: {
                byte[] bytes = new byte[values.length];
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = (byte) values[i];
                }
                return Uint8Vector.createUint8Vector(b, Uint8Vector.createValuesVector(b, bytes));
            }
            default:
                throw new IllegalArgumentException("unknown sparse index vector type " + type);
        }
    }

    private int operator(Operator op) {
        int inputs = ints(op.inputs());
        int outputs = ints(op.outputs());
        int options = op.options() == null ? 0
                : sharedTables.computeIfAbsent(op.options(), k -> OptionsCodec.write(b, op.options()));
        int custom = op.customOptions() == null ? 0
                : org.tensorflow.lite.schema.Operator.createCustomOptionsVector(b, op.customOptions());
        int mutating = op.mutatingVariableInputs() == null ? 0
                : org.tensorflow.lite.schema.Operator.createMutatingVariableInputsVector(b, op.mutatingVariableInputs());
        int intermediates = ints(op.intermediates());
        int options2 = op.options2() == null ? 0 : composite(op.options2());
        if (options2 != 0) {
            b.startTable(OPERATOR_SLOTS_WITH_OPTIONS2);
        } else {
            org.tensorflow.lite.schema.Operator.startOperator(b);
        }
        org.tensorflow.lite.schema.Operator.addOpcodeIndex(b, codeIndex.get(op.code()));
        org.tensorflow.lite.schema.Operator.addInputs(b, inputs);
        org.tensorflow.lite.schema.Operator.addOutputs(b, outputs);
        if (options != 0) {
            org.tensorflow.lite.schema.Operator.addBuiltinOptionsType(b, (byte) op.options().typeCode());
            org.tensorflow.lite.schema.Operator.addBuiltinOptions(b, options);
        }
        if (custom != 0) {
            org.tensorflow.lite.schema.Operator.addCustomOptions(b, custom);
        }
        org.tensorflow.lite.schema.Operator.addCustomOptionsFormat(b, (byte) op.customOptionsFormat());
        if (mutating != 0) {
            org.tensorflow.lite.schema.Operator.addMutatingVariableInputs(b, mutating);
        }
        if (intermediates != 0) {
            org.tensorflow.lite.schema.Operator.addIntermediates(b, intermediates);
        }
        if (options2 != 0) {
            b.addByte(11, (byte) FlatWalker.STABLEHLO_COMPOSITE_OPTIONS, 0);
            b.addOffset(12, options2, 0);
        }
        return b.endTable();
    }

    private int composite(CompositeOptions c) {
        int name = c.name() == null ? 0 : b.createString(c.name());
        int attrs = c.attributes() == null ? 0 : b.createByteVector(c.attributes());
        b.startTable(5);
        if (name != 0) {
            b.addOffset(0, name, 0);
        }
        b.addInt(1, c.decompositionSubgraphIndex(), 0);
        if (attrs != 0) {
            b.addOffset(2, attrs, 0);
        }
        b.addByte(3, (byte) c.attributesFormat(), 0);
        b.addInt(4, c.version(), 0);
        return b.endTable();
    }
}
