package dev.slimfit.ui.charts;

import java.awt.BasicStroke;
import java.awt.Color;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import dev.slimfit.eval.Histogram;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;

/**
 * Histogram tab: the focused layer's weights before (grey) and after (blue) the plan, overlaid,
 * with plan markers and a log-scale switch.
 */
public final class HistogramPanel extends BorderPane {
    private final XYIntervalSeriesCollection dataset = new XYIntervalSeriesCollection();
    private final JFreeChart chart;
    private final Label title = new Label("Select a layer with weights.");
    private final Label markers = new Label();
    private final HistogramViewModel vm;

    /** A panel over {@code vm}. */
    public HistogramPanel(HistogramViewModel vm) {
        this.vm = vm;
        chart = ChartFactory.createXYBarChart(null, "weight value", false, "count", dataset,
                PlotOrientation.VERTICAL, true, true, false);
        ChartStyle.apply(chart);
        XYBarRenderer r = (XYBarRenderer) chart.getXYPlot().getRenderer();
        r.setBarPainter(new StandardXYBarPainter());
        r.setShadowVisible(false);
        r.setSeriesPaint(0, new Color(0x9a, 0xa5, 0xb4, 150));
        r.setSeriesPaint(1, new Color(0x2f, 0x6f, 0x9f, 150));
        CheckBox log = new CheckBox("Log scale");
        log.selectedProperty().bindBidirectional(vm.logScaleProperty());
        title.getStyleClass().add("summary");
        markers.getStyleClass().add("muted");
        HBox bar = new HBox(16, title, markers, log);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8, 10, 4, 10));
        setTop(bar);
        setCenter(new ChartViewer(chart));
        vm.dataProperty().addListener((o, a, d) -> show(d));
        vm.logScaleProperty().addListener((o, a, b) -> show(vm.dataProperty().get()));
    }

    private void show(HistogramViewModel.Data d) {
        XYPlot plot = chart.getXYPlot();
        plot.clearDomainMarkers();
        dataset.removeAllSeries();
        boolean log = vm.logScaleProperty().get();
        NumberAxis axis = log ? new LogarithmicAxis("count (log)") : new NumberAxis("count");
        if (log) {
            ((LogarithmicAxis) axis).setAllowNegativesFlag(false);
            ((LogarithmicAxis) axis).setStrictValuesFlag(false);
        }
        axis.setTickLabelFont(ChartStyle.LABEL);
        axis.setLabelFont(ChartStyle.LABEL);
        plot.setRangeAxis(axis);
        if (d == null) {
            title.setText("Select a layer with weights.");
            markers.setText("");
            return;
        }
        title.setText(d.title());
        markers.setText(d.markerLabel());
        dataset.addSeries(series("original", d.before(), null, log));
        dataset.addSeries(series("planned", d.after(), d.afterLevels(), log));
        Histogram a = d.after();
        if (a.grid().length <= HistogramViewModel.MAX_GRID_LINES) {
            for (double g : a.grid()) {
                plot.addDomainMarker(new ValueMarker(g, new Color(0x6b, 0x73, 0x80, 90), new BasicStroke(0.6f)));
            }
        }
        if (a.clip() != null) {
            for (double c : a.clip()) {
                plot.addDomainMarker(new ValueMarker(c, ChartStyle.ACCENT, new BasicStroke(1.4f,
                        BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 4f}, 0f)));
            }
        }
        for (double c : a.centroids().length <= 256 ? a.centroids() : new double[0]) {
            plot.addDomainMarker(new ValueMarker(c, new Color(0xc0, 0x5a, 0x2b, 110), new BasicStroke(0.8f)));
        }
    }

    private static XYIntervalSeries series(String name, Histogram h, double[] levels, boolean log) {
        XYIntervalSeries s = new XYIntervalSeries(name);
        double[] e = h.edges();
        // a few distinct levels (clustered or quantized weights) are drawn as thin spikes at the
        // levels, not as wide bars, so the original distribution stays visible behind them
        double spike = (h.max() - h.min()) / 300;
        for (int i = 0; i < h.counts().length; i++) {
            long c = h.counts()[i];
            if (!log || c > 0) {
                double mid = levels != null ? levels[i] : (e[i] + e[i + 1]) / 2;
                double x0 = h.distinct() && spike > 0 ? mid - spike : e[i];
                double x1 = h.distinct() && spike > 0 ? mid + spike : e[i + 1];
                s.add((x0 + x1) / 2, x0, x1, c, 0, c);
            }
        }
        return s;
    }
}
