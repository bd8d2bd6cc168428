package dev.slimfit.runtime.kernels;

import dev.slimfit.model.BuiltinOp;
import dev.slimfit.runtime.KernelRegistry;
import dev.slimfit.runtime.kernels.seq.SequenceLstm;

/** Registration of the sequence op family. */
public final class SequenceKernels {
    private SequenceKernels() {
    }

    /** Adds this family's kernels to {@code r}. */
    public static void register(KernelRegistry r) {
        // TFLite 2.6.2 registers versions 1-3 (1 float and int8, 2 hybrid, 3 hybrid with asymmetric inputs).
        r.register(BuiltinOp.UNIDIRECTIONAL_SEQUENCE_LSTM, 3, new SequenceLstm());
    }
}
