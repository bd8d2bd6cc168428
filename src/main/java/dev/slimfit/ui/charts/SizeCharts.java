package dev.slimfit.ui.charts;

import dev.slimfit.optimize.SizeEstimator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Builds and updates the size bar charts (whole model, and the largest layers), original against
 * planned, in KB. Used on screen (through ChartViewer) and off-screen for the export report.
 */
public final class SizeCharts {
    /** Layers shown in the per-layer chart (the largest by original bytes). */
    public static final int MAX_LAYERS = 20;
    private static final String ORIGINAL = "original";
    private static final String PLANNED = "planned";

    private SizeCharts() {
    }

    /** Whole-model chart: raw and compressed, original vs planned. */
    public static JFreeChart totals() {
        JFreeChart c = ChartFactory.createBarChart("Model size", null, "KB", new DefaultCategoryDataset(),
                PlotOrientation.VERTICAL, true, true, false);
        ChartStyle.apply(c);
        return c;
    }

    /** Per-layer chart of the largest layers. */
    public static JFreeChart perLayer() {
        JFreeChart c = ChartFactory.createBarChart("Largest layers (compressed)", null, "KB",
                new DefaultCategoryDataset(), PlotOrientation.VERTICAL, true, true, false);
        ChartStyle.apply(c);
        c.getCategoryPlot().getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        c.getCategoryPlot().getDomainAxis().setMaximumCategoryLabelWidthRatio(0.9f);
        ((NumberAxis) c.getCategoryPlot().getRangeAxis()).setAutoRangeIncludesZero(true);
        return c;
    }

    /** Fills the totals chart. */
    public static void updateTotals(JFreeChart chart, SizeEstimator.Estimate before, SizeEstimator.Estimate after) {
        DefaultCategoryDataset d = (DefaultCategoryDataset) chart.getCategoryPlot().getDataset();
        d.setNotify(false);
        d.clear();
        d.addValue(before.rawBytes() / 1024.0, ORIGINAL, "raw");
        d.addValue(after.rawBytes() / 1024.0, PLANNED, "raw");
        d.addValue(before.compressedBytes() / 1024.0, ORIGINAL, "compressed");
        d.addValue(after.compressedBytes() / 1024.0, PLANNED, "compressed");
        d.setNotify(true);
    }

    /** Fills the per-layer chart with the largest layers. */
    public static void updatePerLayer(JFreeChart chart, SizeEstimator.Estimate before, SizeEstimator.Estimate after) {
        DefaultCategoryDataset d = (DefaultCategoryDataset) chart.getCategoryPlot().getDataset();
        Map<String, SizeEstimator.LayerSize> planned = new HashMap<>();
        after.layers().forEach(l -> planned.put(l.layerId(), l));
        List<SizeEstimator.LayerSize> largest = new ArrayList<>(before.layers());
        largest.removeIf(l -> l.rawBytes() == 0);
        largest.sort(Comparator.comparingLong(SizeEstimator.LayerSize::rawBytes).reversed());
        if (largest.size() > MAX_LAYERS) {
            largest = largest.subList(0, MAX_LAYERS);
        }
        largest.sort(Comparator.comparingInt(SizeEstimator.LayerSize::opIndex));
        d.setNotify(false);
        d.clear();
        for (SizeEstimator.LayerSize l : largest) {
            String key = shorten(l.layerId());
            if (d.getColumnKeys().contains(key)) {
                key = key + " #" + l.opIndex();
            }
            SizeEstimator.LayerSize p = planned.getOrDefault(l.layerId(), l);
            d.addValue(l.compressedBytes() / 1024.0, ORIGINAL, key);
            d.addValue(p.compressedBytes() / 1024.0, PLANNED, key);
        }
        d.setNotify(true);
    }

    /** The layer's own name segment ("model/conv2d_3/Relu6" → "conv2d_3"), at most 20 characters. */
    static String shorten(String id) {
        String[] parts = id.split("/");
        String s = parts.length >= 2 ? parts[parts.length - 2] : id;
        return s.length() > 20 ? "\u2026" + s.substring(s.length() - 19) : s;
    }
}
