package dev.slimfit.ui.charts;

import dev.slimfit.model.Model;
import dev.slimfit.model.TensorValues;
import dev.slimfit.optimize.Layer;
import dev.slimfit.optimize.Scheme;
import dev.slimfit.optimize.WeightTransforms;
import dev.slimfit.ui.MainViewModel;
import dev.slimfit.ui.ModelDocument;
import java.util.ArrayList;
import java.util.List;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * Histogram tab state: the focused layer's weights before and after the plan, binned over a
 * shared range, with markers for what the plan does (cluster centroids, or the symmetric clipping
 * range of an integer scheme), and a linear/log toggle.
 */
public final class HistogramViewModel {
    /** Bins per histogram. */
    public static final int BINS = 80;

    /**
     * One histogram pair.
     *
     * @param title       layer and op
     * @param lo          left edge
     * @param hi          right edge
     * @param before      counts of the original weights
     * @param after       counts of the planned weights (same as before when the plan keeps them)
     * @param markers     x positions to mark
     * @param markerLabel what the markers are ("16 centroids", "int8 clipping range"), or ""
     */
    public record Data(String title, double lo, double hi, long[] before, long[] after, List<Double> markers,
                       String markerLabel) {
    }

    private final MainViewModel main;
    private final SizeViewModel size;
    private final Binning binning;
    private final ReadOnlyObjectWrapper<Data> data = new ReadOnlyObjectWrapper<>();
    private final BooleanProperty logScale = new SimpleBooleanProperty(false);

    /** Follows {@code main}'s focused op and {@code size}'s planned model. */
    public HistogramViewModel(MainViewModel main, SizeViewModel size, Binning binning) {
        this.main = main;
        this.size = size;
        this.binning = binning;
        main.focusedOpProperty().addListener((o, a, b) -> refresh());
        size.plannedProperty().addListener((o, a, b) -> refresh());
    }

    private void refresh() {
        ModelDocument doc = main.documentProperty().get();
        int op = main.focusedOpProperty().get();
        if (doc == null || op < 0 || op >= doc.layers().size() || !doc.layerAt(op).hasWeights()) {
            data.set(null);
            return;
        }
        Layer layer = doc.layerAt(op);
        Model original = doc.model();
        double[] before = TensorValues.real(original, original.mainSubgraph().tensor(layer.weightTensor()));
        PlannedModel p = size.plannedProperty().get();
        double[] after = before;
        List<Double> markers = new ArrayList<>();
        String markerLabel = "";
        if (p != null && p.model() != original) {
            after = TensorValues.real(p.model(), p.model().mainSubgraph().tensor(layer.weightTensor()));
            for (WeightTransforms.Applied a : p.applied()) {
                if (a.layerId().equals(layer.id()) && a.centroids() != null) {
                    int n = 0;
                    for (float[] row : a.centroids()) {
                        n += row.length;
                    }
                    if (n <= 64) {
                        for (float[] row : a.centroids()) {
                            for (float c : row) {
                                markers.add((double) c);
                            }
                        }
                        markerLabel = n + " centroids";
                    }
                }
            }
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : before) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        Scheme scheme = main.planProperty().get().effectiveScheme(layer);
        if (markers.isEmpty() && (scheme == Scheme.INT8 || scheme == Scheme.DYNAMIC_INT8 || scheme == Scheme.INT16X8)) {
            double m = Math.max(Math.abs(lo), Math.abs(hi));
            markers.add(-m);
            markers.add(m);
            markerLabel = "int8 symmetric range \u00b1" + dev.slimfit.ui.properties.TensorInfo.num(m)
                    + " (step " + dev.slimfit.ui.properties.TensorInfo.num(m / 127) + ")";
        }
        if (lo == hi) {
            lo -= 0.5;
            hi += 0.5;
        }
        data.set(new Data(layer.id() + "  \u00b7  " + layer.op(), lo, hi, binning.count(before, lo, hi, BINS),
                binning.count(after, lo, hi, BINS), markers, markerLabel));
    }

    /** Current histograms, or null when the focused op has no weights. */
    public ReadOnlyObjectProperty<Data> dataProperty() {
        return data.getReadOnlyProperty();
    }

    /** Logarithmic count axis. */
    public BooleanProperty logScaleProperty() {
        return logScale;
    }
}
