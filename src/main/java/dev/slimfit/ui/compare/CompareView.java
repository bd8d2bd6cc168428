package dev.slimfit.ui.compare;

import dev.slimfit.ui.common.FeatureStyle;
import java.util.Locale;
import java.util.TreeSet;

import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Original and optimized model side by side: two aligned tables with synced selection and
 * scrolling, type/quantization differences highlighted, and a summary (ops added/removed, bytes
 * by dtype before/after). Call {@link CompareViewModel#refresh()} to (re)compute.
 */
public final class CompareView extends BorderPane {
    private final CompareViewModel vm;
    private final HBox summary = new HBox(10);
    private final DefaultCategoryDataset bytes = new DefaultCategoryDataset();

    /** A view over {@code vm}. */
    public CompareView(CompareViewModel vm) {
        this.vm = vm;
        setId("compare-view");
        FeatureStyle.install(this);
        setPadding(new Insets(12));
        SideTable left = new SideTable(vm, true);
        SideTable right = new SideTable(vm, false);
        syncSelection(left, right);
        VBox l = new VBox(4, FeatureStyle.label("Original", "section-title"), left);
        VBox r = new VBox(4, FeatureStyle.label("Optimized", "section-title"), right);
        VBox.setVgrow(left, Priority.ALWAYS);
        VBox.setVgrow(right, Priority.ALWAYS);
        SplitPane tables = new SplitPane(l, r);
        setCenter(tables);
        JFreeChart chart = ChartFactory.createBarChart("Constant bytes by dtype", null, "KB", bytes,
                PlotOrientation.HORIZONTAL, true, true, false);
        FeatureStyle.apply(chart);
        ChartViewer viewer = new ChartViewer(chart);
        viewer.setPrefSize(420, 170);
        viewer.setMinHeight(170);
        HBox.setHgrow(summary, Priority.ALWAYS);
        HBox top = new HBox(10, summary, viewer);
        VBox header = new VBox(8, titleBar(), top, legend());
        header.setPadding(new Insets(0, 0, 8, 0));
        setTop(header);
        vm.diffProperty().addListener((o, a, d) -> showSummary(d));
        sceneProperty().addListener((o, a, s) -> Platform.runLater(() -> syncScroll(left, right)));
    }

    private HBox titleBar() {
        CheckBox inserted = new CheckBox("Show inserted QUANTIZE/DEQUANTIZE");
        inserted.selectedProperty().bindBidirectional(vm.showInsertedProperty());
        CheckBox only = new CheckBox("Only differences");
        only.setId("compare-only-changes");
        only.selectedProperty().bindBidirectional(vm.onlyChangesProperty());
        Button refresh = new Button("Refresh");
        refresh.setOnAction(e -> vm.refresh());
        refresh.disableProperty().bind(vm.job().runningProperty());
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(vm.job().runningProperty());
        Label err = FeatureStyle.label("", "error-banner");
        err.textProperty().bind(vm.errorProperty());
        err.visibleProperty().bind(vm.errorProperty().isNotEmpty());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox h = new HBox(12, FeatureStyle.label("Compare", "panel-title"), busy, err, gap, inserted, only, refresh);
        h.setAlignment(Pos.CENTER_LEFT);
        return h;
    }

    private HBox legend() {
        HBox h = new HBox(14, swatch("changed type or quantization", "#fff4e0"), swatch("added (e.g. inserted "
                + "QUANTIZE/DEQUANTIZE)", "#e6f4ea"), swatch("removed", "#fbe9e7"));
        h.setAlignment(Pos.CENTER_LEFT);
        return h;
    }

    private static Label swatch(String text, String colour) {
        Label l = FeatureStyle.label(text, "card-detail");
        Region box = new Region();
        box.setPrefSize(14, 12);
        box.setStyle("-fx-background-color: " + colour + "; -fx-border-color: #c3c9d2;");
        l.setGraphic(box);
        return l;
    }

    private void showSummary(ModelDiff d) {
        summary.getChildren().clear();
        bytes.clear();
        if (d == null) {
            return;
        }
        ModelDiff.Summary s = d.summary();
        int before = s.opsBefore().values().stream().mapToInt(Integer::intValue).sum();
        int after = s.opsAfter().values().stream().mapToInt(Integer::intValue).sum();
        StringBuilder delta = new StringBuilder();
        for (String t : s.opTypes()) {
            int n = s.delta(t);
            if (n != 0) {
                delta.append(String.format(Locale.ROOT, "%+d %s%n", n, t));
            }
        }
        summary.getChildren().add(card("Operators", before + "  \u2192  " + after,
                delta.length() == 0 ? "same op types" : delta.toString().trim()));
        long bb = s.bytesBefore().values().stream().mapToLong(Long::longValue).sum();
        long ba = s.bytesAfter().values().stream().mapToLong(Long::longValue).sum();
        summary.getChildren().add(card("Constant data", kb(bb) + "  \u2192  " + kb(ba),
                String.format(Locale.ROOT, "%.0f%% of the original", bb == 0 ? 100.0 : 100.0 * ba / bb)));
        long changed = d.rows().stream().filter(r -> r.status() == ModelDiff.Status.CHANGED).count();
        long inserted = d.rows().stream().filter(ModelDiff.Row::inserted).count();
        summary.getChildren().add(card("Ops changed", String.valueOf(changed),
                inserted + " QUANTIZE/DEQUANTIZE inserted"));
        TreeSet<String> types = new TreeSet<>(s.bytesBefore().keySet());
        types.addAll(s.bytesAfter().keySet());
        for (String t : types) {
            bytes.addValue(s.bytesBefore().getOrDefault(t, 0L) / 1024.0, "Original", t);
            bytes.addValue(s.bytesAfter().getOrDefault(t, 0L) / 1024.0, "Optimized", t);
        }
    }

    private static VBox card(String title, String value, String detail) {
        Label d = FeatureStyle.label(detail, "card-detail");
        d.setWrapText(true);
        VBox v = new VBox(2, FeatureStyle.label(title, "card-title"), FeatureStyle.label(value, "card-value"), d);
        v.getStyleClass().add("card");
        v.setMinWidth(180);
        return v;
    }

    static String kb(long b) {
        return b >= 1 << 20 ? String.format(Locale.ROOT, "%.2f MB", b / 1048576.0)
                : String.format(Locale.ROOT, "%.1f KB", b / 1024.0);
    }

    private void syncSelection(SideTable a, SideTable b) {
        for (SideTable t : new SideTable[] {a, b}) {
            t.getSelectionModel().selectedItemProperty().addListener((o, x, row) -> {
                if (row != null && vm.selectedProperty().get() != row) {
                    vm.selectedProperty().set(row);
                }
            });
        }
        vm.selectedProperty().addListener((o, x, row) -> {
            for (SideTable t : new SideTable[] {a, b}) {
                if (t.getSelectionModel().getSelectedItem() != row) {
                    t.getSelectionModel().select(row);
                    t.scrollTo(row);
                }
            }
        });
    }

    private static void syncScroll(SideTable a, SideTable b) {
        ScrollBar x = a.verticalBar();
        ScrollBar y = b.verticalBar();
        if (x != null && y != null) {
            x.valueProperty().bindBidirectional(y.valueProperty());
        }
    }
}
