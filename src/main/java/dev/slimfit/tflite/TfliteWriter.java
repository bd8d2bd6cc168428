package dev.slimfit.tflite;

import com.google.flatbuffers.FlatBufferBuilder;
import dev.slimfit.model.AppendedArchive;
import dev.slimfit.model.Buffer;
import dev.slimfit.model.Metadata;
import dev.slimfit.model.Model;
import dev.slimfit.model.OperatorCode;
import dev.slimfit.model.SignatureDef;
import dev.slimfit.model.Subgraph;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link Model} as a {@code .tflite} flatbuffer (identifier "TFL3").
 *
 * <p>Absent vectors stay absent (an empty custom_options vector would make TFLite warn for every
 * op), weight data is 16-byte aligned so a reader can map it without copying, operator codes are
 * de-duplicated in order of first use, and an appended zip of associated files is moved behind
 * the new flatbuffer with its absolute offsets rebased. Identical vectors (shapes, scales, zero
 * points) and tables (quantization, builtin options) are written once and shared, which
 * flatbuffers allows and TFLite reads like any other offset. Files are written atomically.
 */
public final class TfliteWriter {
    private static final long DIRECT_THRESHOLD = 64L << 20;

    private TfliteWriter() {
    }

    /** The complete file contents (flatbuffer plus any appended archive), positioned at 0. */
    public static ByteBuffer toBytes(Model model) {
        ByteBuffer fb = flatbuffer(model);
        AppendedArchive archive = model.appended();
        if (archive == null || archive.zip().isEmpty()) {
            return fb;
        }
        int fbLen = fb.remaining();
        int start = (fbLen + 3) & ~3;
        byte[] zip = archive.zip().bytes();
        ZipRebase.rebase(zip, 0, start);
        ByteBuffer out = ByteBuffer.allocate(start + zip.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(fb).position(start);
        out.put(zip).flip();
        return out;
    }

    /**
     * Writes {@code model} to {@code target} through a temporary file in the same directory and an
     * atomic rename, so a crash never leaves a half-written model. Refuses to write over any of
     * {@code protect} (the source model).
     */
    public static void write(Model model, Path target, Path... protect) throws IOException {
        Path abs = target.toAbsolutePath();
        for (Path p : protect) {
            if (p != null && Files.exists(p) && Files.exists(abs) && Files.isSameFile(p, abs)) {
                throw new IOException(target + ": refusing to write over the source model; choose another output");
            }
        }
        if (Files.isDirectory(abs)) {
            throw new IOException(target + ": is a directory");
        }
        Path dir = abs.getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new IOException(target + ": directory " + dir + " does not exist");
        }
        ByteBuffer bytes = toBytes(model);
        Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
        try {
            keepOrDefaultPermissions(tmp, abs);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                while (bytes.hasRemaining()) {
                    ch.write(bytes);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Temp files are created owner-only; an exported model should carry the target's existing
     * permissions, or the usual rw-r--r-- for a new file.
     */
    private static void keepOrDefaultPermissions(Path tmp, Path target) throws IOException {
        if (!Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
            return;
        }
        java.util.Set<java.nio.file.attribute.PosixFilePermission> perms = Files.exists(target)
                ? Files.getPosixFilePermissions(target)
                : java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--");
        Files.setPosixFilePermissions(tmp, perms);
    }

    /** Just the flatbuffer. */
    static ByteBuffer flatbuffer(Model model) {
        long dataBytes = 0;
        for (Buffer b : model.buffers()) {
            dataBytes += b.size() + 16L;
        }
        if (dataBytes > Integer.MAX_VALUE - (64 << 20)) {
            throw new IllegalArgumentException("the model's constant data (" + dataBytes
                    + " bytes) exceeds what one flatbuffer can hold (2 GiB)");
        }
        int initial = (int) Math.min(Integer.MAX_VALUE - 16, dataBytes + (1 << 16));
        FlatBufferBuilder b = dataBytes > DIRECT_THRESHOLD
                ? new FlatBufferBuilder(initial, new DirectFactory())
                : new FlatBufferBuilder(initial);
        int[] buffers = new int[model.buffers().size()];
        for (int i = 0; i < buffers.length; i++) {
            buffers[i] = buffer(b, model.buffers().get(i));
        }
        Map<OperatorCode, Integer> codeIndex = new LinkedHashMap<>();
        for (Subgraph sg : model.subgraphs()) {
            sg.operators().forEach(op -> codeIndex.putIfAbsent(op.code(), codeIndex.size()));
        }
        List<Integer> codeOffsets = new ArrayList<>();
        for (OperatorCode c : codeIndex.keySet()) {
            int custom = c.customCode() == null ? 0 : b.createString(c.customCode());
            org.tensorflow.lite.schema.OperatorCode.startOperatorCode(b);
            org.tensorflow.lite.schema.OperatorCode.addDeprecatedBuiltinCode(b, (byte) c.deprecatedBuiltinCode());
            if (custom != 0) {
                org.tensorflow.lite.schema.OperatorCode.addCustomCode(b, custom);
            }
            org.tensorflow.lite.schema.OperatorCode.addVersion(b, c.version());
            org.tensorflow.lite.schema.OperatorCode.addBuiltinCode(b, c.builtinCode());
            codeOffsets.add(org.tensorflow.lite.schema.OperatorCode.endOperatorCode(b));
        }
        SubgraphWriter sw = new SubgraphWriter(b, codeIndex);
        int[] subgraphs = new int[model.subgraphs().size()];
        for (int i = 0; i < subgraphs.length; i++) {
            subgraphs[i] = sw.subgraph(model.subgraphs().get(i));
        }
        int[] sigs = new int[model.signatureDefs().size()];
        for (int i = 0; i < sigs.length; i++) {
            sigs[i] = signature(b, model.signatureDefs().get(i));
        }
        int[] metas = new int[model.metadata().size()];
        for (int i = 0; i < metas.length; i++) {
            Metadata md = model.metadata().get(i);
            int name = md.name() == null ? 0 : b.createString(md.name());
            metas[i] = org.tensorflow.lite.schema.Metadata.createMetadata(b, name, md.buffer());
        }
        int description = model.description() == null ? 0 : b.createString(model.description());
        int metaBuf = model.metadataBuffer() == null ? 0
                : org.tensorflow.lite.schema.Model.createMetadataBufferVector(b, model.metadataBuffer());
        int codesVec = org.tensorflow.lite.schema.Model.createOperatorCodesVector(b,
                codeOffsets.stream().mapToInt(Integer::intValue).toArray());
        int subVec = org.tensorflow.lite.schema.Model.createSubgraphsVector(b, subgraphs);
        int bufVec = org.tensorflow.lite.schema.Model.createBuffersVector(b, buffers);
        int metaVec = metas.length == 0 ? 0
                : org.tensorflow.lite.schema.Model.createMetadataVector(b, metas);
        int sigVec = sigs.length == 0 ? 0 : org.tensorflow.lite.schema.Model.createSignatureDefsVector(b, sigs);
        org.tensorflow.lite.schema.Model.startModel(b);
        org.tensorflow.lite.schema.Model.addVersion(b, model.version());
        org.tensorflow.lite.schema.Model.addOperatorCodes(b, codesVec);
        org.tensorflow.lite.schema.Model.addSubgraphs(b, subVec);
        if (description != 0) {
            org.tensorflow.lite.schema.Model.addDescription(b, description);
        }
        org.tensorflow.lite.schema.Model.addBuffers(b, bufVec);
        if (metaBuf != 0) {
            org.tensorflow.lite.schema.Model.addMetadataBuffer(b, metaBuf);
        }
        if (metaVec != 0) {
            org.tensorflow.lite.schema.Model.addMetadata(b, metaVec);
        }
        if (sigVec != 0) {
            org.tensorflow.lite.schema.Model.addSignatureDefs(b, sigVec);
        }
        int root = org.tensorflow.lite.schema.Model.endModel(b);
        org.tensorflow.lite.schema.Model.finishModelBuffer(b, root);
        return b.dataBuffer().slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Off-heap growth for large models, so a rewrite does not need several times the file in heap. */
    private static final class DirectFactory extends FlatBufferBuilder.ByteBufferFactory {
        @Override
        public ByteBuffer newByteBuffer(int capacity) {
            return ByteBuffer.allocateDirect(capacity).order(ByteOrder.LITTLE_ENDIAN);
        }
    }

    private static int buffer(FlatBufferBuilder b, Buffer buf) {
        if (buf.isEmpty()) {
            org.tensorflow.lite.schema.Buffer.startBuffer(b);
            return org.tensorflow.lite.schema.Buffer.endBuffer(b);
        }
        ByteBuffer dst = b.createUnintializedVector(1, buf.size(), 16);
        dst.put(buf.data());
        int data = b.endVector();
        return org.tensorflow.lite.schema.Buffer.createBuffer(b, data);
    }

    private static int signature(FlatBufferBuilder b, SignatureDef sig) {
        int[] in = tensorMaps(b, sig.inputs());
        int[] out = tensorMaps(b, sig.outputs());
        int key = sig.key() == null ? 0 : b.createString(sig.key());
        int inVec = org.tensorflow.lite.schema.SignatureDef.createInputsVector(b, in);
        int outVec = org.tensorflow.lite.schema.SignatureDef.createOutputsVector(b, out);
        return org.tensorflow.lite.schema.SignatureDef.createSignatureDef(b, inVec, outVec, key, sig.subgraphIndex());
    }

    private static int[] tensorMaps(FlatBufferBuilder b, List<SignatureDef.TensorMap> maps) {
        int[] out = new int[maps.size()];
        for (int i = 0; i < out.length; i++) {
            SignatureDef.TensorMap tm = maps.get(i);
            int name = tm.name() == null ? 0 : b.createString(tm.name());
            out[i] = org.tensorflow.lite.schema.TensorMap.createTensorMap(b, name, tm.tensorIndex());
        }
        return out;
    }
}
