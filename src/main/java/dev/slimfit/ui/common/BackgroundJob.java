package dev.slimfit.ui.common;

import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One feature's long task at a time, as properties a panel's own progress bar and cancel button
 * bind to. Work runs through the shared {@link TaskExecutor} (so the main status bar sees it too);
 * its progress is also forwarded, coalesced, to this job's properties on {@code uiThread}
 * ({@code Platform::runLater} in the app, {@code Runnable::run} in tests). Starting a new job
 * cancels the previous one. Holds no {@code javafx.scene} types, so view-models may own one.
 */
public final class BackgroundJob {
    private final TaskExecutor tasks;
    private final Executor uiThread;
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(-1);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private TaskExecutor.Handle handle;
    private long generation;

    /** A job runner over {@code tasks} that updates its properties on {@code uiThread}. */
    public BackgroundJob(TaskExecutor tasks, Executor uiThread) {
        this.tasks = tasks;
        this.uiThread = uiThread;
    }

    /**
     * Starts {@code work}; exactly one callback runs on the UI thread unless cancelled. A
     * {@link CancellationException} from the work counts as cancellation, not failure.
     */
    public <T> void start(String title, TaskExecutor.Work<T> work, Consumer<T> onSuccess,
                          Consumer<Throwable> onFailure) {
        cancel();
        long gen = ++generation;
        running.set(true);
        progress.set(-1);
        message.set(title + "\u2026");
        AtomicBoolean pending = new AtomicBoolean();
        double[] last = {-1};
        String[] lastMessage = {title};
        TaskExecutor.Work<T> relayed = p -> work.run(new TaskExecutor.Progress() {
            @Override
            public void update(double fraction, String msg) {
                p.update(fraction, msg);
                synchronized (last) {
                    last[0] = fraction;
                    lastMessage[0] = msg == null || msg.isEmpty() ? title : msg;
                }
                if (pending.compareAndSet(false, true)) {
                    uiThread.execute(() -> {
                        pending.set(false);
                        if (gen == generation) {
                            synchronized (last) {
                                progress.set(last[0]);
                                message.set(lastMessage[0]);
                            }
                        }
                    });
                }
            }

            @Override
            public boolean isCancelled() {
                return p.isCancelled();
            }
        });
        handle = tasks.submit(title, relayed, r -> {
            if (finish(gen)) {
                onSuccess.accept(r);
            }
        }, e -> {
            if (finish(gen) && !(e instanceof CancellationException)) {
                onFailure.accept(e);
            }
        });
    }

    private boolean finish(long gen) {
        if (gen != generation) {
            return false;
        }
        running.set(false);
        progress.set(-1);
        message.set("");
        handle = null;
        return true;
    }

    /** Cancels the running job, if any; its callbacks are not called. */
    public void cancel() {
        if (handle != null) {
            handle.cancel();
            handle = null;
        }
        generation++;
        running.set(false);
        progress.set(-1);
        message.set("");
    }

    /** True while a job runs. */
    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** Progress 0..1, negative when indeterminate. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** Latest progress message, empty when idle. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
