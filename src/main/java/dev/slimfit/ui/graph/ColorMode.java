package dev.slimfit.ui.graph;

/** What the graph's node colours mean. */
public enum ColorMode {
    /** Op category (convolution, activation, ...). */
    OP_CATEGORY("Op category"),
    /** The scheme the plan gives each layer, plus pruning/clustering. */
    PLANNED_SCHEME("Planned scheme"),
    /** Per-layer error after evaluation (needs evaluation results). */
    LAYER_ERROR("Per-layer error"),
    /** Share of the model's latency (needs a benchmark). */
    LATENCY_SHARE("Share of latency");

    private final String label;

    ColorMode(String label) {
        this.label = label;
    }

    /** Menu text. */
    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
