package dev.slimfit.runtime.kernels;

import dev.slimfit.model.BuiltinOp;
import dev.slimfit.runtime.KernelRegistry;
import dev.slimfit.runtime.kernels.seq.CallOnce;
import dev.slimfit.runtime.kernels.seq.Densify;
import dev.slimfit.runtime.kernels.seq.DetectionPostProcess;
import dev.slimfit.runtime.kernels.seq.EmbeddingLookup;
import dev.slimfit.runtime.kernels.seq.IfKernel;
import dev.slimfit.runtime.kernels.seq.NonMaxSuppression;
import dev.slimfit.runtime.kernels.seq.ResourceVariableOps;
import dev.slimfit.runtime.kernels.seq.SequenceLstm;
import dev.slimfit.runtime.kernels.seq.StablehloComposite;
import dev.slimfit.runtime.kernels.seq.Svdf;
import dev.slimfit.runtime.kernels.seq.WhileKernel;

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
        // 2.6.2 registers EMBEDDING_LOOKUP 1-3 (hybrid int8 values: the version dynamic range writes,
        // which 2.6.2 runs), DENSIFY 1.
        r.register(BuiltinOp.EMBEDDING_LOOKUP, 3, new EmbeddingLookup());
        r.register(BuiltinOp.DENSIFY, 1, new Densify());
        r.register(BuiltinOp.NON_MAX_SUPPRESSION_V4, 1, new NonMaxSuppression(false));
        r.register(BuiltinOp.NON_MAX_SUPPRESSION_V5, 1, new NonMaxSuppression(true));
        r.registerCustom("TFLite_Detection_PostProcess", 1, new DetectionPostProcess());
        // Control flow and resource variables (all version 1 in 2.6.2; STABLEHLO_COMPOSITE is newer).
        r.register(BuiltinOp.IF, 1, new IfKernel());
        r.register(BuiltinOp.WHILE, 1, new WhileKernel());
        r.register(BuiltinOp.CALL_ONCE, 1, new CallOnce());
        r.register(BuiltinOp.VAR_HANDLE, 1, ResourceVariableOps.VAR_HANDLE);
        r.register(BuiltinOp.READ_VARIABLE, 1, ResourceVariableOps.READ_VARIABLE);
        r.register(BuiltinOp.ASSIGN_VARIABLE, 1, ResourceVariableOps.ASSIGN_VARIABLE);
        r.register(BuiltinOp.STABLEHLO_COMPOSITE, 1, new StablehloComposite());
    }
}
