package dev.slimfit.model;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable TensorFlow Lite model: everything the file holds, in the file's own indexing
 * (tensors refer to buffers by index, signatures to subgraphs by index). Change it through the
 * {@code with...} methods, which return new models.
 */
public final class Model {
    private final long version;
    private final String description;
    private final List<Subgraph> subgraphs;
    private final List<Buffer> buffers;
    private final List<Metadata> metadata;
    private final List<SignatureDef> signatureDefs;
    private final int[] metadataBuffer;
    private final AppendedArchive appended;

    /** Full constructor; {@code description}, {@code metadataBuffer}, {@code appended} may be null. */
    public Model(long version, String description, List<Subgraph> subgraphs, List<Buffer> buffers,
                 List<Metadata> metadata, List<SignatureDef> signatureDefs, int[] metadataBuffer,
                 AppendedArchive appended) {
        this.version = version;
        this.description = description;
        this.subgraphs = List.copyOf(subgraphs);
        this.buffers = List.copyOf(buffers);
        this.metadata = metadata == null ? List.of() : List.copyOf(metadata);
        this.signatureDefs = signatureDefs == null ? List.of() : List.copyOf(signatureDefs);
        this.metadataBuffer = metadataBuffer == null ? null : metadataBuffer.clone();
        this.appended = appended;
    }

    /** The schema version (3 for all current files). */
    public long version() {
        return version;
    }

    public String description() {
        return description;
    }

    public List<Subgraph> subgraphs() {
        return subgraphs;
    }

    /** The primary subgraph (index 0). */
    public Subgraph mainSubgraph() {
        return subgraphs.get(0);
    }

    public List<Buffer> buffers() {
        return buffers;
    }

    public Buffer buffer(int index) {
        return buffers.get(index);
    }

    /** Constant data of a tensor of subgraph {@code sg}, or an empty buffer. */
    public Buffer dataOf(Tensor t) {
        int b = t.buffer();
        return b > 0 && b < buffers.size() ? buffers.get(b) : Buffer.empty();
    }

    public List<Metadata> metadata() {
        return metadata;
    }

    public List<SignatureDef> signatureDefs() {
        return signatureDefs;
    }

    /** The deprecated {@code metadata_buffer} vector, or null. */
    public int[] metadataBuffer() {
        return metadataBuffer == null ? null : metadataBuffer.clone();
    }

    /** Bytes stored after the flatbuffer (usually a zip of associated files), or null. */
    public AppendedArchive appended() {
        return appended;
    }

    /** The bytes of the metadata entry {@code name}, if present. */
    public Optional<Buffer> metadataBytes(String name) {
        return metadata.stream().filter(m -> name.equals(m.name())).findFirst()
                .filter(m -> m.buffer() >= 0 && m.buffer() < buffers.size())
                .map(m -> buffers.get(m.buffer()));
    }

    /** The {@code min_runtime_version} metadata string (without trailing NULs), if present. */
    public Optional<String> minRuntimeVersion() {
        return metadataBytes("min_runtime_version").map(b -> {
            String s = new String(b.bytes(), StandardCharsets.UTF_8);
            int nul = s.indexOf('\0');
            return nul >= 0 ? s.substring(0, nul) : s;
        });
    }

    public Model withSubgraphs(List<Subgraph> newSubgraphs) {
        return new Model(version, description, newSubgraphs, buffers, metadata, signatureDefs, metadataBuffer,
                appended);
    }

    /**
     * This model with subgraphs 0 and {@code k} exchanged, signatures following; its own inverse.
     * Subgraph indices inside operator options (control flow, composites) are not renumbered, so
     * use it to work on subgraph {@code k} as the primary one and swap back, or to run a subgraph
     * without control flow as the primary one.
     */
    public Model withSubgraphsSwapped(int k) {
        List<Subgraph> sgs = new ArrayList<>(subgraphs);
        Subgraph zero = sgs.get(0);
        sgs.set(0, sgs.get(k));
        sgs.set(k, zero);
        List<SignatureDef> sigs = new ArrayList<>();
        for (SignatureDef s : signatureDefs) {
            int i = s.subgraphIndex() == 0 ? k : s.subgraphIndex() == k ? 0 : s.subgraphIndex();
            sigs.add(new SignatureDef(s.key(), i, s.inputs(), s.outputs()));
        }
        return new Model(version, description, sgs, buffers, metadata, sigs, metadataBuffer, appended);
    }

    public Model withBuffers(List<Buffer> newBuffers) {
        return new Model(version, description, subgraphs, newBuffers, metadata, signatureDefs, metadataBuffer,
                appended);
    }

    public Model withMetadata(List<Metadata> newMetadata) {
        return new Model(version, description, subgraphs, buffers, newMetadata, signatureDefs, metadataBuffer,
                appended);
    }

    public Model withDescription(String newDescription) {
        return new Model(version, newDescription, subgraphs, buffers, metadata, signatureDefs, metadataBuffer,
                appended);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Model m && version == m.version && Objects.equals(description, m.description)
                && subgraphs.equals(m.subgraphs) && buffers.equals(m.buffers) && metadata.equals(m.metadata)
                && signatureDefs.equals(m.signatureDefs) && Arrays.equals(metadataBuffer, m.metadataBuffer)
                && Objects.equals(appended, m.appended);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, description, subgraphs.size(), buffers.size());
    }

    @Override
    public String toString() {
        return "Model[" + subgraphs.size() + " subgraphs, " + buffers.size() + " buffers, " + description + "]";
    }
}
