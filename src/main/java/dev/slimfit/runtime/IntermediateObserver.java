package dev.slimfit.runtime;

/**
 * An observer that also wants the values a kernel computes inside one node and never writes to a
 * tensor: the LSTM gate pre-activations and hidden state that TFLite's calibrator logs into the
 * op's {@code intermediates} (tools/optimize/calibration/builtin_logging_ops/lstm.cc), once per
 * time step. Full-integer quantization needs their ranges; an after-op snapshot would see only
 * the last step, so kernels report them as they go. Kernels call this only while an observer of
 * this kind watches the invoke ({@link OpContext#tapping()}); the plain path pays one null check.
 */
public interface IntermediateObserver extends InvokeObserver {
    /**
     * Values of intermediate {@code slot} of {@code node} (the slot in the operator's
     * intermediates list), {@code values[offset .. offset+length)}. The array is the kernel's
     * scratch: read it now, do not keep it.
     */
    void intermediate(OpNode node, int slot, float[] values, int offset, int length);
}
