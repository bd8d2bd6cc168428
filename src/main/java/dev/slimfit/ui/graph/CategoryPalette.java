package dev.slimfit.ui.graph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import javafx.scene.paint.Color;

/**
 * Default colouring by op category with a matching legend. Muted, mutually distinct hues that
 * carry white text; unknown categories fall back to grey.
 */
public final class CategoryPalette {

    private static final Map<String, LegendEntry> KNOWN = new LinkedHashMap<>();

    static {
        put("conv", "#2f5d8a", "Convolution");
        put("fc", "#1d7f91", "Fully connected / MatMul");
        put("activation", "#9a3b2f", "Activation");
        put("pool", "#2e6b4a", "Pooling");
        put("norm", "#66702a", "Normalization");
        put("elementwise", "#6a4c93", "Elementwise");
        put("concat", "#8a6a1c", "Concat / Split");
        put("reshape", "#76583f", "Reshape / Transpose");
        put("quant", "#a0466e", "Quantize / Dequantize");
        put("io", "#3f4753", "Input / Output");
    }

    private static final Color OTHER = Color.web("#6b7380");

    private CategoryPalette() { }

    private static void put(String category, String hex, String label) {
        KNOWN.put(category, new LegendEntry(Color.web(hex), label));
    }

    /** Colour of a category ("conv", "activation", ...); grey for unknown ones. */
    public static Color colorOf(String category) {
        LegendEntry entry = KNOWN.get(category);
        return entry == null ? OTHER : entry.color();
    }

    /** A colourer that looks each node's category up in this palette. */
    public static NodeColorer colorer(GraphSpec spec) {
        return id -> {
            int index = spec.indexOf(id);
            return index < 0 ? OTHER : colorOf(spec.nodes().get(index).category());
        };
    }

    /** Legend entries for the categories that occur in {@code spec}, in palette order. */
    public static List<LegendEntry> legend(GraphSpec spec) {
        TreeSet<String> present = new TreeSet<>();
        for (GraphSpec.Node node : spec.nodes()) {
            present.add(node.category());
        }
        List<LegendEntry> entries = new ArrayList<>();
        for (Map.Entry<String, LegendEntry> e : KNOWN.entrySet()) {
            if (present.remove(e.getKey())) {
                entries.add(e.getValue());
            }
        }
        if (!present.isEmpty()) {
            entries.add(new LegendEntry(OTHER, "Other"));
        }
        return entries;
    }
}
