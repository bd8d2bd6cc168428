package dev.slimfit.ui;

import dev.slimfit.ui.charts.HistogramPanel;
import dev.slimfit.ui.charts.HistogramViewModel;
import dev.slimfit.ui.charts.SizePanel;
import dev.slimfit.ui.charts.SizeViewModel;
import dev.slimfit.ui.common.AppPreferences;
import dev.slimfit.ui.common.FxTaskExecutor;
import dev.slimfit.ui.export.ExportDialog;
import dev.slimfit.ui.export.ExportViewModel;
import dev.slimfit.ui.graph.GraphPane;
import dev.slimfit.ui.graph.GraphViewModel;
import dev.slimfit.ui.layers.LayersView;
import dev.slimfit.ui.layers.LayersViewModel;
import dev.slimfit.ui.properties.PropertiesView;
import dev.slimfit.ui.properties.PropertiesViewModel;
import java.io.File;
import java.util.Optional;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * The main window's content: menu bar and toolbar, the graph in the centre, properties on the
 * right, tabs (Layers, Size, Histogram) below, and a status bar with model facts and task
 * progress. Accepts a dropped .tflite file. Only wires views to view-models.
 */
public final class MainView extends BorderPane {
    private final MainViewModel vm;
    private final GraphPane graph;
    private final LayersView layers;
    private final SizePanel size;
    private final SplitPane outer = new SplitPane();
    private final SplitPane upper = new SplitPane();
    private final TabPane tabs = new TabPane();
    private final FxTaskExecutor tasks;
    private final SizeViewModel sizeVm;
    private final GraphViewModel graphVm;
    private final MeasureViewModel measureVm;

    /** The window content for {@code vm}. */
    public MainView(MainViewModel vm, FxTaskExecutor tasks) {
        this.vm = vm;
        this.tasks = tasks;
        getStyleClass().add("main-view");
        graphVm = new GraphViewModel(vm);
        sizeVm = new SizeViewModel(vm, tasks);
        LayersViewModel layersVm = new LayersViewModel(vm, sizeVm);
        measureVm = new MeasureViewModel(vm, graphVm, layersVm);
        graph = new GraphPane(vm, graphVm);
        layers = new LayersView(vm, layersVm);
        size = new SizePanel(vm, sizeVm);
        PropertiesView props = new PropertiesView(new PropertiesViewModel(vm));
        HistogramViewModel histogramVm = new HistogramViewModel(vm, sizeVm);
        HistogramPanel histogram = new HistogramPanel(histogramVm);

        upper.getItems().addAll(graph, props);
        SplitPane.setResizableWithParent(props, false);
        props.setMinWidth(240);
        Tab sizeTab = tab("Size", size);
        Tab histogramTab = tab("Histogram", histogram);
        tabs.getTabs().addAll(tab("Layers", layers), sizeTab, histogramTab, evaluateTab, compareTab);
        // Evaluate and Compare work on one original model: rebuilt whenever another model opens.
        vm.documentProperty().addListener((o, was, doc) -> rebuildModelTabs(doc));
        rebuildModelTabs(vm.documentProperty().get());
        compareTab.selectedProperty().addListener((o, was, now) -> {
            if (now && compareVm != null) {
                compareVm.refresh();
            }
        });
        // Compare's selected row follows the graph/table selection (its key is the layer id).
        vm.focusedOpProperty().addListener((o, was, op) -> {
            ModelDocument d = vm.documentProperty().get();
            if (compareVm != null && d != null && op.intValue() >= 0 && op.intValue() < d.layers().size()) {
                compareVm.selectedKeyProperty().set(d.layerAt(op.intValue()).id());
            }
        });
        size.showingProperty().bind(sizeTab.selectedProperty());
        histogramVm.activeProperty().bind(histogramTab.selectedProperty());
        tabs.setId("bottom-tabs");
        outer.setOrientation(Orientation.VERTICAL);
        outer.getItems().addAll(upper, tabs);
        SplitPane.setResizableWithParent(tabs, false);

        VBox top = new VBox(AppMenus.build(vm, graphVm, layersVm, graph, this::openExport, this::showShortcuts,
                measureVm::measure, this::openWizard), toolbar());
        setTop(top);
        setCenter(outer);
        setBottom(statusBar());
        setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        setOnDragDropped(e -> {
            Optional<File> f = e.getDragboard().hasFiles() ? e.getDragboard().getFiles().stream().findFirst()
                    : Optional.empty();
            f.ifPresent(file -> vm.open(file.toPath()));
            e.setDropCompleted(f.isPresent());
            e.consume();
        });
    }

    private final Tab evaluateTab = tab("Evaluate", new Label("Open a model to evaluate it."));
    private final Tab compareTab = tab("Compare", new Label("Open a model to compare it with its optimized version."));
    private dev.slimfit.ui.compare.CompareViewModel compareVm;

    /**
     * The planned model Compare shows, computed on a worker thread: full-integer layers are
     * calibrated on the seeded inputs Measure uses, so the scales shown are of a calibrated model
     * (the size preview's placeholder ranges would show scales nobody chose).
     */
    private dev.slimfit.model.Model plannedModel() {
        ModelDocument doc = vm.documentProperty().get();
        dev.slimfit.optimize.Plan plan = vm.planProperty().get();
        try {
            return dev.slimfit.ui.charts.PlannedModel.compute(doc.model(), plan,
                    MeasureViewModel.seededRanges(doc, plan,
                    dev.slimfit.ui.common.TaskExecutor.Progress.none())).model();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }


    private void rebuildModelTabs(ModelDocument doc) {
        if (doc == null) {
            return;
        }
        java.util.concurrent.Executor fx = javafx.application.Platform::runLater;
        dev.slimfit.ui.eval.EvaluateViewModel evalVm = new dev.slimfit.ui.eval.EvaluateViewModel(doc.model(),
                (dev.slimfit.ui.eval.EvaluationRunner.OptimizedModel) (samples, p) -> dev.slimfit.ui.eval.PlanEvaluation
                        .optimized(doc.model(), vm.planProperty().get(), samples, p), tasks, fx, vm.dialogs());
        evaluateTab.setContent(new dev.slimfit.ui.eval.EvaluateView(evalVm));
        compareVm = new dev.slimfit.ui.compare.CompareViewModel(doc.model(), this::plannedModel, tasks, fx);
        compareTab.setContent(new dev.slimfit.ui.compare.CompareView(compareVm));
        // ... and a row picked in Compare selects its layer in the graph and the table.
        compareVm.selectedKeyProperty().addListener((o, was, key) -> {
            if (key == null || doc != vm.documentProperty().get()) {
                return;
            }
            doc.layers().stream().filter(l -> l.id().equals(key)).findFirst().ifPresent(l -> {
                if (vm.selection().size() != 1 || !vm.selection().contains(l.opIndex())) {
                    vm.selection().clear();
                    vm.selection().add(l.opIndex());
                }
            });
        });
        // Evaluate's per-layer errors colour the graph and fill the layers table, but only while
        // the plan is the one that was evaluated (MeasureViewModel clears them on a plan change).
        Object[] evaluatedPlan = new Object[1];
        evalVm.job().runningProperty().addListener((o, was, running) -> {
            if (running) {
                evaluatedPlan[0] = vm.planProperty().get();
            }
        });
        evalVm.reportProperty().addListener((o, a, report) -> {
            if (report != null && evaluatedPlan[0] == vm.planProperty().get()
                    && doc == vm.documentProperty().get()) {
                measureVm.showEvaluation(report.layers());
                graphVm.colorModeProperty().set(dev.slimfit.ui.graph.ColorMode.LAYER_ERROR);
            }
        });
    }

    /** Opens the quantization wizard; an applied plan replaces the current one (undoable). */
    public void openWizard() {
        ModelDocument doc = vm.documentProperty().get();
        if (doc == null) {
            return;
        }
        dev.slimfit.ui.wizard.WizardViewModel wvm = new dev.slimfit.ui.wizard.WizardViewModel(doc.model(),
                new dev.slimfit.ui.wizard.QuantizingOptimizer(Runtime.getRuntime().availableProcessors()), tasks,
                javafx.application.Platform::runLater);
        dev.slimfit.ui.wizard.WizardDialog.show(getScene() == null ? null : getScene().getWindow(), wvm)
                .ifPresent(plan -> vm.replacePlan(plan, "wizard plan"));
    }

    private static Tab tab(String title, javafx.scene.Node content) {
        Tab t = new Tab(title, content);
        t.setClosable(false);
        return t;
    }

    private ToolBar toolbar() {
        Button open = button("Open", "Open a .tflite model (Ctrl+O)", vm::openWithDialog);
        Button export = button("Export", "Write the optimized model, recipe and report (Ctrl+E)", this::openExport);
        export.disableProperty().bind(vm.documentProperty().isNull());
        Button save = button("Save plan", "Save the plan as recipe JSON (Ctrl+S)", vm::savePlan);
        Button undo = button("Undo", "Undo (Ctrl+Z)", vm.undoStack()::undo);
        undo.disableProperty().bind(vm.undoStack().canUndoProperty().not());
        Button redo = button("Redo", "Redo (Ctrl+Y)", vm.undoStack()::redo);
        redo.disableProperty().bind(vm.undoStack().canRedoProperty().not());
        Button fit = button("Fit", "Fit the graph (Ctrl+0)", () -> graph.canvas().fitToView());
        Button measure = button("Measure", "Per-layer error and latency of the plan (Ctrl+M)", () -> measureVm.measure());
        measure.disableProperty().bind(vm.documentProperty().isNull());
        Button wizard = button("Wizard", "Propose a plan from what you have and need (Ctrl+W)", this::openWizard);
        wizard.disableProperty().bind(vm.documentProperty().isNull());
        Label title = new Label();
        title.getStyleClass().add("toolbar-title");
        title.textProperty().bind(Bindings.createStringBinding(() -> vm.documentProperty().get() == null
                ? "" : vm.documentProperty().get().name(), vm.documentProperty()));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        ToolBar bar = new ToolBar(open, export, save, new javafx.scene.control.Separator(), undo, redo,
                new javafx.scene.control.Separator(), wizard, measure, fit, spacer, title);
        bar.getStyleClass().add("app-toolbar");
        return bar;
    }

    private static Button button(String text, String tip, Runnable action) {
        Button b = new Button(text);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        b.setFocusTraversable(false);
        return b;
    }

    private HBox statusBar() {
        Label facts = new Label();
        facts.setId("status-facts");
        facts.textProperty().bind(Bindings.createStringBinding(() -> MainViewModel.describe(vm.documentProperty().get()),
                vm.documentProperty()));
        Label task = new Label();
        task.textProperty().bind(tasks.messageProperty());
        ProgressBar progress = new ProgressBar();
        progress.setPrefWidth(120);
        progress.progressProperty().bind(tasks.progressProperty());
        progress.visibleProperty().bind(tasks.busyProperty());
        Button cancel = new Button("Cancel");
        cancel.getStyleClass().add("small");
        cancel.visibleProperty().bind(tasks.busyProperty());
        cancel.setOnAction(e -> tasks.cancelCurrent());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(12, facts, spacer, task, progress, cancel);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(3, 10, 3, 10));
        bar.getStyleClass().add("status-bar");
        return bar;
    }

    /** Opens the export dialog for the current model and plan. */
    public ExportDialog openExport() {
        if (vm.documentProperty().get() == null) {
            return null;
        }
        ExportDialog d = new ExportDialog(getScene() == null ? null : getScene().getWindow(), new ExportViewModel(vm, tasks));
        d.show();
        return d;
    }

    private void showShortcuts() {
        vm.dialogs().showInfo("Keyboard shortcuts", String.join("\n",
                "Ctrl+O  open      Ctrl+E  export      Ctrl+S / Ctrl+L  save / load plan",
                "Ctrl+Z / Ctrl+Y  undo / redo",
                "Ctrl+F  find (Enter: next hit)      Ctrl+G  show selected in graph",
                "Ctrl+Shift+A  select all of this op type",
                "Ctrl+0  fit      Ctrl+= / Ctrl+-  zoom      Ctrl+1..4  colour by",
                "Alt+1..5  set scheme on selection      Ctrl+P  prune 50%      Ctrl+K  cluster 16",
                "Ctrl+M  measure per-layer error and latency",
                "Graph: drag pans, wheel zooms, Shift/Ctrl-click toggles, Shift-drag selects a rectangle"));
    }

    /** Restores split positions from preferences. */
    public void restoreLayout(AppPreferences prefs) {
        outer.setDividerPositions(prefs.getDouble("split.outer", 0.57));
        upper.setDividerPositions(prefs.getDouble("split.upper", 0.76));
    }

    /** Saves split positions to preferences. */
    public void saveLayout(AppPreferences prefs) {
        prefs.putDouble("split.outer", outer.getDividerPositions()[0]);
        prefs.putDouble("split.upper", upper.getDividerPositions()[0]);
    }

    /** Selects a bottom tab by title. */
    public void showTab(String title) {
        tabs.getTabs().stream().filter(t -> t.getText().equals(title)).findFirst()
                .ifPresent(t -> tabs.getSelectionModel().select(t));
    }

    /** The graph pane. */
    public GraphPane graph() {
        return graph;
    }

    /** The graph's view-model (colouring data). */
    public GraphViewModel graphViewModel() {
        return graphVm;
    }

    /** The layers table view. */
    public LayersView layers() {
        return layers;
    }

    /** The size panel. */
    public SizePanel sizePanel() {
        return size;
    }

    /** The measurement view-model. */
    public MeasureViewModel measureViewModel() {
        return measureVm;
    }

    /** The size view-model (latency readings). */
    public SizeViewModel sizeViewModel() {
        return sizeVm;
    }

    /** The window, once shown. */
    public Window window() {
        return getScene() == null ? null : getScene().getWindow();
    }
}
