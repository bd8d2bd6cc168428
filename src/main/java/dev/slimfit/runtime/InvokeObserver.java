package dev.slimfit.runtime;

/**
 * Watches an invocation node by node (per-op timing, tensor capture for calibration and per-layer
 * error). The interpreter's plain path runs without an observer and pays nothing for this.
 */
@FunctionalInterface
public interface InvokeObserver {
    /** Called after node {@code node} ran, with its wall time in nanoseconds. */
    void afterOp(OpNode node, long nanos);
}
