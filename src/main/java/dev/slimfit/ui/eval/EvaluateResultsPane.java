package dev.slimfit.ui.eval;

import dev.slimfit.eval.LatencyBenchmark;
import dev.slimfit.ui.common.FeatureStyle;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;

/** Right side of the Evaluate panel: summary cards, latency-per-op chart and per-layer error table. */
final class EvaluateResultsPane extends BorderPane {
    private final FlowPane cards = new FlowPane(10, 10);
    private final VBox notes = new VBox(4);
    private final DefaultCategoryDataset latency = new DefaultCategoryDataset();
    private final Label placeholder = FeatureStyle.label(
            "Choose samples on the left and run an evaluation to compare the two models.", "muted");

    EvaluateResultsPane(EvaluateViewModel vm) {
        setPadding(new Insets(12, 12, 12, 4));
        cards.setId("eval-cards");
        VBox top = new VBox(8, cards, notes);
        top.setPadding(new Insets(0, 0, 10, 0));
        setTop(top);
        JFreeChart chart = ChartFactory.createBarChart("Latency per op type (ms per invoke)", null, "ms", latency,
                PlotOrientation.VERTICAL, true, true, false);
        FeatureStyle.apply(chart);
        chart.getCategoryPlot().getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        ChartViewer viewer = new ChartViewer(chart);
        viewer.setId("eval-latency-chart");
        TabPane tabs = new TabPane(new Tab("Per-layer error", new LayerErrorTable(vm)),
                new Tab("Latency by op", new StackPane(viewer)));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        setCenter(tabs);
        vm.reportProperty().addListener((o, a, r) -> show(r));
        show(vm.reportProperty().get());
    }

    private void show(EvaluationReport r) {
        cards.getChildren().clear();
        notes.getChildren().clear();
        latency.clear();
        if (r == null) {
            cards.getChildren().add(placeholder);
            return;
        }
        if (r.labelled()) {
            cards.getChildren().add(card("Top-1 accuracy", pct(r.originalAcc().top1()), pct(r.optimizedAcc().top1()),
                    (r.optimizedAcc().top1() - r.originalAcc().top1()) * 100, " pt", true));
            cards.getChildren().add(card("Top-5 accuracy", pct(r.originalAcc().top5()), pct(r.optimizedAcc().top5()),
                    (r.optimizedAcc().top5() - r.originalAcc().top5()) * 100, " pt", true));
        }
        if (r.fidelity() != null) {
            cards.getChildren().add(single("Top-1 agreement", pct(r.fidelity().top1Agreement()),
                    "same top class as the original"));
            cards.getChildren().add(single("Output SQNR", fmt("%.1f dB", r.fidelity().sqnrDb()),
                    fmt("cosine %.4f", r.fidelity().meanCosine())));
        }
        LatencyBenchmark.Result lo = r.originalLatency();
        LatencyBenchmark.Result lq = r.optimizedLatency();
        cards.getChildren().add(card("Latency (median)", fmt("%.2f ms", lo.medianMs()), fmt("%.2f ms", lq.medianMs()),
                lo.medianMs() == 0 ? 0 : 100 * (lq.medianMs() - lo.medianMs()) / lo.medianMs(), "%", false));
        cards.getChildren().add(single("Samples", String.valueOf(r.samples()),
                fmt("p90 %.2f \u2192 %.2f ms", lo.p90Ms(), lq.p90Ms())));
        for (String n : r.notes()) {
            Label l = FeatureStyle.label(n, "note");
            l.setWrapText(true);
            notes.getChildren().add(l);
        }
        Map<String, Double> a = lo.ops().stream().collect(Collectors.toMap(LatencyBenchmark.OpStat::op,
                LatencyBenchmark.OpStat::msPerRun, Double::sum));
        Map<String, Double> b = lq.ops().stream().collect(Collectors.toMap(LatencyBenchmark.OpStat::op,
                LatencyBenchmark.OpStat::msPerRun, Double::sum));
        Set<String> ops = new LinkedHashSet<>(a.keySet());
        ops.addAll(b.keySet());
        for (String op : ops) {
            latency.addValue(a.getOrDefault(op, 0.0), "Original", op);
            latency.addValue(b.getOrDefault(op, 0.0), "Optimized", op);
        }
    }

    /** A before → after card; {@code higherIsBetter} decides the delta's colour. */
    private static VBox card(String title, String before, String after, double delta, String unit,
                             boolean higherIsBetter) {
        Label value = FeatureStyle.label(before + "  \u2192  " + after, "card-value");
        boolean good = higherIsBetter ? delta >= -1e-9 : delta <= 1e-9;
        Label d = FeatureStyle.label(fmt("%+.2f", delta) + unit, good ? "delta-good" : "delta-bad");
        VBox v = new VBox(2, FeatureStyle.label(title, "card-title"), value, d);
        v.getStyleClass().add("card");
        v.setMinWidth(190);
        return v;
    }

    private static VBox single(String title, String value, String detail) {
        VBox v = new VBox(2, FeatureStyle.label(title, "card-title"), FeatureStyle.label(value, "card-value"),
                FeatureStyle.label(detail, "card-detail"));
        v.getStyleClass().add("card");
        v.setMinWidth(150);
        return v;
    }

    static String pct(double v) {
        return fmt("%.1f%%", 100 * v);
    }

    static String fmt(String f, Object... args) {
        return String.format(Locale.ROOT, f, args);
    }
}
