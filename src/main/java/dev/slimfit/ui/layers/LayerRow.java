package dev.slimfit.ui.layers;

import dev.slimfit.optimize.Layer;
import dev.slimfit.optimize.LayerChoice;
import dev.slimfit.optimize.Scheme;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * One row of the layers table: a layer and its live plan and size figures. Rows are updated in
 * place so table sorting and selection survive plan edits.
 */
public final class LayerRow {
    private final Layer layer;
    private final ObjectProperty<LayerChoice> choice = new SimpleObjectProperty<>(LayerChoice.KEEP);
    private final ObjectProperty<Scheme> scheme = new SimpleObjectProperty<>(Scheme.FLOAT32);
    private final LongProperty plannedBytes = new SimpleLongProperty();
    private final LongProperty originalCompressed = new SimpleLongProperty();
    private final LongProperty plannedCompressed = new SimpleLongProperty();
    private final DoubleProperty sparsity = new SimpleDoubleProperty();
    private final IntegerProperty uniqueValues = new SimpleIntegerProperty();
    private final ObjectProperty<Double> error = new SimpleObjectProperty<>();
    private final ObjectProperty<Double> latencyMillis = new SimpleObjectProperty<>();

    /** A row for {@code layer}, planned bytes equal to the original until told otherwise. */
    public LayerRow(Layer layer) {
        this.layer = layer;
        plannedBytes.set(layer.weightBytes());
    }

    /** The layer. */
    public Layer layer() {
        return layer;
    }

    /** The plan's choice for this layer. */
    public ObjectProperty<LayerChoice> choiceProperty() {
        return choice;
    }

    /** The scheme the layer gets (float32 when the op cannot take the chosen one). */
    public ObjectProperty<Scheme> schemeProperty() {
        return scheme;
    }

    /** Raw bytes of the layer's constants after the plan. */
    public LongProperty plannedBytesProperty() {
        return plannedBytes;
    }

    /** Deflated bytes of the original constants. */
    public LongProperty originalCompressedProperty() {
        return originalCompressed;
    }

    /** Deflated bytes of the planned constants. */
    public LongProperty plannedCompressedProperty() {
        return plannedCompressed;
    }

    /** Share of zero weights after the plan. */
    public DoubleProperty sparsityProperty() {
        return sparsity;
    }

    /** Distinct weight values after the plan (clusters show here). */
    public IntegerProperty uniqueValuesProperty() {
        return uniqueValues;
    }

    /** Per-layer error after evaluation, or null. */
    public ObjectProperty<Double> errorProperty() {
        return error;
    }

    /** Per-layer latency after benchmarking, or null. */
    public ObjectProperty<Double> latencyMillisProperty() {
        return latencyMillis;
    }
}
