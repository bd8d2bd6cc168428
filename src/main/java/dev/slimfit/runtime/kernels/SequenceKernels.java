package dev.slimfit.runtime.kernels;

import dev.slimfit.model.BuiltinOp;
import dev.slimfit.runtime.KernelRegistry;
import dev.slimfit.runtime.kernels.seq.SequenceLstm;
import dev.slimfit.runtime.kernels.seq.Svdf;

/** Registration of the sequence op family. */
public final class SequenceKernels {
    private SequenceKernels() {
    }

    /** Adds this family's kernels to {@code r}. */
    public static void register(KernelRegistry r) {
        // TFLite 2.6.2 registers versions 1-3 (1 float and int8, 2 hybrid, 3 hybrid with asymmetric inputs).
        r.register(BuiltinOp.UNIDIRECTIONAL_SEQUENCE_LSTM, 3, new SequenceLstm());
        // 2.6.2 registers SVDF 1-4: 1 float, 2 hybrid, 3 int8 with int16 state, 4 hybrid asymmetric.
        r.register(BuiltinOp.SVDF, 4, new Svdf());
    }
}
