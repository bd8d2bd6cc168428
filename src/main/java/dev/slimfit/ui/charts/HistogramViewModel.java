package dev.slimfit.ui.charts;

import dev.slimfit.eval.Histogram;
import dev.slimfit.model.Model;
import dev.slimfit.model.TensorValues;
import dev.slimfit.optimize.Layer;
import dev.slimfit.optimize.Scheme;
import dev.slimfit.optimize.WeightTransforms;
import dev.slimfit.ui.MainViewModel;
import dev.slimfit.ui.ModelDocument;
import dev.slimfit.ui.properties.TensorInfo;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * Histogram tab state: the focused layer's weights before and after the plan as core
 * {@link Histogram}s (eval's binning: one bin per level when there are few distinct values, so
 * clustered weights show as spikes), with the plan's overlays: cluster centroids, or the clipping
 * range and grid of an integer scheme. Plus a linear/log toggle.
 */
public final class HistogramViewModel {
    /** Grids with more levels than this are summarised by their step instead of drawn. */
    public static final int MAX_GRID_LINES = 64;

    /**
     * One histogram pair.
     *
     * @param title       layer and op
     * @param before      the original weights
     * @param after       the planned weights, with the plan's overlays
     * @param markerLabel what the overlays are, or ""
     * @param afterLevels when {@code after} is distinct-valued: the value of each bin (its edges
     *                    are midpoints between levels, so the bin centre is not the level); else null
     */
    public record Data(String title, Histogram before, Histogram after, String markerLabel, double[] afterLevels) {
    }

    private final MainViewModel main;
    private final SizeViewModel size;
    private final ReadOnlyObjectWrapper<Data> data = new ReadOnlyObjectWrapper<>();
    private final BooleanProperty logScale = new SimpleBooleanProperty(false);
    private final BooleanProperty active = new SimpleBooleanProperty(true);
    private final java.util.Map<Integer, Histogram> beforeCache = new java.util.HashMap<>();
    private ModelDocument cachedDoc;
    private boolean stale = true;

    /** Follows {@code main}'s focused op and plan, and {@code size}'s planned model. */
    public HistogramViewModel(MainViewModel main, SizeViewModel size) {
        this.main = main;
        this.size = size;
        main.focusedOpProperty().addListener((o, a, b) -> refresh());
        size.plannedProperty().addListener((o, a, b) -> refresh());
        active.addListener((o, a, on) -> {
            if (on && stale) {
                refresh();
            }
        });
    }

    /** While false (tab hidden), changes are only noted and the histogram is built when it turns true. */
    public BooleanProperty activeProperty() {
        return active;
    }

    private void refresh() {
        if (!active.get()) {
            stale = true;
            return;
        }
        stale = false;
        ModelDocument doc = main.documentProperty().get();
        if (doc != cachedDoc) {
            beforeCache.clear();
            cachedDoc = doc;
        }
        int op = main.focusedOpProperty().get();
        if (doc == null || op < 0 || op >= doc.layers().size() || !doc.layerAt(op).hasWeights()) {
            data.set(null);
            return;
        }
        Layer layer = doc.layerAt(op);
        Model original = doc.model();
        Histogram hb = beforeCache.computeIfAbsent(op, k ->
                Histogram.of(floats(TensorValues.real(original, original.mainSubgraph().tensor(layer.weightTensor())))));
        PlannedModel p = size.plannedProperty().get();
        Histogram ha = hb;
        float[] afterValues = null;
        String label = "";
        if (p != null && p.model() != original) {
            int w = plannedWeight(p.model(), original.mainSubgraph().tensor(layer.weightTensor()).name(),
                    layer.weightTensor());
            afterValues = floats(TensorValues.real(p.model(), p.model().mainSubgraph().tensor(w)));
            ha = Histogram.of(afterValues);
            for (WeightTransforms.Applied a : p.applied()) {
                if (a.layerId().equals(layer.id()) && a.centroids() != null) {
                    double[] c = flatten(a.centroids());
                    ha = ha.withCentroids(c);
                    label = c.length + " centroids";
                }
            }
        }
        Scheme scheme = main.planProperty().get().effectiveScheme(layer);
        if (scheme == Scheme.INT8 || scheme == Scheme.DYNAMIC_INT8 || scheme == Scheme.INT16X8) {
            double m = Math.max(Math.abs(hb.min()), Math.abs(hb.max()));
            double step = m / 127;
            ha = ha.withClip(-m, m);
            boolean perChannel = main.planProperty().get().choiceFor(layer.id()).granularity()
                    .perChannel(original.mainSubgraph(), original.mainSubgraph().operators().get(layer.opIndex()));
            if (!perChannel && 2 * 127 + 1 <= MAX_GRID_LINES) {
                ha = ha.withGrid(step, 0, -127, 127);
            }
            label = (label.isEmpty() ? "" : label + "; ") + "int8 weights: symmetric range \u00b1" + TensorInfo.num(m)
                    + (perChannel ? " (widest channel; each channel has its own scale)" : ", step " + TensorInfo.num(step));
        }
        data.set(new Data(layer.id() + "  \u00b7  " + layer.op(), hb, ha, label,
                ha.distinct() && afterValues != null ? levels(afterValues, ha.bins()) : null));
    }

    /** Sorted distinct values, or null when their number does not match {@code bins}. */
    private static double[] levels(float[] v, int bins) {
        double[] d = java.util.stream.IntStream.range(0, v.length).mapToDouble(i -> v[i]).filter(x -> !Double.isNaN(x))
                .distinct().sorted().toArray();
        return d.length == bins ? d : null;
    }

    /**
     * The planned model's version of a weight tensor: the quantizer rebuilds the tensor list, so
     * the index may differ; it keeps the name (float16 copies feed a DEQUANTIZE under that name).
     */
    static int plannedWeight(Model planned, String name, int fallback) {
        var sg = planned.mainSubgraph();
        for (int i = 0; i < sg.tensors().size(); i++) {
            if (sg.tensor(i).name().equals(name) && !planned.dataOf(sg.tensor(i)).isEmpty()) {
                return i;
            }
        }
        return fallback;
    }

    private static float[] floats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }

    private static double[] flatten(float[][] rows) {
        int n = 0;
        for (float[] r : rows) {
            n += r.length;
        }
        double[] out = new double[n];
        int k = 0;
        for (float[] r : rows) {
            for (float x : r) {
                out[k++] = x;
            }
        }
        return out;
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
