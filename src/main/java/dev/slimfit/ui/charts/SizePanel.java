package dev.slimfit.ui.charts;

import dev.slimfit.ui.MainViewModel;
import dev.slimfit.ui.ModelDocument;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;

/**
 * Size tab: a one-line summary (original → planned, raw and compressed, and how long the last
 * update took) above two bar charts, whole model and largest layers.
 */
public final class SizePanel extends BorderPane {
    private final JFreeChart totals = SizeCharts.totals();
    private final JFreeChart layers = SizeCharts.perLayer();
    private final Label summary = new Label("Open a model to see its size.");
    private final BooleanProperty showing = new SimpleBooleanProperty(true);
    private boolean chartsStale;
    private ModelDocument shownDoc;
    private dev.slimfit.optimize.SizeEstimator.Estimate shownEstimate;

    /** A panel showing {@code vm}'s planned model against {@code main}'s original. */
    public SizePanel(MainViewModel main, SizeViewModel vm) {
        summary.setId("size-summary");
        summary.getStyleClass().add("summary");
        Label latency = new Label();
        latency.getStyleClass().add("muted");
        vm.lastLatencyMillisProperty().addListener((o, a, ms) ->
                latency.setText("updated in " + ms + " ms"));
        Label note = new Label("Schemes change the raw size (the quantizer rewrites weights); pruning and clustering "
                + "shrink the compressed size (zeros and repeated values deflate well).");
        String defaultNote = note.getText();
        vm.plannedProperty().addListener((o, a, p) -> {
            boolean none = p == null || p.notes().isEmpty();
            note.setText(none ? defaultNote : "Quantizer notes (" + p.notes().size() + ", hover for all): "
                    + p.notes().get(0));
            note.setTooltip(none ? null : new javafx.scene.control.Tooltip(String.join("\n", p.notes())));
        });
        note.getStyleClass().add("muted");
        note.setWrapText(false);
        note.setTextOverrun(javafx.scene.control.OverrunStyle.ELLIPSIS);
        note.setMaxWidth(Double.MAX_VALUE);
        HBox head = new HBox(16, summary, latency);
        VBox top = new VBox(2, head, note);
        top.setPadding(new Insets(8, 10, 4, 10));
        setTop(top);
        ChartViewer t = new ChartViewer(totals);
        ChartViewer l = new ChartViewer(layers);
        t.setPrefWidth(320);
        t.setMinWidth(260);
        HBox charts = new HBox(8, t, l);
        HBox.setHgrow(l, Priority.ALWAYS);
        charts.setPadding(new Insets(0, 8, 8, 8));
        setCenter(charts);
        vm.summaryProperty().addListener((o, a, s) -> summary.setText(s));
        // charts are redrawn only while the tab shows (a hidden chart costs a full redraw per edit)
        vm.plannedProperty().addListener((o, a, p) -> {
            if (showing.get()) {
                updateCharts(main, vm);
            } else {
                chartsStale = true;
            }
        });
        showing.addListener((o, a, on) -> {
            if (on && chartsStale) {
                updateCharts(main, vm);
            }
        });
    }

    /** True while the panel is on screen (the main view binds it to its tab's selection). */
    public BooleanProperty showingProperty() {
        return showing;
    }

    private void updateCharts(MainViewModel main, SizeViewModel vm) {
        ModelDocument doc = main.documentProperty().get();
        PlannedModel p = vm.plannedProperty().get();
        if (p != null && doc != null) {
            chartsStale = false;
            if (doc == shownDoc && p.estimate().equals(shownEstimate)) {
                return; // e.g. a scheme edit before the quantizer: same bytes, skip two chart redraws
            }
            shownDoc = doc;
            shownEstimate = p.estimate();
            SizeCharts.updateTotals(totals, doc.original(), p.estimate());
            SizeCharts.updatePerLayer(layers, doc.original(), p.estimate());
        }
    }

    /** The summary label (tests read it). */
    public Label summaryLabel() {
        return summary;
    }
}
