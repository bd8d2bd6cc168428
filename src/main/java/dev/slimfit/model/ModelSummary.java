package dev.slimfit.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The numbers a user wants first when opening a model: subgraphs and their inputs/outputs, op
 * counts, parameters and weight bytes, a per-layer table, signatures, metadata and the appended
 * associated-files archive. Pure computation over a {@link Model}; the CLI and the UI only format it.
 *
 * <p>Definitions: a <em>constant</em> tensor is a non-variable tensor with non-empty buffer data.
 * Parameters and weight bytes count each constant buffer that feeds an operator <em>once</em>, even
 * when several tensors or subgraphs share it; the per-layer table counts per operator (a shared
 * weight shows in every layer that reads it). Elements come from the static shape (the dense size,
 * also for sparse tensors); bytes are the bytes stored in the file.
 *
 * @param schemaVersion      the model's schema version
 * @param description        the description string, or null
 * @param minRuntimeVersion  the {@code min_runtime_version} metadata, or null
 * @param subgraphs          one entry per subgraph, in file order
 * @param opCounts           operator counts per (op name, version), most frequent first
 * @param parameterCount     elements of the distinct constant buffers feeding operators
 * @param constantTensors    number of those distinct constant buffers
 * @param weightsByType      bytes and elements of those buffers per element type, most bytes first
 *                           (ties in schema type-code order)
 * @param layers             one row per operator that has a constant input, in subgraph/op order
 * @param signatures         the signature defs
 * @param metadata           metadata entries (name and byte size)
 * @param archive            the appended associated-files archive, or null
 */
public record ModelSummary(long schemaVersion, String description, String minRuntimeVersion,
                           List<SubgraphInfo> subgraphs, List<OpCount> opCounts, long parameterCount,
                           int constantTensors, List<TypeWeights> weightsByType, List<Layer> layers,
                           List<SignatureInfo> signatures, List<MetadataEntry> metadata, ArchiveInfo archive) {

    /** Copies the lists. */
    public ModelSummary {
        subgraphs = List.copyOf(subgraphs);
        opCounts = List.copyOf(opCounts);
        weightsByType = List.copyOf(weightsByType);
        layers = List.copyOf(layers);
        signatures = List.copyOf(signatures);
        metadata = List.copyOf(metadata);
    }

    /** A subgraph's name, sizes and its input/output tensors. */
    public record SubgraphInfo(int index, String name, int tensorCount, int opCount, List<TensorInfo> inputs,
                               List<TensorInfo> outputs) {
        /** Copies the lists. */
        public SubgraphInfo {
            inputs = List.copyOf(inputs);
            outputs = List.copyOf(outputs);
        }
    }

    /**
     * One tensor as shown to the user.
     *
     * @param shapeSignature the shape signature, only when it has a dynamic (-1) dimension; else null
     * @param quantization   the tensor's quantization, or null when it has none
     */
    public record TensorInfo(int index, String name, TensorType type, List<Integer> shape,
                             List<Integer> shapeSignature, QuantInfo quantization) {
    }

    /** How often an op (at one version) occurs over all subgraphs. */
    public record OpCount(String op, int version, int count) {
    }

    /** Constant data of one element type. */
    public record TypeWeights(TensorType type, int tensors, long elements, long bytes) {
    }

    /**
     * An operator with constant inputs. The <em>weight</em> is its largest constant input (first on ties);
     * {@code params} and {@code bytes} add up all its constant inputs (weights, bias, lookup tables).
     */
    public record Layer(int subgraph, int opIndex, String op, int version, String weightName, TensorType weightType,
                        List<Integer> weightShape, QuantInfo weightQuantization, long params, long bytes) {
    }

    /** A signature: key, subgraph, and its public input/output names. */
    public record SignatureInfo(String key, int subgraph, List<String> inputs, List<String> outputs) {
    }

    /** A metadata entry: name and the size of the buffer it points at. */
    public record MetadataEntry(String name, int bytes) {
    }

    /**
     * The zip of associated files stored after the flatbuffer.
     *
     * @param error null when the entries could be listed, else why not
     */
    public record ArchiveInfo(int bytes, List<String> entries, String error) {
        /** Copies the list. */
        public ArchiveInfo {
            entries = List.copyOf(entries);
        }
    }

    /** Computes the summary of {@code model}. */
    public static ModelSummary of(Model model) {
        List<SubgraphInfo> subgraphs = new ArrayList<>();
        Map<String, OpCount> ops = new LinkedHashMap<>();
        for (int s = 0; s < model.subgraphs().size(); s++) {
            Subgraph sg = model.subgraphs().get(s);
            subgraphs.add(new SubgraphInfo(s, sg.name(), sg.tensors().size(), sg.operators().size(),
                    tensors(sg, sg.inputs()), tensors(sg, sg.outputs())));
            for (Operator op : sg.operators()) {
                String name = op.code().displayName();
                int v = op.code().version();
                ops.merge(name + "\0" + v, new OpCount(name, v, 1),
                        (a, b) -> new OpCount(a.op(), a.version(), a.count() + 1));
            }
        }
        List<OpCount> opCounts = new ArrayList<>(ops.values());
        opCounts.sort(Comparator.comparingInt(OpCount::count).reversed().thenComparing(OpCount::op)
                .thenComparingInt(OpCount::version));
        WeightCensus census = WeightCensus.of(model);
        List<SignatureInfo> sigs = new ArrayList<>();
        for (SignatureDef d : model.signatureDefs()) {
            sigs.add(new SignatureInfo(d.key(), d.subgraphIndex(),
                    d.inputs().stream().map(t -> String.valueOf(t.name())).toList(),
                    d.outputs().stream().map(t -> String.valueOf(t.name())).toList()));
        }
        List<MetadataEntry> meta = new ArrayList<>();
        for (Metadata m : model.metadata()) {
            int b = m.buffer();
            meta.add(new MetadataEntry(m.name(), b >= 0 && b < model.buffers().size() ? model.buffer(b).size() : 0));
        }
        ArchiveInfo archive = model.appended() == null ? null : ArchiveListing.list(model.appended().zip());
        return new ModelSummary(model.version(), model.description(), model.minRuntimeVersion().orElse(null),
                subgraphs, opCounts, census.parameterCount(), census.constantTensors(), census.byType(),
                census.layers(), sigs, meta, archive);
    }

    /** Total operators over all subgraphs. */
    public int totalOps() {
        return subgraphs.stream().mapToInt(SubgraphInfo::opCount).sum();
    }

    /** Total bytes of constant weight data (the sum of {@link #weightsByType()}). */
    public long weightBytes() {
        return weightsByType.stream().mapToLong(TypeWeights::bytes).sum();
    }

    private static List<TensorInfo> tensors(Subgraph sg, int[] indices) {
        List<TensorInfo> out = new ArrayList<>(indices.length);
        for (int i : indices) {
            if (i >= 0 && i < sg.tensors().size()) {
                out.add(tensorInfo(i, sg.tensor(i)));
            }
        }
        return out;
    }

    static TensorInfo tensorInfo(int index, Tensor t) {
        int[] sig = t.shapeSignature();
        boolean dynamic = sig != null && Arrays.stream(sig).anyMatch(d -> d < 0);
        return new TensorInfo(index, t.name(), t.type(), boxed(t.shape()), dynamic ? boxed(sig) : null,
                QuantInfo.of(t.quantization()));
    }

    static List<Integer> boxed(int[] a) {
        return Arrays.stream(a).boxed().toList();
    }
}
