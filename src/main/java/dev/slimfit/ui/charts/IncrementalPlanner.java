package dev.slimfit.ui.charts;

import dev.slimfit.model.Buffer;
import dev.slimfit.model.Model;
import dev.slimfit.model.Subgraph;
import dev.slimfit.model.Tensor;
import dev.slimfit.model.TensorValues;
import dev.slimfit.optimize.Layer;
import dev.slimfit.optimize.LayerChoice;
import dev.slimfit.optimize.Plan;
import dev.slimfit.optimize.SizeEstimator;
import dev.slimfit.optimize.WeightTransforms;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Applies plans to one model interactively: each layer's pruning/clustering result is cached by
 * (layer, pruning, clustering), so an edit recomputes only the layers it touched, and sizes are
 * updated by difference (raw exactly; compressed as the original file's deflated size plus each
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
        return new PlannedModel(plan, planned, new SizeEstimator.Estimate(raw, compressed, sizes), applied,
                (System.nanoTime() - t0) / 1_000_000);
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
