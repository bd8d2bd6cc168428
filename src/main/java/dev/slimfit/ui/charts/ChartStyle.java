package dev.slimfit.ui.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;

/** The one place that styles JFreeChart charts to match the app's calm light theme. */
final class ChartStyle {
    static final Color ORIGINAL = new Color(0x9a, 0xa5, 0xb4);
    static final Color PLANNED = new Color(0x2f, 0x6f, 0x9f);
    static final Color ACCENT = new Color(0xc0, 0x5a, 0x2b);
    static final Color GRID = new Color(0xe3, 0xe6, 0xeb);
    static final Color TEXT = new Color(0x3a, 0x40, 0x4c);
    static final Font TITLE = new Font("SansSerif", Font.BOLD, 13);
    static final Font LABEL = new Font("SansSerif", Font.PLAIN, 11);

    private ChartStyle() {
    }

    static void apply(JFreeChart chart) {
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
            legend.setFrame(org.jfree.chart.block.BlockBorder.NONE);
            legend.setPosition(RectangleEdge.TOP);
            legend.setItemPaint(TEXT);
        }
        if (chart.getPlot() instanceof CategoryPlot) {
            CategoryPlot p = chart.getCategoryPlot();
            p.setBackgroundPaint(Color.WHITE);
            p.setOutlineVisible(false);
            p.setRangeGridlinePaint(GRID);
            p.setRangeGridlineStroke(new BasicStroke(1f));
            p.getDomainAxis().setTickLabelFont(LABEL);
            p.getDomainAxis().setTickLabelPaint(TEXT);
            p.getRangeAxis().setTickLabelFont(LABEL);
            p.getRangeAxis().setLabelFont(LABEL);
            p.getRangeAxis().setTickLabelPaint(TEXT);
            if (p.getRenderer() instanceof BarRenderer) {
                BarRenderer r = (BarRenderer) p.getRenderer();
                r.setBarPainter(new StandardBarPainter());
                r.setShadowVisible(false);
                r.setDrawBarOutline(false);
                r.setItemMargin(0.04);
                r.setSeriesPaint(0, ORIGINAL);
                r.setSeriesPaint(1, PLANNED);
            }
        } else if (chart.getPlot() instanceof XYPlot) {
            XYPlot p = chart.getXYPlot();
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
