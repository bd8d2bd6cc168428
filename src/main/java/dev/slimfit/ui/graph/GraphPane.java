package dev.slimfit.ui.graph;

import dev.slimfit.ui.MainViewModel;
import dev.slimfit.ui.ModelDocument;
import java.util.HashSet;
import java.util.OptionalInt;
import java.util.Set;

import javafx.collections.ListChangeListener;
import javafx.collections.SetChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The centre of the window: a {@link GraphCanvas} under a small bar with search, colouring mode
 * and fit. Binds to {@link GraphViewModel} and keeps the canvas selection in step with the main
 * view-model's selection (both ways).
 */
public final class GraphPane extends BorderPane {
    private final GraphCanvas canvas = new GraphCanvas();
    private final TextField search = new TextField();
    private final GraphViewModel vm;
    private final MainViewModel main;
    private boolean syncing;
    private boolean recolorPending;

    /** A pane showing {@code main}'s model through {@code vm}. */
    public GraphPane(MainViewModel main, GraphViewModel vm) {
        this.main = main;
        this.vm = vm;
        getStyleClass().add("graph-pane");
        search.setPromptText("Find op, type or tensor  (Ctrl+F)");
        search.setPrefColumnCount(22);
        search.setId("graph-search");
        search.setOnAction(e -> vm.search(search.getText()).ifPresent(this::reveal));
        Label status = new Label();
        status.getStyleClass().add("muted");
        status.textProperty().bind(vm.searchStatusProperty());
        ComboBox<ColorMode> mode = new ComboBox<>();
        mode.getItems().setAll(ColorMode.values());
        mode.valueProperty().bindBidirectional(vm.colorModeProperty());
        mode.setTooltip(new Tooltip("Colour nodes by"));
        Label colourLabel = new Label("Colour by");
        colourLabel.getStyleClass().add("muted");
        Button fit = new Button("Fit");
        fit.setTooltip(new Tooltip("Fit the graph to the view (Ctrl+0)"));
        fit.setOnAction(e -> canvas.fitToView());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(8, search, status, spacer, colourLabel, mode, fit);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 8, 6, 8));
        bar.getStyleClass().add("pane-bar");
        setTop(bar);
        setCenter(canvas);

        main.documentProperty().addListener((o, a, doc) -> show(doc));
        vm.colorModeProperty().addListener((o, a, b) -> recolor());
        vm.layerErrors().addListener((javafx.collections.MapChangeListener<String, Double>) c -> recolorSoon());
        vm.layerLatency().addListener((javafx.collections.MapChangeListener<String, Double>) c -> recolorSoon());
        main.planProperty().addListener((o, a, b) -> {
            if (vm.colorModeProperty().get() == ColorMode.PLANNED_SCHEME) {
                recolor();
            }
        });
        vm.hits().addListener((ListChangeListener<Integer>) c -> canvas.setSearchHits(vm.hits()));
        canvas.getSelectedNodes().addListener((SetChangeListener<Integer>) c -> {
            if (!syncing) {
                syncing = true;
                try {
                    copy(canvas.getSelectedNodes(), main.selection());
                } finally {
                    syncing = false;
                }
            }
        });
        main.selection().addListener((SetChangeListener<Integer>) c -> {
            if (!syncing) {
                syncing = true;
                try {
                    copy(main.selection(), canvas.getSelectedNodes());
                    // selected elsewhere (table, search, menu): bring the focused op into view
                    int focused = main.focusedOpProperty().get();
                    if (c.wasAdded() && focused >= 0 && main.selection().contains(focused)) {
                        canvas.centerOn(focused);
                    }
                } finally {
                    syncing = false;
                }
            }
        });
    }

    private static void copy(Set<Integer> from, Set<Integer> to) {
        to.retainAll(new HashSet<>(from));
        to.addAll(from);
    }

    private void show(ModelDocument doc) {
        if (doc == null) {
            return;
        }
        canvas.setGraph(doc.graph(), doc.geometry());
        recolor();
        canvas.showStart();
    }

    /** Coalesces a burst of map changes (one per layer) into one recolouring. */
    private void recolorSoon() {
        if (!recolorPending) {
            recolorPending = true;
            javafx.application.Platform.runLater(() -> {
                recolorPending = false;
                recolor();
            });
        }
    }

    private void recolor() {
        GraphSpec spec = canvas.getSpec();
        if (spec != null) {
            canvas.setNodeColorer(GraphColorings.colorer(vm, spec));
            canvas.setLegend(GraphColorings.legend(vm, spec));
        }
    }

    private void reveal(int nodeId) {
        canvas.centerOn(nodeId);
        main.selection().clear();
        main.selection().add(nodeId);
    }

    /** Focuses the search box (Ctrl+F). */
    public void focusSearch() {
        search.requestFocus();
        search.selectAll();
    }

    /** Centres the view on a node. */
    public void centerOn(int nodeId) {
        canvas.centerOn(nodeId);
    }

    /** The canvas (for zoom commands and snapshots). */
    public GraphCanvas canvas() {
        return canvas;
    }

    /** Runs a search as if typed; returns the node centred on. */
    public OptionalInt searchFor(String text) {
        search.setText(text);
        OptionalInt hit = vm.search(text);
        hit.ifPresent(this::reveal);
        return hit;
    }
}
