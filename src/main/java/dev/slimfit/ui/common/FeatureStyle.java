package dev.slimfit.ui.common;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.Objects;

import javafx.scene.Parent;
import javafx.scene.control.Label;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;

/**
 * Look shared by the Evaluate, Wizard and Compare features: their stylesheet and a JFreeChart
 * style matching the main window's light theme (original grey, optimized blue).
 */
public final class FeatureStyle {
    /** Series colour of the original model. */
    public static final Color ORIGINAL = new Color(0x9a, 0xa5, 0xb4);
    /** Series colour of the optimized model. */
    public static final Color OPTIMIZED = new Color(0x2f, 0x6f, 0x9f);
    /** Highlight colour (chosen candidate, user's path). */
    public static final Color ACCENT = new Color(0xc0, 0x5a, 0x2b);
    private static final Color GRID = new Color(0xe3, 0xe6, 0xeb);
    private static final Color TEXT = new Color(0x3a, 0x40, 0x4c);
    private static final Font TITLE = new Font("SansSerif", Font.BOLD, 13);
    private static final Font LABEL = new Font("SansSerif", Font.PLAIN, 11);

    private FeatureStyle() {
    }

    /** Adds the features' stylesheet and the {@code feature} style class to {@code root}. */
    public static void install(Parent root) {
        String css = Objects.requireNonNull(FeatureStyle.class.getResource("features.css")).toExternalForm();
        root.getStylesheets().add(css);
        root.getStyleClass().add("feature");
    }

    /** A label with one style class. */
    public static Label label(String text, String styleClass) {
        Label l = new Label(text);
        l.getStyleClass().add(styleClass);
        return l;
    }

    /** Applies the light theme to a category (bar) or XY chart. */
    public static void apply(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        if (chart.getTitle() != null) {
            chart.getTitle().setFont(TITLE);
            chart.getTitle().setPaint(TEXT);
        }
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setItemFont(LABEL);
            legend.setFrame(BlockBorder.NONE);
            legend.setPosition(RectangleEdge.TOP);
            legend.setItemPaint(TEXT);
        }
        if (chart.getPlot() instanceof CategoryPlot p) {
            p.setBackgroundPaint(Color.WHITE);
            p.setOutlineVisible(false);
            p.setRangeGridlinePaint(GRID);
            p.setRangeGridlineStroke(new BasicStroke(1f));
            p.getDomainAxis().setTickLabelFont(LABEL);
            p.getDomainAxis().setTickLabelPaint(TEXT);
            p.getRangeAxis().setTickLabelFont(LABEL);
            p.getRangeAxis().setLabelFont(LABEL);
            p.getRangeAxis().setTickLabelPaint(TEXT);
            if (p.getRenderer() instanceof BarRenderer r) {
                r.setBarPainter(new StandardBarPainter());
                r.setShadowVisible(false);
                r.setDrawBarOutline(false);
                r.setItemMargin(0.04);
                r.setSeriesPaint(0, ORIGINAL);
                r.setSeriesPaint(1, OPTIMIZED);
            }
        } else if (chart.getPlot() instanceof XYPlot p) {
            p.setBackgroundPaint(Color.WHITE);
            p.setOutlineVisible(false);
            p.setRangeGridlinePaint(GRID);
            p.setDomainGridlinePaint(GRID);
            p.getDomainAxis().setTickLabelFont(LABEL);
            p.getDomainAxis().setLabelFont(LABEL);
            p.getRangeAxis().setTickLabelFont(LABEL);
            p.getRangeAxis().setLabelFont(LABEL);
        }
    }
}
