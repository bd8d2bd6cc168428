package dev.slimfit.ui.common;

import java.util.function.Consumer;

/**
 * Runs long work off the UI thread and delivers its result (or failure) back on it. View-models
 * get one through their constructor: the app passes {@link FxTaskExecutor}, tests a synchronous
 * {@link DirectTaskExecutor}.
 */
public interface TaskExecutor {

    /** Work that reports progress through a plain listener and checks for cancellation. */
    @FunctionalInterface
    interface Work<T> {
        T run(Progress progress) throws Exception;
    }

    /** What the work sees: where to report progress and whether it was cancelled. */
    interface Progress {
        /** Reports {@code fraction} in 0..1 (negative: indeterminate) with a message. */
        void update(double fraction, String message);

        /** True once the user cancelled; the work should stop soon after. */
        boolean isCancelled();

        /** Progress nobody watches and nobody cancels (work run for its result alone). */
        static Progress none() {
            return new Progress() {
                @Override
                public void update(double fraction, String message) {
                }

                @Override
                public boolean isCancelled() {
                    return false;
                }
            };
        }
    }

    /** A submitted task. */
    interface Handle {
        /** Asks the work to stop; its callbacks are then not called. */
        void cancel();
    }

    /**
     * Runs {@code work} in the background. Exactly one of the callbacks is called on the UI
     * thread, unless the task was cancelled.
     *
     * @param title shown next to the progress indicator while the work runs; empty for quick
     *              background refreshes that should not show as busy
     */
    <T> Handle submit(String title, Work<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure);
}
