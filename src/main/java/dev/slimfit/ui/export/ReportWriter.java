package dev.slimfit.ui.export;

import dev.slimfit.optimize.Layer;
import dev.slimfit.optimize.Plan;
import dev.slimfit.optimize.SizeEstimator;
import dev.slimfit.ui.ModelDocument;
import dev.slimfit.ui.charts.PlannedModel;
import dev.slimfit.ui.charts.SizeCharts;
import dev.slimfit.ui.charts.SizeViewModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;

/**
 * Writes the export's HTML report: sizes, the plan per layer, the run check, and the size charts
 * rendered off-screen to PNG files next to it (JFreeChart draws into a BufferedImage; no window).
 */
public final class ReportWriter {
    private ReportWriter() {
    }

    /** Writes {@code report} (HTML) and its PNG charts beside it. */
    public static void write(Path report, ModelDocument doc, PlannedModel planned, Path exported, String runCheck)
            throws IOException {
        String base = report.getFileName().toString().replaceFirst("\\.html?$", "").replaceFirst("\\.report$", "");
        Path dir = report.toAbsolutePath().getParent();
        JFreeChart totals = SizeCharts.totals();
        SizeCharts.updateTotals(totals, doc.original(), planned.estimate());
        JFreeChart layers = SizeCharts.perLayer();
        SizeCharts.updatePerLayer(layers, doc.original(), planned.estimate());
        Path totalsPng = dir.resolve(base + "-size.png");
        Path layersPng = dir.resolve(base + "-layers.png");
        ChartUtils.saveChartAsPNG(totalsPng.toFile(), totals, 520, 360);
        ChartUtils.saveChartAsPNG(layersPng.toFile(), layers, 1000, 420);

        Plan plan = planned.plan();
        Map<String, SizeEstimator.LayerSize> after = new HashMap<>();
        planned.estimate().layers().forEach(l -> after.put(l.layerId(), l));
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Slimfit report: ")
                .append(esc(doc.name())).append("</title>\n<style>body{font-family:sans-serif;color:#2b303a;"
                + "max-width:1060px;margin:2em auto}table{border-collapse:collapse;font-size:13px}"
                + "td,th{padding:3px 10px;border-bottom:1px solid #e3e6eb;text-align:left}"
                + "td.n{text-align:right}.muted{color:#6b7380}</style></head><body>\n");
        h.append("<h1>").append(esc(doc.name())).append(" \u2192 ").append(esc(exported.getFileName().toString()))
                .append("</h1>\n<p>").append(esc(summary(doc.original(), planned.estimate()))).append("</p>\n");
        h.append("<p><b>Run check:</b> ").append(esc(runCheck)).append("</p>\n");
        h.append("<p><img src=\"").append(totalsPng.getFileName()).append("\" alt=\"model size\"> ")
                .append("<img src=\"").append(layersPng.getFileName()).append("\" alt=\"largest layers\"></p>\n");
        h.append("<h2>Plan per layer</h2>\n<table><tr><th>#</th><th>layer</th><th>op</th><th>scheme</th>"
                + "<th>pruning</th><th>clustering</th><th>bytes</th><th>planned</th></tr>\n");
        for (Layer l : doc.layers()) {
            if (!l.hasWeights()) {
                continue;
            }
            var c = plan.choiceFor(l.id());
            SizeEstimator.LayerSize a = after.get(l.id());
            h.append("<tr><td class=n>").append(l.opIndex()).append("</td><td>").append(esc(l.id()))
                    .append("</td><td>").append(esc(l.op())).append("</td><td>").append(plan.effectiveScheme(l).id())
                    .append("</td><td>").append(c.pruning() == null ? "\u2014"
                            : String.format(Locale.ROOT, "%.0f%% %s", c.pruning().sparsity() * 100,
                            c.pruning().pattern().name().toLowerCase(Locale.ROOT)))
                    .append("</td><td>").append(c.clustering() == null ? "\u2014" : c.clustering().clusters() + " clusters")
                    .append("</td><td class=n>").append(SizeViewModel.bytes(l.weightBytes()))
                    .append("</td><td class=n>").append(a == null ? "" : SizeViewModel.bytes(a.rawBytes()))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n<p class=muted>Written by Slimfit.</p></body></html>\n");
        Files.writeString(report, h.toString());
    }

    static String summary(SizeEstimator.Estimate before, SizeEstimator.Estimate after) {
        return "Raw " + SizeViewModel.bytes(before.rawBytes()) + " \u2192 " + SizeViewModel.bytes(after.rawBytes())
                + "; compressed " + SizeViewModel.bytes(before.compressedBytes()) + " \u2192 "
                + SizeViewModel.bytes(after.compressedBytes()) + ".";
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
