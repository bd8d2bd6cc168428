package dev.slimfit.ui.wizard;

import dev.slimfit.eval.DataSource;
import dev.slimfit.eval.Dataset;
import dev.slimfit.eval.Preprocessing;
import dev.slimfit.model.Model;
import dev.slimfit.optimize.Plan;
import dev.slimfit.optimize.Scheme;
import dev.slimfit.ui.common.BackgroundJob;
import dev.slimfit.ui.common.TaskExecutor;
import dev.slimfit.ui.eval.PreprocessingForm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

/**
 * State of the quantization wizard: the answers given so far and the path they trace through the
 * {@link DecisionTree}, the samples to measure on, the measured {@link CandidateResult}s and the
 * one the user picks. {@link #chosenPlan()} is what "Apply" hands back to the editor.
 */
public final class WizardViewModel {
    private final Model original;
    private final DecisionTree tree = DecisionTree.standard();
    private final BackgroundJob job;
    private final CandidateRunner runner;
    private final ObservableMap<String, String> answers = FXCollections.observableHashMap();
    private final ObservableList<String> path = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<DecisionTree.Node> current = new ReadOnlyObjectWrapper<>();
    private final StringProperty samplesPath = new SimpleStringProperty("");
    private final StringProperty labelsPath = new SimpleStringProperty("");
    private final IntegerProperty sampleLimit = new SimpleIntegerProperty(100);
    private final PreprocessingForm preprocessing = new PreprocessingForm();
    private final ObservableList<CandidateResult> results = FXCollections.observableArrayList();
    private final ObservableList<CandidateResult> resultsView = FXCollections.unmodifiableObservableList(results);
    private final ObservableList<String> pathView = FXCollections.unmodifiableObservableList(path);
    private final ObservableMap<String, String> answersView = FXCollections.unmodifiableObservableMap(answers);
    private final ObjectProperty<CandidateResult> selected = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final BooleanBinding canRun;
    private final BooleanBinding canApply;

    /**
     * @param original  the float model
     * @param optimizer applies a plan (calibrating on the samples when needed)
     * @param tasks     background executor
     * @param uiThread  runs progress updates on the UI thread ({@code Platform::runLater})
     */
    public WizardViewModel(Model original, CandidateOptimizer optimizer, TaskExecutor tasks, Executor uiThread) {
        this.original = Objects.requireNonNull(original);
        this.job = new BackgroundJob(tasks, uiThread);
        this.runner = new CandidateRunner(optimizer, Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
        resetPreprocessing();
        answers.addListener((javafx.collections.MapChangeListener<String, String>) c -> refreshPath());
        refreshPath();
        canRun = Bindings.createBooleanBinding(() -> outcome().map(o -> !o.candidates().isEmpty()
                        && (!o.needsData() || !samplesPath.get().isBlank())).orElse(false)
                        && !job.runningProperty().get(),
                current, samplesPath, job.runningProperty());
        canApply = Bindings.createBooleanBinding(() -> selected.get() != null && selected.get().ok()
                && selected.get().scheme() != Scheme.FLOAT32 && !job.runningProperty().get(),
                selected, job.runningProperty());
    }

    /** Answers question {@code questionId}; answers further down the old path are forgotten. */
    public void answer(String questionId, String answerId) {
        List<String> before = tree.path(answers);
        int at = before.indexOf(questionId);
        if (at < 0) {
            throw new IllegalArgumentException(questionId + " is not on the current path");
        }
        for (String later : before.subList(at + 1, before.size())) {
            answers.remove(later);
        }
        answers.put(questionId, answerId);
        results.clear();
        selected.set(null);
    }

    /** Goes back to the question {@code nodeId} on the path (clicking a node of the tree). */
    public void revisit(String nodeId) {
        List<String> p = tree.path(answers);
        int at = p.indexOf(nodeId);
        if (at >= 0) {
            for (String id : p.subList(at, p.size())) {
                answers.remove(id);
            }
        }
    }

    private void refreshPath() {
        List<String> p = tree.path(answers);
        path.setAll(p);
        current.set(tree.node(p.get(p.size() - 1)));
    }

    /** The outcome reached, if the path ends at one. */
    public Optional<DecisionTree.Outcome> outcome() {
        DecisionTree.Node n = current.get();
        return n != null && n.isOutcome() ? Optional.of(n.outcome()) : Optional.empty();
    }

    /** Measures the outcome's candidates on the samples. */
    public void runCandidates() {
        error.set("");
        List<Candidate> schemes = outcome().map(DecisionTree.Outcome::candidates).orElse(List.of());
        if (schemes.isEmpty()) {
            error.set("Answer the questions first.");
            return;
        }
        String sp = samplesPath.get() == null ? "" : samplesPath.get().trim();
        Path samples = sp.isEmpty() ? null : Path.of(sp);
        if (samples != null && !Files.exists(samples)) {
            error.set("Samples not found: " + samples);
            return;
        }
        String lp = labelsPath.get() == null ? "" : labelsPath.get().trim();
        Path labels = lp.isEmpty() ? null : Path.of(lp);
        int limit = sampleLimit.get();
        Preprocessing pre;
        try {
            pre = preprocessing.toPreprocessing();
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return;
        }
        job.start("Trying " + schemes.size() + " candidates", p -> {
            Dataset data = samples == null ? null : open(samples, labels, limit, pre);
            return runner.run(original, schemes, data, limit, p);
        }, r -> {
            results.setAll(r);
            r.stream().filter(c -> c.recommended() && c.ok()).findFirst().ifPresent(selected::set);
        }, e -> error.set("Could not measure the candidates: " + (e.getMessage() == null ? e : e.getMessage())));
    }

    private Dataset open(Path samples, Path labels, int limit, Preprocessing pre) throws IOException {
        Dataset d = new DataSource(samples, labels, "file", "auto", 0, pre).open(original).limit(limit);
        if (d.size() == 0) {
            throw new IOException("no samples in " + samples);
        }
        return d;
    }

    /** Refills the preprocessing from the model's metadata. */
    public void resetPreprocessing() {
        preprocessing.load(DataSource.defaultPreprocessing(original));
    }

    /** How sample images become inputs (shared editor with the Evaluate panel). */
    public PreprocessingForm preprocessing() {
        return preprocessing;
    }

    /** Cancels a running measurement. */
    public void cancel() {
        job.cancel();
    }

    /** The plan of the selected candidate, when one that can be applied is selected. */
    public Optional<Plan> chosenPlan() {
        return canApply.get() ? Optional.of(selected.get().plan()) : Optional.empty();
    }

    public DecisionTree tree() {
        return tree;
    }

    public ObservableMap<String, String> answers() {
        return answersView;
    }

    /** Node ids from the root to the current question or outcome. */
    public ObservableList<String> path() {
        return pathView;
    }

    public ReadOnlyObjectProperty<DecisionTree.Node> currentProperty() {
        return current.getReadOnlyProperty();
    }

    public StringProperty samplesPathProperty() {
        return samplesPath;
    }

    public StringProperty labelsPathProperty() {
        return labelsPath;
    }

    public IntegerProperty sampleLimitProperty() {
        return sampleLimit;
    }

    public ObservableList<CandidateResult> results() {
        return resultsView;
    }

    public ObjectProperty<CandidateResult> selectedProperty() {
        return selected;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public BackgroundJob job() {
        return job;
    }

    public BooleanBinding canRunProperty() {
        return canRun;
    }

    public BooleanBinding canApplyProperty() {
        return canApply;
    }
}
