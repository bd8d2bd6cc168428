package dev.slimfit.ui.layers;

import dev.slimfit.optimize.Clustering;
import dev.slimfit.optimize.Granularity;
import dev.slimfit.optimize.Layer;
import dev.slimfit.optimize.Plan;
import dev.slimfit.optimize.Pruning;
import dev.slimfit.optimize.Scheme;
import dev.slimfit.optimize.SizeEstimator;
import dev.slimfit.ui.MainViewModel;
import dev.slimfit.ui.ModelDocument;
import dev.slimfit.ui.charts.PlannedModel;
import dev.slimfit.ui.charts.SizeViewModel;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The layers table's state: one {@link LayerRow} per layer, a text filter, and the edits the
 * table offers (per row or applied to the selection), all forwarded as undoable plan edits.
 */
public final class LayersViewModel {
    /** Pruning the "Prune" action applies. */
    public static final Pruning DEFAULT_PRUNING = new Pruning(0.5, Pruning.Pattern.UNSTRUCTURED, false);
    /** Clustering the "Cluster" action applies. */
    public static final Clustering DEFAULT_CLUSTERING = Clustering.recommended(16);

    private final MainViewModel main;
    private final ObservableList<LayerRow> rows = FXCollections.observableArrayList();
    private final FilteredList<LayerRow> visible = new FilteredList<>(rows, r -> true);
    private final StringProperty filter = new SimpleStringProperty("");
    private final Map<String, LayerRow> byId = new HashMap<>();
    private final javafx.beans.property.ReadOnlyBooleanWrapper alreadyQuantized =
            new javafx.beans.property.ReadOnlyBooleanWrapper(false);

    /** Follows {@code main}'s model and plan and {@code size}'s planned model. */
    public LayersViewModel(MainViewModel main, SizeViewModel size) {
        this.main = main;
        main.documentProperty().addListener((o, a, doc) -> rebuild(doc));
        main.planProperty().addListener((o, a, plan) -> applyPlan(plan));
        size.plannedProperty().addListener((o, a, p) -> applySizes(p));
        filter.addListener((o, a, text) -> {
            String q = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
            visible.setPredicate(q.isEmpty() ? r -> true : r -> matches(r, q));
        });
    }

    private static boolean matches(LayerRow r, String q) {
        return r.layer().id().toLowerCase(Locale.ROOT).contains(q)
                || r.layer().op().toLowerCase(Locale.ROOT).contains(q)
                || r.schemeProperty().get().id().contains(q);
    }

    private void rebuild(ModelDocument doc) {
        byId.clear();
        alreadyQuantized.set(doc != null && doc.layers().stream().anyMatch(LayersViewModel::storedQuantized));
        if (doc == null) {
            rows.clear();
            return;
        }
        List<LayerRow> fresh = doc.layers().stream().map(LayerRow::new).toList();
        fresh.forEach(r -> byId.put(r.layer().id(), r));
        for (SizeEstimator.LayerSize s : doc.original().layers()) {
            LayerRow r = byId.get(s.layerId());
            if (r != null) {
                r.originalCompressedProperty().set(s.compressedBytes());
                r.plannedCompressedProperty().set(s.compressedBytes());
                r.sparsityProperty().set(s.sparsity());
                r.uniqueValuesProperty().set(s.uniqueValues());
            }
        }
        rows.setAll(fresh);
        applyPlan(main.planProperty().get());
    }

    private void applyPlan(Plan plan) {
        for (LayerRow r : rows) {
            r.choiceProperty().set(plan.choiceFor(r.layer().id()));
            r.schemeProperty().set(plan.effectiveScheme(r.layer()));
        }
    }

    private void applySizes(PlannedModel p) {
        if (p == null) {
            return;
        }
        for (SizeEstimator.LayerSize s : p.estimate().layers()) {
            LayerRow r = byId.get(s.layerId());
            if (r != null) {
                r.plannedBytesProperty().set(s.rawBytes());
                r.plannedCompressedProperty().set(s.compressedBytes());
                r.sparsityProperty().set(s.sparsity());
                r.uniqueValuesProperty().set(s.uniqueValues());
            }
        }
    }

    /** Sets the scheme of one row (the table's combo box). */
    public void setScheme(LayerRow row, Scheme scheme) {
        main.setScheme(List.of(row.layer().id()), scheme);
    }

    /** Sets the weight granularity of one row (the table's combo box), as an undoable plan edit. */
    public void setGranularity(LayerRow row, Granularity granularity) {
        main.setGranularity(List.of(row.layer().id()), granularity);
    }

    /** Sets {@code scheme} on the selected layers that allow it. */
    public void applySchemeToSelection(Scheme scheme) {
        main.setScheme(main.selectedLayerIds(), scheme);
    }

    /** Prunes the selected layers with {@code pruning} (null removes pruning). */
    public void applyPruningToSelection(Pruning pruning) {
        main.setPruning(main.selectedLayerIds(), pruning);
    }

    /** Clusters the selected layers with {@code clustering} (null removes clustering). */
    public void applyClusteringToSelection(Clustering clustering) {
        main.setClustering(main.selectedLayerIds(), clustering);
    }

    /** Whether {@code layer}'s weights are already stored quantized (int8, uint8, int16 or float16). */
    public static boolean storedQuantized(Layer layer) {
        dev.slimfit.model.TensorType t = layer.weightType();
        return layer.hasWeights() && (t == dev.slimfit.model.TensorType.INT8 || t == dev.slimfit.model.TensorType.UINT8
                || t == dev.slimfit.model.TensorType.INT16 || t == dev.slimfit.model.TensorType.FLOAT16);
    }

    /**
     * True when the open model already holds quantized weights: the quantizer takes float models
     * only, so the table offers no scheme, pruning or clustering edits for it.
     */
    public javafx.beans.property.ReadOnlyBooleanProperty alreadyQuantizedProperty() {
        return alreadyQuantized.getReadOnlyProperty();
    }

    /** The schemes a row's combo box offers: the layer's allowed ones, float32 first. */
    public static List<Scheme> choicesFor(Layer layer) {
        return java.util.Arrays.stream(Scheme.values()).filter(s -> s == Scheme.FLOAT32 || layer.allowed().contains(s))
                .toList();
    }

    /** All rows, in model order. */
    public ObservableList<LayerRow> rows() {
        return rows;
    }

    /** Rows that pass the filter. */
    public FilteredList<LayerRow> visibleRows() {
        return visible;
    }

    /** Filter text (matches id, op or scheme). */
    public StringProperty filterProperty() {
        return filter;
    }

    /** The row of layer {@code id}, or null. */
    public LayerRow row(String id) {
        return byId.get(id);
    }
}
