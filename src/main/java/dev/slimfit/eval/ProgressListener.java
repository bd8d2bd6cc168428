package dev.slimfit.eval;

/** Progress of a long evaluation task (called from worker threads; implementations must be thread-safe). */
@FunctionalInterface
public interface ProgressListener {
    /** A listener that ignores progress. */
    ProgressListener NONE = (done, total) -> { };

    /** {@code done} of {@code total} samples are finished. */
    void progress(int done, int total);
}
