package dev.slimfit.ui.charts;

import dev.slimfit.optimize.Plan;
import dev.slimfit.optimize.SizeEstimator;
import dev.slimfit.ui.MainViewModel;
import dev.slimfit.ui.ModelDocument;
import dev.slimfit.ui.common.TaskExecutor;
import java.util.Locale;

import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Keeps the planned model and its size current: every plan change starts a background
 * recomputation through an {@link IncrementalPlanner} (only the touched layers are transformed
 * again; sizes are updated by difference); changes that arrive while one runs are
 * coalesced into one follow-up run with the newest plan. Measures the time from the edit to the
 * published result.
 */
public final class SizeViewModel {
    private final TaskExecutor tasks;
    private final MainViewModel main;
    private final ReadOnlyObjectWrapper<PlannedModel> planned = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyLongWrapper lastLatencyMillis = new ReadOnlyLongWrapper(-1);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private IncrementalPlanner planner;
    private ModelDocument plannerDoc;
    private boolean running;
    private boolean pending;
    private long editNanos;

    /** Follows {@code main}'s document and plan. */
    public SizeViewModel(MainViewModel main, TaskExecutor tasks) {
        this.main = main;
        this.tasks = tasks;
        main.documentProperty().addListener((o, a, b) -> changed());
        main.planProperty().addListener((o, a, b) -> changed());
    }

    private void changed() {
        editNanos = System.nanoTime();
        if (running) {
            pending = true;
            return;
        }
        start();
    }

    private void start() {
        ModelDocument doc = main.documentProperty().get();
        if (doc == null) {
            return;
        }
        Plan plan = main.planProperty().get();
        if (plannerDoc != doc) {
            plannerDoc = doc;
            planner = new IncrementalPlanner(doc.model(), doc.layers(), doc.original());
        }
        IncrementalPlanner p0 = planner;
        long started = editNanos;
        running = true;
        pending = false;
        tasks.submit("", p -> p0.apply(plan), r -> {
            running = false;
            if (doc == main.documentProperty().get()) {
                planned.set(r);
                summary.set(describe(doc.original(), r.estimate()));
                lastLatencyMillis.set((System.nanoTime() - started) / 1_000_000);
            }
            if (pending) {
                start();
            }
        }, e -> {
            running = false;
            main.dialogs().showError("Cannot apply the plan", String.valueOf(e.getMessage()));
            if (pending) {
                start();
            }
        });
    }

    /** "1.83 MB → 1.21 MB raw (−34%), 1.70 MB → 0.62 MB zipped (−64%)". */
    static String describe(SizeEstimator.Estimate before, SizeEstimator.Estimate after) {
        return String.format(Locale.ROOT, "%s \u2192 %s raw (%s), %s \u2192 %s compressed (%s)",
                bytes(before.rawBytes()), bytes(after.rawBytes()), change(before.rawBytes(), after.rawBytes()),
                bytes(before.compressedBytes()), bytes(after.compressedBytes()),
                change(before.compressedBytes(), after.compressedBytes()));
    }

    private static String change(long a, long b) {
        if (a == 0) {
            return "\u00b10%";
        }
        double pct = 100.0 * (b - a) / a;
        return String.format(Locale.ROOT, "%s%.1f%%", pct > 0 ? "+" : pct < 0 ? "\u2212" : "\u00b1", Math.abs(pct));
    }

    /** Human-readable bytes: "812 B", "14.2 KB", "1.83 MB" (powers of 1024). */
    public static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        if (n < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", n / 1024.0);
        }
        return String.format(Locale.ROOT, "%.2f MB", n / (1024.0 * 1024.0));
    }

    /** The current plan applied to the current model; null until the first result. */
    public ReadOnlyObjectProperty<PlannedModel> plannedProperty() {
        return planned.getReadOnlyProperty();
    }

    /** Milliseconds from the last edit to its published result. */
    public ReadOnlyLongProperty lastLatencyMillisProperty() {
        return lastLatencyMillis.getReadOnlyProperty();
    }

    /** One-line summary of original vs planned sizes. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }
}
