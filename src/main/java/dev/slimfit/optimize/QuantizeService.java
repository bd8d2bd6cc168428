package dev.slimfit.optimize;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slimfit.model.Model;
import dev.slimfit.optimize.quantize.QuantizationResult;
import dev.slimfit.tflite.TfliteReader;
import dev.slimfit.tflite.TfliteWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * The one entry point the CLI and the UI use to optimize a model file with a {@link Recipe}:
 * reads the source, runs the {@link Optimizer} pipeline (prune, repair, cluster, calibrate through
 * the {@link RangeSource}, quantize, optionally sparse-encode), and writes the result atomically
 * (never over the source). Returns sizes and
 * the quantizer's notes for the report.
 */
public final class QuantizeService {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final RangeSource ranges;
    private final boolean sparseEncoding;

    /** A service; {@code ranges} may be null when no calibration data is available (full integer then fails). */
    public QuantizeService(RangeSource ranges) {
        this(ranges, false);
    }

    /**
     * A service that also stores pruned weights in TFLite's sparse encoding where that makes the
     * file smaller ({@code sparseEncoding}).
     */
    public QuantizeService(RangeSource ranges, boolean sparseEncoding) {
        this.ranges = ranges;
        this.sparseEncoding = sparseEncoding;
    }

    /** What an export produced. */
    public record Outcome(Path source, Path output, long sourceBytes, long outputBytes, String sourceSha256,
                          QuantizationResult result) {
        /** Output size / source size. */
        public double ratio() {
            return sourceBytes == 0 ? 0 : outputBytes / (double) sourceBytes;
        }

        /** A JSON report: files, sizes, per-layer schemes (from the provenance) and notes. */
        public String toJson() {
            ObjectNode r = JSON.createObjectNode();
            r.put("source", source.toString());
            r.put("output", output == null ? null : output.toString());
            r.put("sourceBytes", sourceBytes);
            r.put("outputBytes", outputBytes);
            r.put("ratio", ratio());
            r.put("sourceSha256", sourceSha256);
            dev.slimfit.optimize.quantize.Provenance.read(result.model()).ifPresent(p -> r.set("provenance", p));
            ArrayNode notes = r.putArray("notes");
            result.notes().forEach(notes::add);
            try {
                return JSON.writeValueAsString(r) + "\n";
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * Quantizes {@code source} per {@code recipe} and writes {@code output}.
     *
     * @throws dev.slimfit.optimize.quantize.QuantizationException when the plan cannot be honoured
     * @throws IOException on read/write failures (nothing is written then)
     */
    public Outcome export(Path source, Recipe recipe, Path output, RangeSource.Progress progress,
                          BooleanSupplier cancel) throws IOException {
        Objects.requireNonNull(output, "output");
        if (Files.exists(output) && Files.isSameFile(source, output)) {
            throw new IOException("refusing to overwrite the source model " + source);
        }
        Outcome o = quantize(source, recipe, progress, cancel);
        TfliteWriter.write(o.result().model(), output, source);
        return new Outcome(source, output, o.sourceBytes(), Files.size(output), o.sourceSha256(), o.result());
    }

    /** Quantizes without writing; {@link Outcome#outputBytes()} is the serialized size. */
    public Outcome quantize(Path source, Recipe recipe, RangeSource.Progress progress, BooleanSupplier cancel)
            throws IOException {
        Model model = TfliteReader.read(source);
        String sha = sha256(source);
        QuantizationResult q = new Optimizer(ranges, recipe.hybridMinElements(), sparseEncoding)
                .optimize(model, recipe.plan(), sha, progress, cancel).quantization();
        ByteBuffer bytes = TfliteWriter.toBytes(q.model());
        return new Outcome(source, null, Files.size(source), bytes.remaining(), sha, q);
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            byte[] buf = new byte[1 << 16];
            while (in.read(buf) >= 0) {
                continue;
            }
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
