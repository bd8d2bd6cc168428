package dev.slimfit.ui.graph;

import dev.slimfit.model.Operator;
import dev.slimfit.model.Subgraph;
import dev.slimfit.optimize.Layer;
import dev.slimfit.optimize.LayerChoice;
import dev.slimfit.optimize.Plan;
import dev.slimfit.ui.MainViewModel;
import dev.slimfit.ui.ModelDocument;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

/**
 * State of the graph view without the canvas: search (by op type, node label or tensor name,
 * Enter cycles through hits), the colouring mode, and the per-node values colourings need.
 * Per-layer error and latency arrive from evaluation as maps keyed by layer id; until they do,
 * those modes have nothing to show.
 */
public final class GraphViewModel {
    private final MainViewModel main;
    private final ObjectProperty<ColorMode> colorMode = new SimpleObjectProperty<>(ColorMode.OP_CATEGORY);
    private final ObservableList<Integer> hits = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper searchStatus = new ReadOnlyStringWrapper("");
    private final ObservableMap<String, Double> layerErrors = FXCollections.observableHashMap();
    private final ObservableMap<String, Double> layerLatency = FXCollections.observableHashMap();
    private String lastQuery = "";
    private int hitCursor = -1;

    /** Follows {@code main}'s model. */
    public GraphViewModel(MainViewModel main) {
        this.main = main;
        main.documentProperty().addListener((o, a, b) -> {
            hits.clear();
            lastQuery = "";
            searchStatus.set("");
        });
    }

    /**
     * Runs {@code query} (or, when it is unchanged, moves to the next hit). Returns the node to
     * centre on, if any.
     */
    public OptionalInt search(String query) {
        String q = query == null ? "" : query.trim().toLowerCase(Locale.ROOT);
        if (!q.equals(lastQuery)) {
            lastQuery = q;
            hits.setAll(q.isEmpty() ? List.of() : find(q));
            hitCursor = -1;
        }
        if (hits.isEmpty()) {
            searchStatus.set(q.isEmpty() ? "" : "no matches");
            return OptionalInt.empty();
        }
        hitCursor = (hitCursor + 1) % hits.size();
        searchStatus.set((hitCursor + 1) + " of " + hits.size());
        return OptionalInt.of(hits.get(hitCursor));
    }

    private List<Integer> find(String q) {
        ModelDocument doc = main.documentProperty().get();
        List<Integer> out = new ArrayList<>();
        if (doc == null) {
            return out;
        }
        Subgraph sg = doc.model().mainSubgraph();
        for (GraphSpec.Node n : doc.graph().nodes()) {
            boolean match = n.label().toLowerCase(Locale.ROOT).contains(q)
                    || n.sublabel().toLowerCase(Locale.ROOT).contains(q);
            if (!match && n.id() < sg.operators().size()) {
                Operator op = sg.operators().get(n.id());
                match = tensorMatches(sg, op.inputs(), q) || tensorMatches(sg, op.outputs(), q);
            }
            if (match) {
                out.add(n.id());
            }
        }
        return out;
    }

    private static boolean tensorMatches(Subgraph sg, int[] tensors, String q) {
        for (int t : tensors) {
            if (t >= 0 && sg.tensor(t).name().toLowerCase(Locale.ROOT).contains(q)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Category key of a node for the categorical modes: the op category, or for
     * {@link ColorMode#PLANNED_SCHEME} the scheme id with "+prune"/"+cluster" suffixes
     * ("" for nodes without weights, "io" for inputs/outputs).
     */
    public String categoryOf(int nodeId) {
        ModelDocument doc = main.documentProperty().get();
        if (doc == null || nodeId < 0 || nodeId >= doc.layers().size()) {
            return "io";
        }
        Layer layer = doc.layerAt(nodeId);
        if (colorMode.get() != ColorMode.PLANNED_SCHEME) {
            return ModelGraphs.category(layer.op());
        }
        if (!layer.hasWeights()) {
            return "";
        }
        Plan plan = main.planProperty().get();
        LayerChoice c = plan.choiceFor(layer.id());
        return plan.effectiveScheme(layer).id() + (c.pruning() != null ? "+prune" : "")
                + (c.clustering() != null ? "+cluster" : "");
    }

    /** Value of a node for the numeric modes, scaled to 0..1 over the model; empty when unknown. */
    public OptionalDouble valueOf(int nodeId) {
        ModelDocument doc = main.documentProperty().get();
        Map<String, Double> source = colorMode.get() == ColorMode.LAYER_ERROR ? layerErrors : layerLatency;
        if (doc == null || nodeId < 0 || nodeId >= doc.layers().size() || source.isEmpty()) {
            return OptionalDouble.empty();
        }
        Double v = source.get(doc.layerAt(nodeId).id());
        if (v == null) {
            return OptionalDouble.empty();
        }
        double max = source.values().stream().mapToDouble(Double::doubleValue).max().orElse(1);
        return OptionalDouble.of(max <= 0 ? 0 : v / max);
    }

    /** True when {@code mode} has data to show. */
    public boolean isAvailable(ColorMode mode) {
        switch (mode) {
            case LAYER_ERROR: return !layerErrors.isEmpty();
            case LATENCY_SHARE: return !layerLatency.isEmpty();
            default: return true;
        }
    }

    /** Counts of each category key, for the legend. */
    public Map<String, Integer> categoryCounts() {
        Map<String, Integer> out = new HashMap<>();
        ModelDocument doc = main.documentProperty().get();
        if (doc != null) {
            for (GraphSpec.Node n : doc.graph().nodes()) {
                out.merge(categoryOf(n.id()), 1, Integer::sum);
            }
        }
        return out;
    }

    /** Colouring mode. */
    public ObjectProperty<ColorMode> colorModeProperty() {
        return colorMode;
    }

    /** Current search hits (node ids). */
    public ObservableList<Integer> hits() {
        return hits;
    }

    /** "3 of 12", "no matches" or empty. */
    public ReadOnlyStringProperty searchStatusProperty() {
        return searchStatus.getReadOnlyProperty();
    }

    /** Per-layer error by layer id, filled by evaluation. */
    public ObservableMap<String, Double> layerErrors() {
        return layerErrors;
    }

    /** Per-layer latency by layer id, filled by benchmarking. */
    public ObservableMap<String, Double> layerLatency() {
        return layerLatency;
    }
}
