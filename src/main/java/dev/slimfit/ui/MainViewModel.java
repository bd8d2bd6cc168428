package dev.slimfit.ui;

import dev.slimfit.model.Model;
import dev.slimfit.optimize.Clustering;
import dev.slimfit.optimize.Layer;
import dev.slimfit.optimize.LayerCatalog;
import dev.slimfit.optimize.Plan;
import dev.slimfit.optimize.Pruning;
import dev.slimfit.optimize.Scheme;
import dev.slimfit.optimize.SizeEstimator;
import dev.slimfit.runtime.Interpreter;
import dev.slimfit.runtime.KernelRegistry;
import dev.slimfit.runtime.UnsupportedModelException;
import dev.slimfit.tflite.TfliteFormatException;
import dev.slimfit.tflite.TfliteReader;
import dev.slimfit.ui.common.AppPreferences;
import dev.slimfit.ui.common.DialogService;
import dev.slimfit.ui.common.PlanStore;
import dev.slimfit.ui.common.TaskExecutor;
import dev.slimfit.ui.common.UndoStack;
import dev.slimfit.ui.graph.GraphGeometry;
import dev.slimfit.ui.graph.GraphLayout;
import dev.slimfit.ui.graph.GraphSpec;
import dev.slimfit.ui.graph.ModelGraphs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;
import javafx.collections.SetChangeListener;

/**
 * State of the main window: the opened model, the plan (immutable, replaced by undoable
 * commands), the selection shared by graph and layers table, and recent files. Opening runs off
 * the UI thread; a failure leaves the previous model in place and reports the file and problem.
 */
public final class MainViewModel {
    private final TaskExecutor tasks;
    private final DialogService dialogs;
    private final AppPreferences prefs;
    private final PlanStore planStore;
    private final UndoStack undo = new UndoStack();
    private final ReadOnlyObjectWrapper<ModelDocument> document = new ReadOnlyObjectWrapper<>();
    private final ObjectProperty<Plan> plan = new SimpleObjectProperty<>(Plan.keepAll());
    private final ObservableSet<Integer> selection = FXCollections.observableSet(new LinkedHashSet<>());
    private final ReadOnlyIntegerWrapper focusedOp = new ReadOnlyIntegerWrapper(-1);
    private final ObservableList<Path> recentFiles = FXCollections.observableArrayList();

    /** A view-model using these services. */
    public MainViewModel(TaskExecutor tasks, DialogService dialogs, AppPreferences prefs, PlanStore planStore) {
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.prefs = prefs;
        this.planStore = planStore;
        recentFiles.setAll(prefs.recentFiles());
        selection.addListener((SetChangeListener<Integer>) c -> {
            if (c.wasAdded() && c.getElementAdded() < ModelGraphs.INPUT_BASE) {
                focusedOp.set(c.getElementAdded());
            } else if (c.wasRemoved() && c.getElementRemoved() == focusedOp.get()) {
                focusedOp.set(selection.stream().filter(i -> i < ModelGraphs.INPUT_BASE)
                        .reduce((a, b) -> b).orElse(-1));
            }
        });
    }

    /** Opens {@code file} in the background; on failure shows an error and keeps the current model. */
    public void open(Path file) {
        tasks.submit("Opening " + file.getFileName(), p -> load(file, p), this::show,
                e -> dialogs.showError("Cannot open " + file.getFileName(), describe(file, e)));
    }

    /** Asks for a file, then opens it. */
    public void openWithDialog() {
        dialogs.chooseOpenFile("Open a TensorFlow Lite model", "TensorFlow Lite models", "*.tflite")
                .ifPresent(this::open);
    }

    /** Reads, analyses and lays out a model (any thread). */
    public static ModelDocument load(Path file, TaskExecutor.Progress progress) throws IOException {
        long t0 = System.nanoTime();
        progress.update(0.05, "reading");
        Model model = TfliteReader.read(file);
        if (model.subgraphs().isEmpty()) {
            throw new TfliteFormatException(file.getFileName() + ": the model has no subgraphs");
        }
        // The layout is the long pole and does not depend on the analysis (an unsupported op is
        // only a mark on its node): start it first, analyse beside it, and estimate the size (a
        // full write + deflate) beside both.
        GraphSpec plain = ModelGraphs.of(model, Set.of());
        progress.update(0.2, "laying out " + plain.nodeCount() + " nodes");
        // (its own thread: on two cores the common pool has one, which the size estimate needs)
        java.util.concurrent.CompletableFuture<GraphGeometry> layout =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> GraphLayout.layout(plain), r -> {
                    Thread t = new Thread(r, "slimfit-layout");
                    t.setDaemon(true);
                    t.start();
                });
        java.util.concurrent.CompletableFuture<SizeEstimator.Estimate> size =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> SizeEstimator.estimate(model));
        List<Layer> layers = LayerCatalog.of(model);
        List<UnsupportedModelException.Problem> problems = Interpreter.unsupportedNodes(model, KernelRegistry.standard());
        Set<Integer> unsupportedOps = new LinkedHashSet<>();
        problems.stream().filter(p -> p.subgraph() == 0).forEach(p -> unsupportedOps.add(p.node()));
        GraphSpec spec = unsupportedOps.isEmpty() ? plain : ModelGraphs.of(model, unsupportedOps);
        GraphGeometry geometry = await(layout);
        progress.update(0.8, "estimating size");
        SizeEstimator.Estimate original = await(size);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        return new ModelDocument(file, model, layers, problems, unsupportedOps, spec, geometry, original, ms);
    }

    /** The value of a background step of {@link #load}, its failure rethrown as it was. */
    private static <T> T await(java.util.concurrent.CompletableFuture<T> step) throws IOException {
        try {
            return step.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IOException(e.getCause());
        }
    }

    private static String describe(Path file, Throwable e) {
        if (e instanceof TfliteFormatException || e instanceof IOException) {
            String m = e.getMessage();
            return m == null || m.isBlank() ? file + ": cannot be read (" + e.getClass().getSimpleName() + ")" : m;
        }
        return file + ": not a model Slimfit can read (" + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")";
    }

    /** Makes {@code doc} the current model with a fresh plan and history. */
    public void show(ModelDocument doc) {
        selection.clear();
        focusedOp.set(-1);
        undo.clear();
        plan.set(Plan.keepAll());
        document.set(doc);
        prefs.addRecent(doc.file());
        recentFiles.setAll(prefs.recentFiles());
    }

    // ---- plan edits (each one undoable step) ----

    /** Applies {@code edit} to the plan as one undoable command; no-op edits are not recorded. */
    public void editPlan(String description, UnaryOperator<Plan> edit) {
        Plan before = plan.get();
        Plan after = edit.apply(before);
        if (Objects.equals(before, after)) {
            return;
        }
        undo.execute(new UndoStack.Command() {
            @Override
            public String description() {
                return description;
            }

            @Override
            public void execute() {
                plan.set(after);
            }

            @Override
            public void undo() {
                plan.set(before);
            }
        });
    }

    /** Sets {@code scheme} on those of {@code layerIds} that allow it. */
    public void setScheme(Collection<String> layerIds, Scheme scheme) {
        List<String> ok = new ArrayList<>();
        for (String id : layerIds) {
            layer(id).filter(l -> l.allowed().contains(scheme)).ifPresent(l -> ok.add(id));
        }
        editPlan("set " + scheme.id() + " on " + count(ok), p -> p.withAll(ok, c -> c.withScheme(scheme)));
    }

    /** Sets per-channel or per-tensor weight scales on the layers with weights among {@code layerIds}. */
    public void setGranularity(Collection<String> layerIds, dev.slimfit.optimize.Granularity granularity) {
        List<String> ok = weighted(layerIds);
        editPlan(granularity.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + " weights on " + count(ok),
                p -> p.withAll(ok, c -> c.withGranularity(granularity)));
    }

    /** Sets (or with null removes) pruning on layers with weights among {@code layerIds}. */
    public void setPruning(Collection<String> layerIds, Pruning pruning) {
        List<String> ok = weighted(layerIds);
        editPlan((pruning == null ? "remove pruning from " : "prune " + Math.round(pruning.sparsity() * 100) + "% of ")
                + count(ok), p -> p.withAll(ok, c -> c.withPruning(pruning)));
    }

    /** Sets (or with null removes) clustering on layers with weights among {@code layerIds}. */
    public void setClustering(Collection<String> layerIds, Clustering clustering) {
        List<String> ok = weighted(layerIds);
        editPlan((clustering == null ? "remove clustering from " : clustering.clusters() + " clusters on ")
                + count(ok), p -> p.withAll(ok, c -> c.withClustering(clustering)));
    }

    /** Replaces the whole plan (e.g. loaded from a recipe) as one undoable step. */
    public void replacePlan(Plan newPlan, String description) {
        editPlan(description, p -> newPlan);
    }

    private List<String> weighted(Collection<String> ids) {
        List<String> ok = new ArrayList<>();
        for (String id : ids) {
            layer(id).filter(Layer::hasWeights).ifPresent(l -> ok.add(id));
        }
        return ok;
    }

    private static String count(List<String> ids) {
        return ids.size() == 1 ? ids.get(0) : ids.size() + " layers";
    }

    private java.util.Optional<Layer> layer(String id) {
        ModelDocument d = document.get();
        return d == null ? java.util.Optional.empty() : LayerCatalog.find(d.layers(), id);
    }

    // ---- selection ----

    /** Ids of the selected layers (graph inputs/outputs excluded), in selection order. */
    public List<String> selectedLayerIds() {
        ModelDocument d = document.get();
        List<String> out = new ArrayList<>();
        if (d != null) {
            for (int id : selection) {
                if (id >= 0 && id < d.layers().size()) {
                    out.add(d.layers().get(id).id());
                }
            }
        }
        return out;
    }

    /** Selects every op with the same type as the focused one. */
    public void selectAllOfFocusedType() {
        ModelDocument d = document.get();
        int f = focusedOp.get();
        if (d == null || f < 0) {
            return;
        }
        String op = d.layerAt(f).op();
        Set<Integer> all = new LinkedHashSet<>();
        for (Layer l : d.layers()) {
            if (l.op().equals(op)) {
                all.add(l.opIndex());
            }
        }
        all.remove(f);
        selection.retainAll(Set.of());
        selection.addAll(all);
        selection.add(f);
    }

    // ---- recipes ----

    /** Saves the plan as recipe JSON, asking where. */
    public void savePlan() {
        ModelDocument d = document.get();
        String base = d == null ? "plan" : d.name().replaceFirst("\\.tflite$", "");
        dialogs.chooseSaveFile("Save plan", base + ".recipe.json", "Slimfit recipes", "*.json").ifPresent(p -> {
            try {
                planStore.save(plan.get(), d == null ? "" : d.name(), p);
            } catch (IOException e) {
                dialogs.showError("Cannot save " + p.getFileName(), e.getMessage());
            }
        });
    }

    /** Loads a plan from recipe JSON, asking which; one undoable step. */
    public void loadPlan() {
        dialogs.chooseOpenFile("Load plan", "Slimfit or AI Edge Quantizer recipes", "*.json").ifPresent(p -> {
            try {
                ModelDocument d = document.get();
                Plan loaded = planStore.load(p, d == null ? null : d.model());
                if (d != null) {
                    // A recipe of another model would be refused at export; say so now and keep the plan.
                    java.util.Set<String> ids = new java.util.HashSet<>();
                    d.layers().forEach(l -> ids.add(l.id()));
                    List<String> unknown = loaded.overrides().keySet().stream().filter(id -> !ids.contains(id))
                            .sorted().toList();
                    if (!unknown.isEmpty()) {
                        dialogs.showError("Cannot load " + p.getFileName(), p.getFileName() + " names "
                                + unknown.size() + " layer(s) " + d.name() + " does not have: "
                                + String.join(", ", unknown.subList(0, Math.min(5, unknown.size())))
                                + (unknown.size() > 5 ? ", \u2026" : "") + ". Is it the recipe of another model?");
                        return;
                    }
                }
                replacePlan(loaded, "load " + p.getFileName());
            } catch (IOException | RuntimeException e) {
                dialogs.showError("Cannot load " + p.getFileName(), String.valueOf(e.getMessage()));
            }
        });
    }

    // ---- properties ----

    /** Status-bar text: "tinynet_float.tflite · 14 ops · 23,456 params · 94.2 KB · opened in 120 ms". */
    public static String describe(ModelDocument d) {
        if (d == null) {
            return "No model open \u2014 File \u203a Open, or drop a .tflite file here";
        }
        // Distinct constant buffers, as `slimfit inspect` counts them: a constant feeding several ops
        // (a shared weight, a scalar) is one parameter set, not one per consumer.
        long params = dev.slimfit.model.ModelSummary.of(d.model()).parameterCount();
        int subgraphs = d.model().subgraphs().size();
        String ops = d.model().mainSubgraph().operators().size() + " ops" + (subgraphs > 1
                ? " in subgraph 0 of " + subgraphs + " (the plan's default applies to the others)" : "");
        return String.format(java.util.Locale.ROOT, "%s  \u00b7  %s  \u00b7  %,d params  \u00b7  %s  \u00b7  opened in %d ms%s",
                d.name(), ops, params,
                dev.slimfit.ui.charts.SizeViewModel.bytes(d.original().rawBytes()), d.openMillis(),
                d.unsupportedOps().isEmpty() ? "" : "  \u00b7  " + d.unsupportedOps().size() + " op(s) without kernel");
    }

    /** The opened model, or null before the first open succeeds. */
    public ReadOnlyObjectProperty<ModelDocument> documentProperty() {
        return document.getReadOnlyProperty();
    }

    /** The current plan; change it through {@link #editPlan} so it can be undone. */
    public ReadOnlyObjectProperty<Plan> planProperty() {
        return plan;
    }

    /** Selected node ids (operator indices, or graph input/output ids); views sync with it. */
    public ObservableSet<Integer> selection() {
        return selection;
    }

    /** The op the properties panel and histogram show: the last one selected, or -1. */
    public ReadOnlyIntegerProperty focusedOpProperty() {
        return focusedOp.getReadOnlyProperty();
    }

    /** Undo/redo history. */
    public UndoStack undoStack() {
        return undo;
    }

    /** Recent files, most recent first. */
    public ObservableList<Path> recentFiles() {
        return recentFiles;
    }

    /** The task executor (for child view-models). */
    public TaskExecutor tasks() {
        return tasks;
    }

    /** The dialog service (for child view-models). */
    public DialogService dialogs() {
        return dialogs;
    }

    /** The recipe store. */
    public PlanStore planStore() {
        return planStore;
    }
}
