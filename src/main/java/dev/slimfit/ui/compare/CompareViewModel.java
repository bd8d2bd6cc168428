package dev.slimfit.ui.compare;

import dev.slimfit.model.Model;
import dev.slimfit.ui.common.BackgroundJob;
import dev.slimfit.ui.common.TaskExecutor;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State of the Compare view: the {@link ModelDiff} of the original and the optimized model
 * (computed off the UI thread, since producing the optimized model may quantize), the visible
 * rows (inserted QUANTIZE/DEQUANTIZE optional, or only differences), and the selected row. The
 * selected key is the original op's output tensor name, i.e. its layer id, so the main window can
 * sync its graph selection both ways through {@link #selectedKeyProperty()}.
 */
public final class CompareViewModel {
    private final Model original;
    private final Supplier<Model> optimized;
    private final BackgroundJob job;
    private final ReadOnlyObjectWrapper<ModelDiff> diff = new ReadOnlyObjectWrapper<>();
    private final ObservableList<ModelDiff.Row> rows = FXCollections.observableArrayList();
    private final ObservableList<ModelDiff.Row> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final BooleanProperty showInserted = new SimpleBooleanProperty(true);
    private final BooleanProperty onlyChanges = new SimpleBooleanProperty(false);
    private final ObjectProperty<ModelDiff.Row> selected = new SimpleObjectProperty<>();
    private final ObjectProperty<String> selectedKey = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");

    /**
     * @param original  the float model
     * @param optimized the model the current plan produces (called on a worker thread)
     * @param tasks     background executor
     * @param uiThread  runs progress updates on the UI thread ({@code Platform::runLater})
     */
    public CompareViewModel(Model original, Supplier<Model> optimized, TaskExecutor tasks, Executor uiThread) {
        this.original = Objects.requireNonNull(original);
        this.optimized = Objects.requireNonNull(optimized);
        this.job = new BackgroundJob(tasks, uiThread);
        showInserted.addListener((o, a, b) -> filter());
        onlyChanges.addListener((o, a, b) -> filter());
        selected.addListener((o, a, b) -> {
            if (b != null) {
                selectedKey.set(b.key());
            }
        });
        selectedKey.addListener((o, a, k) -> {
            ModelDiff.Row cur = selected.get();
            if (k != null && (cur == null || !k.equals(cur.key()))) {
                rows.stream().filter(r -> r.key().equals(k)).findFirst().ifPresent(selected::set);
            }
        });
    }

    /** Recomputes the comparison (call when the plan changed). */
    public void refresh() {
        error.set("");
        job.start("Comparing models", p -> {
            p.update(-1, "Building the optimized model");
            return ModelDiff.of(original, optimized.get());
        }, d -> {
            diff.set(d);
            filter();
        }, e -> error.set("Cannot compare: " + (e.getMessage() == null ? e : e.getMessage())));
    }

    private void filter() {
        ModelDiff d = diff.get();
        String key = selectedKey.get();
        if (d == null) {
            rows.clear();
            return;
        }
        List<ModelDiff.Row> visible = d.rows().stream()
                .filter(r -> showInserted.get() || !r.inserted())
                .filter(r -> !onlyChanges.get() || r.status() != ModelDiff.Status.SAME)
                .toList();
        rows.setAll(visible);
        selected.set(key == null ? null : visible.stream().filter(r -> r.key().equals(key)).findFirst().orElse(null));
    }

    public ReadOnlyObjectProperty<ModelDiff> diffProperty() {
        return diff.getReadOnlyProperty();
    }

    /** Visible rows. */
    public ObservableList<ModelDiff.Row> rows() {
        return rowsView;
    }

    /** Show QUANTIZE/DEQUANTIZE ops the optimizer inserted. */
    public BooleanProperty showInsertedProperty() {
        return showInserted;
    }

    /** Show only rows that differ. */
    public BooleanProperty onlyChangesProperty() {
        return onlyChanges;
    }

    public ObjectProperty<ModelDiff.Row> selectedProperty() {
        return selected;
    }

    /** Key (output tensor name = layer id) of the selected op; settable by the main window. */
    public ObjectProperty<String> selectedKeyProperty() {
        return selectedKey;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public BackgroundJob job() {
        return job;
    }
}
