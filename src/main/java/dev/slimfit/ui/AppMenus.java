package dev.slimfit.ui;

import dev.slimfit.optimize.Scheme;
import dev.slimfit.ui.graph.ColorMode;
import dev.slimfit.ui.graph.GraphPane;
import dev.slimfit.ui.graph.GraphViewModel;
import dev.slimfit.ui.layers.LayersViewModel;
import java.nio.file.Path;

import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCombination;

/** The menu bar; every item forwards to a view-model or a view command, with its shortcut. */
final class AppMenus {
    private AppMenus() {
    }

    static MenuBar build(MainViewModel vm, GraphViewModel graphVm, LayersViewModel layersVm, GraphPane graph,
                         Runnable export, Runnable shortcuts, Runnable measure) {
        Menu recent = new Menu("Open Recent");
        Runnable fillRecent = () -> {
            recent.getItems().clear();
            for (Path p : vm.recentFiles()) {
                MenuItem i = new MenuItem(p.getFileName() + "  \u2014  " + p.getParent());
                i.setMnemonicParsing(false);
                i.setOnAction(e -> vm.open(p));
                recent.getItems().add(i);
            }
            recent.setDisable(recent.getItems().isEmpty());
        };
        vm.recentFiles().addListener((ListChangeListener<Path>) c -> fillRecent.run());
        fillRecent.run();
        Menu file = new Menu("File", null,
                item("Open\u2026", "Shortcut+O", vm::openWithDialog),
                recent,
                new SeparatorMenuItem(),
                item("Export\u2026", "Shortcut+E", export),
                item("Save Plan\u2026", "Shortcut+S", vm::savePlan),
                item("Load Plan\u2026", "Shortcut+L", vm::loadPlan),
                new SeparatorMenuItem(),
                item("Quit", "Shortcut+Q", Platform::exit));

        MenuItem undo = item("Undo", "Shortcut+Z", vm.undoStack()::undo);
        undo.textProperty().bind(vm.undoStack().undoTextProperty());
        undo.disableProperty().bind(vm.undoStack().canUndoProperty().not());
        MenuItem redo = item("Redo", "Shortcut+Y", vm.undoStack()::redo);
        redo.textProperty().bind(vm.undoStack().redoTextProperty());
        redo.disableProperty().bind(vm.undoStack().canRedoProperty().not());
        Menu edit = new Menu("Edit", null, undo, redo, new SeparatorMenuItem(),
                item("Find\u2026", "Shortcut+F", graph::focusSearch),
                item("Select All of This Op Type", "Shortcut+Shift+A", vm::selectAllOfFocusedType),
                item("Clear Selection", "Shortcut+Shift+D", () -> vm.selection().clear()));

        Menu colour = new Menu("Colour By");
        ToggleGroup group = new ToggleGroup();
        int n = 1;
        for (ColorMode m : ColorMode.values()) {
            RadioMenuItem r = new RadioMenuItem(m.label());
            r.setToggleGroup(group);
            r.setSelected(graphVm.colorModeProperty().get() == m);
            r.setAccelerator(KeyCombination.keyCombination("Shortcut+" + n++));
            r.setOnAction(e -> graphVm.colorModeProperty().set(m));
            graphVm.colorModeProperty().addListener((o, a, b) -> r.setSelected(b == m));
            colour.getItems().add(r);
        }
        Menu view = new Menu("View", null,
                item("Fit Graph", "Shortcut+0", () -> graph.canvas().fitToView()),
                item("Zoom In", "Shortcut+Equals", () -> zoom(graph, 1.25)),
                item("Zoom Out", "Shortcut+Minus", () -> zoom(graph, 0.8)),
                item("Show Selected", "Shortcut+G", () -> {
                    int f = vm.focusedOpProperty().get();
                    if (f >= 0) {
                        graph.centerOn(f);
                    }
                }),
                new SeparatorMenuItem(), colour);

        Menu scheme = new Menu("Set Scheme on Selection");
        int k = 0;
        for (Scheme s : Scheme.values()) {
            scheme.getItems().add(item(s.id(), "Alt+" + (++k), () -> layersVm.applySchemeToSelection(s)));
        }
        Menu plan = new Menu("Plan", null, scheme,
                item("Prune Selection 50%", "Shortcut+P", () ->
                        layersVm.applyPruningToSelection(LayersViewModel.DEFAULT_PRUNING)),
                item("Remove Pruning from Selection", null, () -> layersVm.applyPruningToSelection(null)),
                item("Cluster Selection (16)", "Shortcut+K", () ->
                        layersVm.applyClusteringToSelection(LayersViewModel.DEFAULT_CLUSTERING)),
                item("Remove Clustering from Selection", null, () -> layersVm.applyClusteringToSelection(null)),
                new SeparatorMenuItem(),
                item("Measure Per-Layer Error and Latency", "Shortcut+M", measure),
                new SeparatorMenuItem(),
                item("Reset Plan", null, () -> vm.replacePlan(dev.slimfit.optimize.Plan.keepAll(), "reset plan")));
        Menu help = new Menu("Help", null, item("Keyboard Shortcuts", "F1", shortcuts));
        return new MenuBar(file, edit, view, plan, help);
    }

    private static void zoom(GraphPane graph, double factor) {
        graph.canvas().zoomAt(factor, graph.canvas().getWidth() / 2, graph.canvas().getHeight() / 2);
    }

    private static MenuItem item(String text, String accelerator, Runnable action) {
        MenuItem i = new MenuItem(text);
        if (accelerator != null) {
            i.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        i.setOnAction(e -> action.run());
        return i;
    }
}
