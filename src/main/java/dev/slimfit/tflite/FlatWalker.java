package dev.slimfit.tflite;

import dev.slimfit.model.Buffer;
import dev.slimfit.model.Metadata;
import dev.slimfit.model.Model;
import dev.slimfit.model.OpOptions;
import dev.slimfit.model.Operator;
import dev.slimfit.model.OperatorCode;
import dev.slimfit.model.QuantizationParams;
import dev.slimfit.model.SignatureDef;
import dev.slimfit.model.SparsityParams;
import dev.slimfit.model.Subgraph;
import dev.slimfit.model.Tensor;
import dev.slimfit.model.TensorType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.lite.schema.CustomQuantization;
import org.tensorflow.lite.schema.DimensionMetadata;
import org.tensorflow.lite.schema.Int32Vector;
import org.tensorflow.lite.schema.SparseIndexVector;
import org.tensorflow.lite.schema.Uint16Vector;
import org.tensorflow.lite.schema.Uint8Vector;
import org.tensorflow.lite.schema.VariantSubType;

/**
 * Walks the generated flatbuffer accessors and builds the immutable model. Every vector is read
 * through its {@code ...AsByteBuffer()} view, whose limit is checked against the file by
 * {@link ByteBuffer#limit(int)}, and every element read is charged to a budget proportional to
 * the file size, so a hostile file cannot make the reader allocate or loop without bound.
 */
final class FlatWalker {
    /** Union code of StableHLOCompositeOptions in the schema's BuiltinOptions2. */
    static final int STABLEHLO_COMPOSITE_OPTIONS = 21;

    private final ByteBuffer bb;
    private final String name;
    private long budget;
    private int sg = -1;
    private int op = -1;
    private int tensor = -1;

    FlatWalker(ByteBuffer bb, String name) {
        this.bb = bb;
        this.name = name;
        this.budget = 4_000_000L + 2L * bb.capacity();
    }

    /** Where the walk is, for error messages: " in subgraph 0, tensor 12". */
    String where() {
        StringBuilder sb = new StringBuilder();
        if (sg >= 0) {
            sb.append(" in subgraph ").append(sg);
            if (op >= 0) {
                sb.append(", operator ").append(op);
            } else if (tensor >= 0) {
                sb.append(", tensor ").append(tensor);
            }
        }
        return sb.toString();
    }

    private void charge(long elements) {
        budget -= elements + 1;
        if (budget < 0) {
            throw new IllegalStateException("the file's tables reference more data than it holds "
                    + "(shared or overlapping vectors)");
        }
    }

    private int count(int len, String what) {
        if (len < 0 || len > bb.capacity() / 4) {
            throw new IndexOutOfBoundsException(what + " has " + len + " entries, more than the file can hold");
        }
        charge(len);
        return len;
    }

    private String str(String s) {
        if (s != null) {
            charge(s.length());
        }
        return s;
    }

    String string(int pos) {
        int len = bb.getInt(pos);
        if (len < 0 || pos + 4L + len > bb.capacity()) {
            throw new IndexOutOfBoundsException("string at " + pos + " runs past the end of the file");
        }
        charge(len);
        byte[] b = new byte[len];
        bb.duplicate().position(pos + 4).get(b);
        return new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }

    byte[] bytesAt(int vectorPos) {
        int len = bb.getInt(vectorPos);
        if (len < 0 || vectorPos + 4L + len > bb.capacity()) {
            throw new IndexOutOfBoundsException("vector at " + vectorPos + " runs past the end of the file");
        }
        charge(len);
        byte[] b = new byte[len];
        bb.duplicate().position(vectorPos + 4).get(b);
        return b;
    }

    private int[] ints(ByteBuffer v) {
        if (v == null) {
            return null;
        }
        int n = v.remaining() / 4;
        charge(n);
        int[] out = new int[n];
        v.order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(out);
        return out;
    }

    private float[] floats(ByteBuffer v) {
        if (v == null) {
            return null;
        }
        int n = v.remaining() / 4;
        charge(n);
        float[] out = new float[n];
        v.order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }

    private long[] longs(ByteBuffer v) {
        if (v == null) {
            return null;
        }
        int n = v.remaining() / 8;
        charge(n);
        long[] out = new long[n];
        v.order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(out);
        return out;
    }

    private byte[] bytes(ByteBuffer v) {
        if (v == null) {
            return null;
        }
        charge(v.remaining());
        byte[] out = new byte[v.remaining()];
        v.get(out);
        return out;
    }

    private boolean[] bools(ByteBuffer v) {
        byte[] b = bytes(v);
        if (b == null) {
            return null;
        }
        boolean[] out = new boolean[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = b[i] != 0;
        }
        return out;
    }

    Model model() throws ReflectiveOperationException {
        org.tensorflow.lite.schema.Model m = org.tensorflow.lite.schema.Model.getRootAsModel(bb);
        List<OperatorCode> codes = new ArrayList<>();
        int nCodes = count(m.operatorCodesLength(), "operator_codes");
        for (int i = 0; i < nCodes; i++) {
            org.tensorflow.lite.schema.OperatorCode c = m.operatorCodes(i);
            codes.add(new OperatorCode(c.builtinCode(), c.deprecatedBuiltinCode(), str(c.customCode()), c.version()));
        }
        List<Buffer> buffers = new ArrayList<>();
        int nBuffers = count(m.buffersLength(), "buffers");
        org.tensorflow.lite.schema.Buffer bufTable = new org.tensorflow.lite.schema.Buffer();
        for (int i = 0; i < nBuffers; i++) {
            buffers.add(buffer(m.buffers(bufTable, i), i));
        }
        List<Subgraph> subgraphs = new ArrayList<>();
        int nSub = count(m.subgraphsLength(), "subgraphs");
        for (int i = 0; i < nSub; i++) {
            sg = i;
            subgraphs.add(subgraph(m.subgraphs(i), codes));
        }
        sg = -1;
        List<Metadata> metadata = new ArrayList<>();
        int nMeta = count(m.metadataLength(), "metadata");
        for (int i = 0; i < nMeta; i++) {
            org.tensorflow.lite.schema.Metadata md = m.metadata(i);
            metadata.add(new Metadata(str(md.name()), (int) Math.min(md.buffer(), Integer.MAX_VALUE)));
        }
        List<SignatureDef> sigs = new ArrayList<>();
        int nSig = count(m.signatureDefsLength(), "signature_defs");
        for (int i = 0; i < nSig; i++) {
            org.tensorflow.lite.schema.SignatureDef s = m.signatureDefs(i);
            sigs.add(new SignatureDef(str(s.signatureKey()), (int) Math.min(s.subgraphIndex(), Integer.MAX_VALUE),
                    tensorMaps(s, true), tensorMaps(s, false)));
        }
        return new Model(m.version(), str(m.description()), subgraphs, buffers, metadata, sigs,
                ints(m.metadataBufferAsByteBuffer()), TfliteReader.findAppendedZip(bb));
    }

    private List<SignatureDef.TensorMap> tensorMaps(org.tensorflow.lite.schema.SignatureDef s, boolean inputs) {
        int n = count(inputs ? s.inputsLength() : s.outputsLength(), "signature tensors");
        List<SignatureDef.TensorMap> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            org.tensorflow.lite.schema.TensorMap t = inputs ? s.inputs(i) : s.outputs(i);
            out.add(new SignatureDef.TensorMap(str(t.name()), (int) Math.min(t.tensorIndex(), Integer.MAX_VALUE)));
        }
        return out;
    }

    private Buffer buffer(org.tensorflow.lite.schema.Buffer b, int index) {
        int pos = RawSlots.position(b);
        long offset = RawSlots.ulong(bb, pos, 1, 0);
        long size = RawSlots.ulong(bb, pos, 2, 0);
        if (offset > 1) {
            if (size < 0 || offset + size > bb.capacity() || offset + size < offset) {
                throw new IndexOutOfBoundsException("buffer " + index + " points at bytes " + offset + ".."
                        + (offset + size) + " outside the " + bb.capacity() + "-byte file");
            }
            return Buffer.external(bb.duplicate().position((int) offset).limit((int) (offset + size)));
        }
        ByteBuffer data = b.dataAsByteBuffer();
        return data == null ? Buffer.empty() : Buffer.wrap(data);
    }

    private Subgraph subgraph(org.tensorflow.lite.schema.SubGraph s, List<OperatorCode> codes)
            throws ReflectiveOperationException {
        List<Tensor> tensors = new ArrayList<>();
        int nT = count(s.tensorsLength(), "tensors");
        org.tensorflow.lite.schema.Tensor tt = new org.tensorflow.lite.schema.Tensor();
        for (int i = 0; i < nT; i++) {
            tensor = i;
            tensors.add(tensor(s.tensors(tt, i)));
        }
        tensor = -1;
        List<Operator> ops = new ArrayList<>();
        int nOps = count(s.operatorsLength(), "operators");
        org.tensorflow.lite.schema.Operator ot = new org.tensorflow.lite.schema.Operator();
        for (int i = 0; i < nOps; i++) {
            op = i;
            ops.add(operator(s.operators(ot, i), codes));
        }
        op = -1;
        return new Subgraph(str(s.name()), tensors, ints(s.inputsAsByteBuffer()), ints(s.outputsAsByteBuffer()), ops);
    }

    private Tensor tensor(org.tensorflow.lite.schema.Tensor t) {
        int typeCode = t.type();
        TensorType type = TensorType.of(typeCode).orElseThrow(() -> new IllegalArgumentException(
                "tensor '" + t.name() + "' has unknown element type " + typeCode));
        List<Tensor.VariantSubType> variants = null;
        int nv = t.variantTensorsLength();
        if (nv > 0) {
            variants = new ArrayList<>();
            int n = count(nv, "variant_tensors");
            for (int i = 0; i < n; i++) {
                VariantSubType v = t.variantTensors(i);
                TensorType vt = TensorType.of(v.type()).orElse(TensorType.FLOAT32);
                variants.add(new Tensor.VariantSubType(ints(v.shapeAsByteBuffer()), vt, v.hasRank()));
            }
        }
        return new Tensor(str(t.name()), type, ints(t.shapeAsByteBuffer()), ints(t.shapeSignatureAsByteBuffer()),
                (int) Math.min(t.buffer(), Integer.MAX_VALUE), quantization(t.quantization()), t.isVariable(),
                sparsity(t.sparsity()), t.hasRank(), variants);
    }

    private QuantizationParams quantization(org.tensorflow.lite.schema.QuantizationParameters q) {
        if (q == null) {
            return null;
        }
        byte[] custom = null;
        if ((q.detailsType() & 0xFF) == 1) {
            CustomQuantization cq = (CustomQuantization) q.details(new CustomQuantization());
            custom = cq == null ? null : bytes(cq.customAsByteBuffer());
        }
        return new QuantizationParams(floats(q.minAsByteBuffer()), floats(q.maxAsByteBuffer()),
                floats(q.scaleAsByteBuffer()), longs(q.zeroPointAsByteBuffer()), q.quantizedDimension(), custom);
    }

    private SparsityParams sparsity(org.tensorflow.lite.schema.SparsityParameters s) {
        if (s == null) {
            return null;
        }
        List<SparsityParams.DimensionMetadata> dims = new ArrayList<>();
        int n = count(s.dimMetadataLength(), "dim_metadata");
        for (int i = 0; i < n; i++) {
            DimensionMetadata d = s.dimMetadata(i);
            int segType = d.arraySegmentsType() & 0xFF;
            int idxType = d.arrayIndicesType() & 0xFF;
            dims.add(new SparsityParams.DimensionMetadata(d.format(), d.denseSize(), segType,
                    indexVector(segType, d::arraySegments), idxType, indexVector(idxType, d::arrayIndices)));
        }
        return new SparsityParams(ints(s.traversalOrderAsByteBuffer()), ints(s.blockMapAsByteBuffer()), dims);
    }

    private int[] indexVector(int type, java.util.function.UnaryOperator<com.google.flatbuffers.Table> get) {
        switch (type) {
            case SparseIndexVector.Int32Vector: {
                Int32Vector v = (Int32Vector) get.apply(new Int32Vector());
                return v == null ? null : ints(v.valuesAsByteBuffer());
            }
            case SparseIndexVector.Uint16Vector: {
                Uint16Vector v = (Uint16Vector) get.apply(new Uint16Vector());
                if (v == null) {
                    return null;
                }
                ByteBuffer b = v.valuesAsByteBuffer();
                if (b == null) {
                    return null;
                }
                int[] out = new int[b.remaining() / 2];
                charge(out.length);
                for (int i = 0; i < out.length; i++) {
                    out[i] = b.getShort(b.position() + 2 * i) & 0xFFFF;
                }
                return out;
            }
            case SparseIndexVector.Uint8Vector: {
                Uint8Vector v = (Uint8Vector) get.apply(new Uint8Vector());
                byte[] b = v == null ? null : bytes(v.valuesAsByteBuffer());
                if (b == null) {
                    return null;
                }
                int[] out = new int[b.length];
                for (int i = 0; i < b.length; i++) {
                    out[i] = b[i] & 0xFF;
                }
                return out;
            }
            default:
                return null;
        }
    }

    private Operator operator(org.tensorflow.lite.schema.Operator o, List<OperatorCode> codes)
            throws ReflectiveOperationException {
        long idx = o.opcodeIndex();
        if (idx < 0 || idx >= codes.size()) {
            throw new IllegalArgumentException("opcode_index " + idx + " is outside the " + codes.size()
                    + " operator codes");
        }
        int pos = RawSlots.position(o);
        int optType = o.builtinOptionsType() & 0xFF;
        OpOptions options = optType == 0 ? null : OptionsCodec.read(optType, o::builtinOptions, bb);
        byte[] custom = bytes(o.customOptionsAsByteBuffer());
        long largeOffset = RawSlots.ulong(bb, pos, 9, 0);
        long largeSize = RawSlots.ulong(bb, pos, 10, 0);
        if (largeOffset > 1 && largeSize > 0) {
            if (largeOffset + largeSize > bb.capacity() || largeOffset + largeSize < largeOffset) {
                throw new IndexOutOfBoundsException("large custom options at " + largeOffset + " (+" + largeSize
                        + ") lie outside the file");
            }
            charge(largeSize);
            custom = new byte[(int) largeSize];
            bb.duplicate().position((int) largeOffset).get(custom);
        }
        return new Operator(codes.get((int) idx), ints(o.inputsAsByteBuffer()), ints(o.outputsAsByteBuffer()),
                ints(o.intermediatesAsByteBuffer()), options, custom, o.customOptionsFormat(),
                bools(o.mutatingVariableInputsAsByteBuffer()), TfliteReader.composite(bb, pos, this));
    }

    String fileName() {
        return name;
    }
}
