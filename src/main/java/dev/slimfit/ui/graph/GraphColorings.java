package dev.slimfit.ui.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

import javafx.scene.paint.Color;

/**
 * Turns a {@link GraphViewModel}'s colouring mode into a {@link NodeColorer} and legend: op
 * categories use {@link CategoryPalette}; planned schemes a fixed hue per scheme (darker with
 * pruning or clustering); numeric modes a light-to-deep red ramp.
 */
final class GraphColorings {
    private static final Map<String, Color> SCHEMES = Map.of(
            "float32", Color.web("#6b7380"),
            "float16", Color.web("#2f6f9f"),
            "dynamic", Color.web("#a8741a"),
            "int8", Color.web("#2e7d4f"),
            "int16x8", Color.web("#6d4aa8"));
    private static final Color NO_WEIGHTS = Color.web("#c9ced6");
    private static final Color UNKNOWN = Color.web("#d5d9e0");
    private static final Color LOW = Color.web("#fbe3d6");
    private static final Color HIGH = Color.web("#a1271d");

    private GraphColorings() {
    }

    static NodeColorer colorer(GraphViewModel vm, GraphSpec spec) {
        switch (vm.colorModeProperty().get()) {
            case OP_CATEGORY:
                return CategoryPalette.colorer(spec);
            case PLANNED_SCHEME:
                return id -> schemeColor(vm.categoryOf(id));
            default:
                return id -> {
                    if (id >= ModelGraphs.INPUT_BASE) {
                        return CategoryPalette.colorOf("io");
                    }
                    OptionalDouble v = vm.valueOf(id);
                    return v.isPresent() ? LOW.interpolate(HIGH, v.getAsDouble()) : UNKNOWN;
                };
        }
    }

    static List<LegendEntry> legend(GraphViewModel vm, GraphSpec spec) {
        switch (vm.colorModeProperty().get()) {
            case OP_CATEGORY:
                return CategoryPalette.legend(spec);
            case PLANNED_SCHEME: {
                List<LegendEntry> out = new ArrayList<>();
                for (Map.Entry<String, Integer> e : new TreeMap<>(vm.categoryCounts()).entrySet()) {
                    String key = e.getKey();
                    String label = key.isEmpty() ? "no weights" : key.equals("io") ? "input / output" : key;
                    out.add(new LegendEntry(schemeColor(key), label + "  (" + e.getValue() + ")"));
                }
                return out;
            }
            default:
                if (!vm.isAvailable(vm.colorModeProperty().get())) {
                    return List.of(new LegendEntry(UNKNOWN, "no data yet: run an evaluation"));
                }
                return List.of(new LegendEntry(LOW, "lowest"), new LegendEntry(LOW.interpolate(HIGH, 0.5), "middle"),
                        new LegendEntry(HIGH, "highest"), new LegendEntry(UNKNOWN, "not measured"));
        }
    }

    private static Color schemeColor(String key) {
        if (key.isEmpty()) {
            return NO_WEIGHTS;
        }
        if (key.equals("io")) {
            return CategoryPalette.colorOf("io");
        }
        String base = key.contains("+") ? key.substring(0, key.indexOf('+')) : key;
        Color c = SCHEMES.getOrDefault(base, UNKNOWN);
        // pruning and clustering shift the hue visibly, so "int8", "int8+prune" and
        // "int8+cluster" stay distinguishable in the graph and the legend
        if (key.contains("+prune")) {
            c = c.deriveColor(38, 1.0, 0.78, 1);
        }
        if (key.contains("+cluster")) {
            c = c.deriveColor(-46, 0.9, 1.12, 1);
        }
        return c;
    }
}
