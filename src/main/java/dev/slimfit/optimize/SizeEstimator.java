package dev.slimfit.optimize;

import dev.slimfit.model.Buffer;
import dev.slimfit.model.Model;
import dev.slimfit.model.Operator;
import dev.slimfit.model.Subgraph;
import dev.slimfit.model.Tensor;
import dev.slimfit.tflite.TfliteWriter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.Deflater;

/**
 * The truth about size before export: the raw bytes of the file Slimfit would write and the bytes
 * after deflate (what a zip, an APK or a compressed download costs), in total and per layer.
 *
 * <p>Totals come from serializing the model exactly as {@link TfliteWriter} exports it and
 * deflating that, so they agree with the exported file by construction. Per-layer numbers are the
 * layer's constant buffers (each buffer counted once, by the first layer that reads it) deflated
 * separately — which is why pruned and clustered weights, whose raw size does not change, show
 * their gain here.
 */
public final class SizeEstimator {
    /** zlib's default level, what zip tools use. */
    public static final int LEVEL = 6;

    private SizeEstimator() {
    }

    /** Sizes of one layer's constant data. */
    public record LayerSize(String layerId, int opIndex, long rawBytes, long compressedBytes, long elements,
                            int uniqueValues, double sparsity) {
    }

    /** Whole-model and per-layer sizes. */
    public record Estimate(long rawBytes, long compressedBytes, List<LayerSize> layers) {
        /** compressed / raw. */
        public double compressionRatio() {
            return rawBytes == 0 ? 1 : (double) compressedBytes / rawBytes;
        }
    }

    /** Estimates {@code model} (usually the planned model, before it is written). */
    public static Estimate estimate(Model model) {
        ByteBuffer file = TfliteWriter.toBytes(model);
        long raw = file.remaining();
        long compressed = deflatedSize(file);
        List<Layer> layers = LayerCatalog.of(model);
        Subgraph sg = model.mainSubgraph();
        Set<Integer> seen = new HashSet<>();
        List<LayerSize> out = new ArrayList<>();
        for (Layer layer : layers) {
            Operator op = sg.operators().get(layer.opIndex());
            long r = 0;
            long c = 0;
            long elements = 0;
            int unique = 0;
            double sparsity = 0;
            for (int in : op.inputs()) {
                if (in < 0) {
                    continue;
                }
                Tensor t = sg.tensor(in);
                Buffer b = model.dataOf(t);
                if (b.isEmpty() || !seen.add(t.buffer())) {
                    continue;
                }
                r += b.size();
                c += deflatedSize(b.data());
                if (in == layer.weightTensor()) {
                    elements = t.elementCount();
                    Stats s = stats(t, b);
                    unique = s.unique;
                    sparsity = s.sparsity;
                }
            }
            out.add(new LayerSize(layer.id(), layer.opIndex(), r, c, elements, unique, sparsity));
        }
        return new Estimate(raw, compressed, out);
    }

    /** Deflated size of the remaining bytes of {@code data} (raw deflate, as inside a zip). */
    public static long deflatedSize(ByteBuffer data) {
        Deflater d = new Deflater(LEVEL, true);
        try {
            d.setInput(data.duplicate());
            d.finish();
            byte[] sink = new byte[64 * 1024];
            long total = 0;
            while (!d.finished()) {
                total += d.deflate(sink);
            }
            return total;
        } finally {
            d.end();
        }
    }

    private record Stats(int unique, double sparsity) {
    }

    private static Stats stats(Tensor t, Buffer b) {
        ByteBuffer bb = b.data();
        int width = Math.max(1, t.type().byteSize());
        int n = b.size() / width;
        Set<Long> values = new HashSet<>();
        int zeros = 0;
        for (int i = 0; i < n; i++) {
            long v = switch (width) {
                case 1 -> bb.get(i);
                case 2 -> bb.getShort(2 * i);
                case 4 -> bb.getInt(4 * i);
                default -> bb.getLong(8 * i);
            };
            if (v == 0 || (width == 4 && t.type() == dev.slimfit.model.TensorType.FLOAT32 && bb.getFloat(4 * i) == 0f)) {
                zeros++;
            }
            if (values.size() <= 65536) {
                values.add(v);
            }
        }
        return new Stats(values.size(), n == 0 ? 0 : (double) zeros / n);
    }
}
