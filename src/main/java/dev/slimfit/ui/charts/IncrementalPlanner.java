package dev.slimfit.ui.charts;

import dev.slimfit.model.Buffer;
import dev.slimfit.model.BuiltinOp;
import dev.slimfit.model.Operator;
import dev.slimfit.model.Model;
import dev.slimfit.model.Subgraph;
import dev.slimfit.model.Tensor;
import dev.slimfit.model.TensorValues;
import dev.slimfit.optimize.Layer;
import dev.slimfit.optimize.LayerCatalog;
import dev.slimfit.optimize.LayerChoice;
import dev.slimfit.optimize.Plan;
import dev.slimfit.optimize.SizeEstimator;
import dev.slimfit.optimize.SizeRanges;
import dev.slimfit.optimize.WeightTransforms;
import dev.slimfit.optimize.quantize.QuantizationResult;
import dev.slimfit.optimize.quantize.Quantizer;
import dev.slimfit.tflite.TfliteWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Applies plans to one model interactively: each layer's pruning/clustering result is cached by
 * (layer, pruning, clustering), so an edit recomputes only the layers it touched; schemes then go
 * through the quantizer (with size-only activation ranges). Sizes are updated by difference (raw exactly; compressed as the original file's deflated size plus each
 * changed layer's change in deflated size, within a fraction of a percent of deflating the whole
 * file, which the export does). Not thread-safe: one background task uses it at a time.
 */
public final class IncrementalPlanner {
    private record Key(String layerId, Object pruning, Object clustering) {
    }

    private record Transformed(Buffer buffer, WeightTransforms.Applied applied, long compressed, int unique,
                               double sparsity) {
    }

    private final Model source;
    private final List<Layer> layers;
    private final SizeEstimator.Estimate original;
    private final Map<String, SizeEstimator.LayerSize> originalSizes = new HashMap<>();
    private final Map<Key, Transformed> cache = new HashMap<>();
    private final Map<String, Long> originalWeightCompressed = new HashMap<>();
    private final Map<Long, Long> deflateCache = new HashMap<>();
    private long originalBuffersDeflated = -1;

    /** A planner for {@code source}, whose layers and size are already known. */
    public IncrementalPlanner(Model source, List<Layer> layers, SizeEstimator.Estimate original) {
        this.source = source;
        this.layers = layers;
        this.original = original;
        original.layers().forEach(l -> originalSizes.put(l.layerId(), l));
    }

    /** {@code plan} applied to the model, reusing earlier per-layer results. */
    public PlannedModel apply(Plan plan) {
        long t0 = System.nanoTime();
        Subgraph sg = source.mainSubgraph();
        List<Buffer> buffers = null;
        List<WeightTransforms.Applied> applied = new ArrayList<>();
        List<SizeEstimator.LayerSize> sizes = new ArrayList<>();
        long raw = original.rawBytes();
        long compressed = original.compressedBytes();
        for (Layer layer : layers) {
            SizeEstimator.LayerSize before = originalSizes.get(layer.id());
            LayerChoice c = plan.choiceFor(layer.id());
            if (!layer.hasWeights() || (c.pruning() == null && c.clustering() == null) || before == null) {
                if (before != null) {
                    sizes.add(before);
                }
                continue;
            }
            Transformed t = cache.computeIfAbsent(new Key(layer.id(), c.pruning(), c.clustering()),
                    k -> transform(layer, c));
            if (t == null) {
                sizes.add(before);
                continue;
            }
            if (buffers == null) {
                buffers = new ArrayList<>(source.buffers());
            }
            Tensor w = sg.tensor(layer.weightTensor());
            long oldRaw = source.dataOf(w).size();
            long oldCompressed = originalWeightCompressed.computeIfAbsent(layer.id(),
                    k -> SizeEstimator.deflatedSize(source.dataOf(w).data()));
            buffers.set(w.buffer(), t.buffer());
            applied.add(t.applied());
            raw += t.buffer().size() - oldRaw;
            compressed += t.compressed() - oldCompressed;
            sizes.add(new SizeEstimator.LayerSize(layer.id(), layer.opIndex(),
                    before.rawBytes() - oldRaw + t.buffer().size(),
                    before.compressedBytes() - oldCompressed + t.compressed(),
                    before.elements(), t.unique(), t.sparsity()));
        }
        Model planned = buffers == null ? source : source.withBuffers(buffers);
        if (!PlannedModel.quantizes(source, plan)) {
            return new PlannedModel(plan, planned, new SizeEstimator.Estimate(raw, compressed, sizes), applied,
                    List.of(), (System.nanoTime() - t0) / 1_000_000);
        }
        Plan schemes = PlannedModel.schemesOnly(plan);
        QuantizationResult q = new Quantizer().quantize(planned, schemes, SizeRanges.of(planned), null,
                java.util.Map.of(), PlannedModel.otherSubgraphPlaceholders(planned, schemes));
        return new PlannedModel(plan, q.model(), quantizedEstimate(q.model(), sizes), applied, q.notes(),
                (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * Size of a quantized model: raw exactly (serialized length); compressed as the original
     * file's deflated size with every constant buffer's deflated size swapped for its
     * replacement's (deflated sizes cached by content); per layer by summing each op's constants,
     * with a DEQUANTIZE's constants (float16 weights) counted for the op it feeds.
     */
    private SizeEstimator.Estimate quantizedEstimate(Model q, List<SizeEstimator.LayerSize> transformed) {
        Map<String, SizeEstimator.LayerSize> afterTransforms = new HashMap<>();
        transformed.forEach(l -> afterTransforms.put(l.layerId(), l));
        long raw = TfliteWriter.toBytes(q).remaining();
        if (originalBuffersDeflated < 0) {
            originalBuffersDeflated = constantsDeflated(source);
        }
        long compressed = original.compressedBytes() - originalBuffersDeflated + constantsDeflated(q);
        Subgraph sg = q.mainSubgraph();
        Map<Integer, Integer> consumer = new HashMap<>();
        for (int i = 0; i < sg.operators().size(); i++) {
            for (int in : sg.operators().get(i).inputs()) {
                if (in >= 0) {
                    consumer.putIfAbsent(in, i);
                }
            }
        }
        List<Layer> qLayers = LayerCatalog.of(q);
        Map<String, long[]> byId = new HashMap<>();
        for (Layer l : qLayers) {
            Operator op = sg.operators().get(l.opIndex());
            String target = l.id();
            if (op.code().is(BuiltinOp.DEQUANTIZE) && op.outputCount() > 0 && consumer.containsKey(op.output(0))) {
                target = qLayers.get(consumer.get(op.output(0))).id();
            }
            long[] acc = byId.computeIfAbsent(target, k -> new long[2]);
            java.util.Set<Integer> seen = new java.util.HashSet<>();
            for (int in : op.inputs()) {
                if (in >= 0 && !q.dataOf(sg.tensor(in)).isEmpty() && seen.add(sg.tensor(in).buffer())) {
                    Buffer b = q.dataOf(sg.tensor(in));
                    acc[0] += b.size();
                    acc[1] += deflated(b);
                }
            }
        }
        List<SizeEstimator.LayerSize> sizes = new ArrayList<>();
        for (SizeEstimator.LayerSize before : original.layers()) {
            long[] acc = byId.get(before.layerId());
            // zeros and cluster levels survive quantization, so sparsity and distinct values are
            // taken from the pruning/clustering stage
            SizeEstimator.LayerSize t = afterTransforms.getOrDefault(before.layerId(), before);
            sizes.add(acc == null ? t : new SizeEstimator.LayerSize(before.layerId(), before.opIndex(), acc[0],
                    acc[1], before.elements(), t.uniqueValues(), t.sparsity()));
        }
        return new SizeEstimator.Estimate(raw, compressed, sizes);
    }

    private long constantsDeflated(Model m) {
        long sum = 0;
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (Subgraph sg : m.subgraphs()) {
            for (Tensor t : sg.tensors()) {
                if (t.buffer() > 0 && seen.add(t.buffer()) && !m.dataOf(t).isEmpty()) {
                    sum += deflated(m.dataOf(t));
                }
            }
        }
        return sum;
    }

    /** Deflated size, cached by a 64-bit content hash and length. */
    private long deflated(Buffer b) {
        java.nio.ByteBuffer d = b.data().duplicate().order(java.nio.ByteOrder.LITTLE_ENDIAN);
        long h = 0x9E3779B97F4A7C15L ^ d.remaining();
        while (d.remaining() >= 8) {
            h = (h ^ d.getLong()) * 0xBF58476D1CE4E5B9L;
            h ^= h >>> 29;
        }
        while (d.hasRemaining()) {
            h = (h ^ d.get()) * 0x94D049BB133111EBL;
        }
        return deflateCache.computeIfAbsent(h, k -> SizeEstimator.deflatedSize(b.data()));
    }

    private Transformed transform(Layer layer, LayerChoice c) {
        Plan only = Plan.keepAll().with(layer.id(), c);
        WeightTransforms.Result r = WeightTransforms.apply(source, only, Map.of());
        if (r.applied().isEmpty()) {
            return null;
        }
        Tensor w = r.model().mainSubgraph().tensor(layer.weightTensor());
        Buffer b = r.model().dataOf(w);
        TensorValues.Stats s = TensorValues.stats(TensorValues.stored(r.model(), w));
        WeightTransforms.Applied a = r.applied().stream().filter(x -> Objects.equals(x.layerId(), layer.id()))
                .findFirst().orElse(r.applied().get(0));
        return new Transformed(b, a, SizeEstimator.deflatedSize(b.data()), s.uniqueValues(), s.sparsity());
    }
}
