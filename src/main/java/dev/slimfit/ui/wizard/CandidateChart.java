package dev.slimfit.ui.wizard;

import dev.slimfit.ui.common.FeatureStyle;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;

import javafx.collections.ListChangeListener;
import javafx.scene.layout.StackPane;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Size-vs-quality scatter of the wizard's candidates, one coloured series per candidate (legend on
 * top); the selected candidate is drawn larger with an accent ring. Size is the download (deflated
 * file): clustering and pruning leave the file as big and only show there.
 */
final class CandidateChart extends StackPane {
    private static final Color[] PALETTE = {FeatureStyle.ORIGINAL, FeatureStyle.OPTIMIZED, new Color(0x2e, 0x7d, 0x4f),
        new Color(0x8e, 0x5b, 0xb5), new Color(0xd4, 0x9a, 0x1e), new Color(0x1f, 0x9e, 0xa8)};
    private final WizardViewModel vm;
    private final XYSeriesCollection data = new XYSeriesCollection();
    private final JFreeChart chart;
    private final XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);

    CandidateChart(WizardViewModel vm) {
        this.vm = vm;
        chart = ChartFactory.createScatterPlot("Download size vs quality", "zipped model (KB)", "top-1 accuracy (%)", data,
                PlotOrientation.VERTICAL, true, true, false);
        FeatureStyle.apply(chart);
        XYPlot plot = chart.getXYPlot();
        renderer.setUseOutlinePaint(true);
        plot.setRenderer(renderer);
        NumberAxis quality = (NumberAxis) plot.getRangeAxis();
        quality.setAutoRangeIncludesZero(false);
        quality.setAutoRangeMinimumSize(2.0); // equal accuracies must not collapse the axis to one value
        ((NumberAxis) plot.getDomainAxis()).setAutoRangeIncludesZero(true);
        ChartViewer viewer = new ChartViewer(chart);
        viewer.setId("wizard-chart");
        getChildren().add(viewer);
        vm.results().addListener((ListChangeListener<CandidateResult>) c -> refresh());
        vm.selectedProperty().addListener((o, a, b) -> refresh());
        refresh();
    }

    private void refresh() {
        data.removeAllSeries();
        boolean agreementOnly = true;
        int i = 0;
        for (CandidateResult c : vm.results()) {
            if (!c.ok() || Double.isNaN(c.quality())) {
                continue;
            }
            agreementOnly &= Double.isNaN(c.top1());
            XYSeries s = new XYSeries(c.label(), false);
            s.add(c.compressedBytes() / 1024.0, 100 * c.quality());
            data.addSeries(s);
            boolean sel = c == vm.selectedProperty().get();
            double r = sel ? 8 : 5.5;
            renderer.setSeriesShape(i, new Ellipse2D.Double(-r, -r, 2 * r, 2 * r));
            renderer.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
            renderer.setSeriesOutlinePaint(i, sel ? FeatureStyle.ACCENT : PALETTE[i % PALETTE.length]);
            renderer.setSeriesOutlineStroke(i, new BasicStroke(sel ? 3f : 1f));
            i++;
        }
        chart.getXYPlot().getRangeAxis().setLabel(agreementOnly ? "agreement with original (%)" : "top-1 accuracy (%)");
    }
}
