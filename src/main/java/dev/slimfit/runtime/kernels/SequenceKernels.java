package dev.slimfit.runtime.kernels;

import dev.slimfit.model.BuiltinOp;
import dev.slimfit.runtime.KernelRegistry;
import dev.slimfit.runtime.kernels.seq.Densify;
import dev.slimfit.runtime.kernels.seq.DetectionPostProcess;
import dev.slimfit.runtime.kernels.seq.EmbeddingLookup;
import dev.slimfit.runtime.kernels.seq.NonMaxSuppression;
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
        // 2.6.2: EMBEDDING_LOOKUP 1-2 (2 = int8 values), DENSIFY 1.
        r.register(BuiltinOp.EMBEDDING_LOOKUP, 2, new EmbeddingLookup());
        r.register(BuiltinOp.DENSIFY, 1, new Densify());
        r.register(BuiltinOp.NON_MAX_SUPPRESSION_V4, 1, new NonMaxSuppression(false));
        r.register(BuiltinOp.NON_MAX_SUPPRESSION_V5, 1, new NonMaxSuppression(true));
        r.registerCustom("TFLite_Detection_PostProcess", 1, new DetectionPostProcess());
    }
}
