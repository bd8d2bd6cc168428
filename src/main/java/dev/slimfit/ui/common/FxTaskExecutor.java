package dev.slimfit.ui.common;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The one adapter from core progress listeners to JavaFX: runs work on daemon threads and
 * publishes the running task's title, progress and message as properties the status bar binds
 * to; results come back through {@link Platform#runLater}. Progress updates are coalesced so a
 * chatty task cannot flood the FX queue.
 */
public final class FxTaskExecutor implements TaskExecutor {
    private final ExecutorService pool;
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(-1);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final AtomicInteger running = new AtomicInteger();
    private volatile Handle current;

    /** An executor with {@code threads} background threads. */
    public FxTaskExecutor(int threads) {
        AtomicInteger n = new AtomicInteger();
        pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "slimfit-task-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public <T> Handle submit(String title, Work<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        boolean quiet = title.isEmpty();
        AtomicBoolean cancelled = new AtomicBoolean();
        AtomicBoolean updatePending = new AtomicBoolean();
        double[] last = {-1};
        String[] lastMessage = {title};
        Progress p = new Progress() {
            @Override
            public void update(double fraction, String msg) {
                synchronized (last) {
                    last[0] = fraction;
                    lastMessage[0] = msg == null || msg.isEmpty() ? title : title + ": " + msg;
                }
                if (!quiet && updatePending.compareAndSet(false, true)) {
                    Platform.runLater(() -> {
                        updatePending.set(false);
                        synchronized (last) {
                            progress.set(last[0]);
                            message.set(lastMessage[0]);
                        }
                    });
                }
            }

            @Override
            public boolean isCancelled() {
                return cancelled.get();
            }
        };
        Handle handle = () -> cancelled.set(true);
        if (!quiet) {
            current = handle;
            running.incrementAndGet();
            Platform.runLater(() -> {
                busy.set(true);
                progress.set(-1);
                message.set(title + "\u2026");
            });
        }
        pool.execute(() -> {
            T result = null;
            Throwable failure = null;
            try {
                result = work.run(p);
            } catch (Exception | OutOfMemoryError | StackOverflowError e) {
                failure = e;
            }
            T r = result;
            Throwable f = failure;
            Platform.runLater(() -> {
                if (!quiet && running.decrementAndGet() == 0) {
                    busy.set(false);
                    message.set("");
                    progress.set(-1);
                }
                if (cancelled.get()) {
                    return;
                }
                if (f != null) {
                    onFailure.accept(f);
                } else {
                    onSuccess.accept(r);
                }
            });
        });
        return handle;
    }

    /** Cancels the most recently submitted task (the status bar's cancel button). */
    public void cancelCurrent() {
        Handle h = current;
        if (h != null) {
            h.cancel();
        }
    }

    /** True while any task runs. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Progress of the latest task, 0..1, or negative when indeterminate. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** Title and latest message of the running task, empty when idle. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
