package dev.slimfit.ui.wizard;

import dev.slimfit.ui.common.FeatureStyle;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.util.ArrayList;
import java.util.List;

import javafx.collections.ListChangeListener;
import javafx.scene.layout.StackPane;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Size-vs-quality scatter of the wizard's candidates; the selected one is drawn in the accent colour. */
final class CandidateChart extends StackPane {
    private final WizardViewModel vm;
    private final XYSeries others = new XYSeries("candidates", false);
    private final XYSeries chosen = new XYSeries("selected", false);
    private final List<String> otherLabels = new ArrayList<>();
    private final List<String> chosenLabels = new ArrayList<>();
    private final JFreeChart chart;

    CandidateChart(WizardViewModel vm) {
        this.vm = vm;
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(others);
        data.addSeries(chosen);
        chart = ChartFactory.createScatterPlot("Size vs quality", "model size (KB)", "top-1 / agreement (%)", data,
                PlotOrientation.VERTICAL, false, true, false);
        FeatureStyle.apply(chart);
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
        r.setSeriesPaint(0, FeatureStyle.OPTIMIZED);
        r.setSeriesPaint(1, FeatureStyle.ACCENT);
        r.setSeriesShape(0, new Ellipse2D.Double(-5, -5, 10, 10));
        r.setSeriesShape(1, new Ellipse2D.Double(-7, -7, 14, 14));
        r.setSeriesOutlineStroke(1, new BasicStroke(2f));
        r.setDefaultItemLabelsVisible(true);
        r.setDefaultItemLabelFont(new Font("SansSerif", Font.PLAIN, 11));
        r.setDefaultItemLabelPaint(new Color(0x3a, 0x40, 0x4c));
        r.setDefaultPositiveItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.OUTSIDE12,
                TextAnchor.BOTTOM_CENTER));
        r.setDefaultItemLabelGenerator((dataset, series, item) ->
                (series == 0 ? otherLabels : chosenLabels).get(item));
        plot.setRenderer(r);
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        ((NumberAxis) plot.getDomainAxis()).setAutoRangeIncludesZero(true);
        ChartViewer viewer = new ChartViewer(chart);
        viewer.setId("wizard-chart");
        getChildren().add(viewer);
        vm.results().addListener((ListChangeListener<CandidateResult>) c -> refresh());
        vm.selectedProperty().addListener((o, a, b) -> refresh());
        refresh();
    }

    private void refresh() {
        others.clear();
        chosen.clear();
        otherLabels.clear();
        chosenLabels.clear();
        boolean agreementOnly = true;
        for (CandidateResult c : vm.results()) {
            if (!c.ok() || Double.isNaN(c.quality())) {
                continue;
            }
            agreementOnly &= Double.isNaN(c.top1());
            boolean sel = c == vm.selectedProperty().get();
            (sel ? chosenLabels : otherLabels).add(c.label());
            (sel ? chosen : others).add(c.rawBytes() / 1024.0, 100 * c.quality());
        }
        chart.getXYPlot().getRangeAxis().setLabel(agreementOnly ? "agreement with original (%)" : "top-1 accuracy (%)");
    }
}
