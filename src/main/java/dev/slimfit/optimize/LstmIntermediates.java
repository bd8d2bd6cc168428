package dev.slimfit.optimize;

import dev.slimfit.model.BuiltinOp;
import dev.slimfit.model.Model;
import dev.slimfit.model.Operator;
import dev.slimfit.model.Subgraph;
import dev.slimfit.model.Tensor;
import dev.slimfit.model.TensorType;
import java.util.ArrayList;
import java.util.List;

/**
 * The five {@code intermediates} of each UNIDIRECTIONAL_SEQUENCE_LSTM in subgraph 0: the gate
 * matmul outputs (0–3, input/forget/cell/output) and the hidden state o·act(c) (4), whose
 * calibrated ranges the full-integer LSTM needs (TFLite 2.6.2 lstm.cc reads their scales in
 * {@code PopulateQuantizedLstmParams8x8_16}). Float models rarely carry them, so, as TFLite's
 * calibration first adds intermediate tensors to fused ops, the calibrator runs a copy of the
 * model with float placeholders appended after the last tensor, and records the per-step values
 * the float kernel reports under those tensor indices. The quantizer finds the ranges under the
 * same indices through {@link #indices}, without needing the copy: both follow one rule, and the
 * original tensors keep their indices. Lives here, beside {@link ActivationRanges}, because the
 * calibrator ({@code eval}) and the quantizer share it.
 */
public final class LstmIntermediates {
    /** Intermediates of the integer 8x8→16 LSTM kernel. */
    public static final int COUNT = 5;
    /** The hidden-state intermediate. */
    public static final int HIDDEN = 4;

    private LstmIntermediates() {
    }

    /** True for the ops this applies to. */
    public static boolean isLstm(Operator op) {
        return op.code().op().orElse(null) == BuiltinOp.UNIDIRECTIONAL_SEQUENCE_LSTM && !op.code().isCustom();
    }

    private static boolean needsPlaceholders(Operator op) {
        return isLstm(op) && (op.intermediates() == null || op.intermediates().length == 0);
    }

    /**
     * Tensor indices (keys of the activation ranges) of the five intermediates of operator
     * {@code opIndex} of subgraph 0: the op's own when the file has exactly five, the appended
     * placeholders when it has none, null when it has another count (no integer kernel for that).
     */
    public static int[] indices(Model m, int opIndex) {
        Subgraph sg = m.mainSubgraph();
        Operator op = sg.operators().get(opIndex);
        if (!isLstm(op)) {
            return null;
        }
        if (!needsPlaceholders(op)) {
            return op.intermediates().length == COUNT ? op.intermediates().clone() : null;
        }
        int next = sg.tensors().size();
        for (int i = 0; i < opIndex; i++) {
            if (needsPlaceholders(sg.operators().get(i))) {
                next += COUNT;
            }
        }
        int[] out = new int[COUNT];
        for (int k = 0; k < COUNT; k++) {
            out[k] = next + k;
        }
        return out;
    }

    /** {@code m} with float placeholder intermediates on every LSTM of subgraph 0 that has none (or m itself). */
    public static Model withPlaceholders(Model m) {
        Subgraph sg = m.mainSubgraph();
        List<Tensor> tensors = new ArrayList<>(sg.tensors());
        List<Operator> ops = new ArrayList<>(sg.operators());
        boolean changed = false;
        for (int i = 0; i < ops.size(); i++) {
            Operator op = ops.get(i);
            if (!needsPlaceholders(op)) {
                continue;
            }
            int[] idx = indices(m, i);
            for (int k = 0; k < COUNT; k++) {
                tensors.add(Tensor.of(name(sg, op, k), TensorType.FLOAT32, new int[] {0}, 0));
            }
            ops.set(i, new Operator(op.code(), op.inputs(), op.outputs(), idx, op.options(), op.customOptions(),
                    op.customOptionsFormat(), op.mutatingVariableInputs(), op.options2()));
            changed = true;
        }
        if (!changed) {
            return m;
        }
        List<Subgraph> sgs = new ArrayList<>(m.subgraphs());
        sgs.set(0, new Subgraph(sg.name(), tensors, sg.inputs(), sg.outputs(), ops));
        return m.withSubgraphs(sgs);
    }

    /** The names Google's converter gives these tensors, prefixed by the op's output name. */
    static String name(Subgraph sg, Operator op, int k) {
        return (op.outputCount() > 0 ? sg.tensor(op.output(0)).name() + "/" : "") + tensorName(k);
    }

    /** The name Google's converter gives intermediate {@code k} (e.g. "input_to_forget_intermediate"). */
    public static String tensorName(int k) {
        return switch (k) {
            case 0 -> "input_to_input_intermediate";
            case 1 -> "input_to_forget_intermediate";
            case 2 -> "input_to_cell_intermediate";
            case 3 -> "input_to_output_intermediate";
            default -> "effective_hidden_scale_intermediate";
        };
    }
}
