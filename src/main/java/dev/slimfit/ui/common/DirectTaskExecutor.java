package dev.slimfit.ui.common;

import java.util.function.Consumer;

/** Runs work at once on the calling thread; for view-model tests and for already-background code. */
public final class DirectTaskExecutor implements TaskExecutor {

    @Override
    public <T> Handle submit(String title, Work<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        boolean[] cancelled = {false};
        Progress progress = new Progress() {
            @Override
            public void update(double fraction, String message) {
                // nothing shows progress here
            }

            @Override
            public boolean isCancelled() {
                return cancelled[0];
            }
        };
        T result;
        try {
            result = work.run(progress);
        } catch (Exception | OutOfMemoryError | StackOverflowError e) {
            onFailure.accept(e);
            return () -> cancelled[0] = true;
        }
        onSuccess.accept(result);
        return () -> cancelled[0] = true;
    }
}
