package dev.slimfit.optimize.quantize;

import dev.slimfit.model.Model;
import dev.slimfit.model.OpOptions;
import dev.slimfit.model.Operator;
import dev.slimfit.model.QuantizationParams;
import dev.slimfit.model.Subgraph;
import dev.slimfit.model.Tensor;
import dev.slimfit.model.TensorType;
import dev.slimfit.optimize.ActivationRanges;
import dev.slimfit.optimize.Layer;
import dev.slimfit.optimize.LstmIntermediates;
import dev.slimfit.optimize.Plan;
import dev.slimfit.optimize.Scheme;
import java.util.List;

/**
 * Full-integer UNIDIRECTIONAL_SEQUENCE_LSTM as TFLite's post-training quantizer lays it out
 * (tools/optimize/operator_property.cc, LSTM entries; quantize_model.cc) for the 8x8→16 kernel of
 * TFLite 2.6.2 (lstm_eval.cc {@code LstmStepInteger8x8_16}):
 * <ul>
 *   <li>input: int8 asymmetric from its calibrated range;</li>
 *   <li>input and recurrent weights (1–8) and projection weights (16): int8 symmetric per tensor;</li>
 *   <li>peephole weights (9–11) and layer-norm coefficients (20–23): int16 symmetric, max|w|/32767;</li>
 *   <li>gate biases (12–15): int32 with scale input_scale × that gate's input weight scale, or,
 *       with layer norm, coefficient scale × 2^-10; projection bias (17): projection weight scale
 *       × hidden scale;</li>
 *   <li>output state (18) and output: one int8 asymmetric range, the union of both calibrated
 *       ranges (the quantizer's restrict_scale {18, 0});</li>
 *   <li>cell state (19): int16 symmetric with a power-of-two range 2^p, p the smallest of 0..10
 *       with 2^p ≥ max|c| (GetPowerOfTwoScale), scale 2^p / 32768;</li>
 *   <li>intermediates 0–3: with layer norm, int16 symmetric from the calibrated gate range
 *       (range/32767; under CIFG the uncalibrated input gate borrows the forget gate's); without, unused by the kernel (Q3.12 is fixed) and kept as unquantized
 *       float placeholders, as in Google's own mnist_lstm_int8.tflite; intermediate 4 (hidden):
 *       with projection, int8 asymmetric from the calibrated hidden range; without, the output
 *       state's parameters, because the kernel then writes the requantized hidden state straight
 *       into the output state (also what Google's file holds).</li>
 * </ul>
 * Op version 1, as op_version.cc gives every non-hybrid UNIDIRECTIONAL_SEQUENCE_LSTM.
 */
final class IntegerLstm {
    static final int OUT_STATE = 18;
    static final int CELL_STATE = 19;
    private static final int TANH = 4;
    /** 2.6.2's integer kernel takes cell-state scales 2^-15 .. 2^-9, i.e. power-of-two ranges 2^0 .. 2^6. */
    private static final int MAX_CELL_POT = 6;

    private IntegerLstm() {
    }

    /**
     * An LSTM planned as int8 that the integer kernel cannot take (see {@link #obstacle}) falls
     * back to dynamic range with a note in {@code schemes} and {@code applied}, or, when the plan
     * names the layer, is refused. Settled before emission, because consumers' views depend on
     * what the LSTM produces.
     */
    static void settle(Model m, Plan plan, List<Layer> layers, Scheme[] schemes, Scheme[] applied,
                       ActivationRanges ranges, List<String> notes) {
        for (int i = 0; i < schemes.length; i++) {
            Operator op = m.mainSubgraph().operators().get(i);
            if (schemes[i] != Scheme.INT8 || !LstmIntermediates.isLstm(op)) {
                continue;
            }
            String why = obstacle(m, i, ranges);
            if (why == null) {
                continue;
            }
            String id = layers.get(i).id();
            if (plan.overrides().containsKey(id)) {
                throw new QuantizationException(QuantizationException.Subject.PLAN, "layer " + id + " ("
                        + op.code().displayName() + ") cannot be full-integer int8: " + why);
            }
            schemes[i] = Scheme.DYNAMIC_INT8;
            applied[i] = Scheme.DYNAMIC_INT8;
            notes.add("layer " + id + " (" + op.code().displayName() + ") stays on the dynamic-range (hybrid) kernel"
                    + " instead of int8: " + why);
        }
    }

    /**
     * Why operator {@code opIndex} cannot become a full-integer LSTM that TFLite 2.6.2 runs, or
     * null when it can.
     */
    static String obstacle(Model m, int opIndex, ActivationRanges ranges) {
        Subgraph sg = m.mainSubgraph();
        Operator op = sg.operators().get(opIndex);
        int[] im = LstmIntermediates.indices(m, opIndex);
        if (im == null) {
            return "it has " + op.intermediates().length + " intermediates; the 8x8->16 integer kernel needs "
                    + LstmIntermediates.COUNT;
        }
        OpOptions o = op.options();
        int act = o == null ? 0 : o.getInt("fusedActivationFunction", 0);
        if (act != TANH) {
            return "its cell activation is " + act + "; TFLite 2.6.2's integer LSTM supports only tanh";
        }
        if (op.inputCount() != 20 && op.inputCount() != 24) {
            return "it has " + op.inputCount() + " inputs (20 or 24 expected)";
        }
        for (int s = 1; s <= 8; s++) {
            int t = op.input(s);
            if (t >= 0 && (m.dataOf(sg.tensor(t)).isEmpty() || sg.tensor(t).type() != TensorType.FLOAT32)) {
                return "weight input " + s + " is not a float32 constant";
            }
        }
        for (int s : new int[] {OUT_STATE, CELL_STATE}) {
            int t = op.input(s);
            if (t < 0 || !sg.tensor(t).isVariable() || sg.tensor(t).type() != TensorType.FLOAT32) {
                return "state input " + s + " is not a float32 variable tensor";
            }
            if (!m.dataOf(sg.tensor(t)).isEmpty()) {
                return "state tensor '" + sg.tensor(t).name() + "' has initial values (only zero-initialised"
                        + " state is supported)";
            }
        }
        float[] cell = ranges.range(op.input(CELL_STATE)).orElse(null);
        if (cell == null) {
            return "calibration recorded no range for its cell state '" + sg.tensor(op.input(CELL_STATE)).name()
                    + "' (calibrate again with this version)";
        }
        if (cellPowerOfTwo(cell) > MAX_CELL_POT) {
            return "its cell state reaches |c| = " + Math.max(Math.abs(cell[0]), Math.abs(cell[1]))
                    + ", beyond the 2^" + MAX_CELL_POT + " the int16 cell state of the integer kernel can hold";
        }
        boolean layerNorm = layerNorm(op);
        for (int k = 0; k < LstmIntermediates.COUNT; k++) {
            boolean needed = k == LstmIntermediates.HIDDEN ? op.input(16) >= 0 : layerNorm && op.input(1 + k) >= 0;
            if (!needed) {
                continue;
            }
            float[] r = ranges.range(im[k]).orElse(null);
            if (r == null) {
                return "calibration recorded no range for its intermediate " + k + " (calibrate again with this"
                        + " version)";
            }
            if (k < LstmIntermediates.HIDDEN && Math.max(Math.abs(r[0]), Math.abs(r[1])) < 1e-8f) {
                return "its gate " + k + " never left 0 during calibration (the quantizer cannot scale it)";
            }
        }
        return null;
    }

    static boolean layerNorm(Operator op) {
        return op.inputCount() == 24 && op.input(21) >= 0;
    }

    /** GetPowerOfTwoScale: the smallest p in 0..10 with 2^p ≥ max(|min|, |max|). */
    static int cellPowerOfTwo(float[] r) {
        float range = Math.max(Math.abs(r[0]), Math.abs(r[1]));
        int pot = 0;
        for (int i = 0; i < 10; i++) {
            if (Math.pow(2, pot) < range) {
                pot++;
            }
        }
        return pot;
    }

    /** The range shared by the output and the output state: the union of both (restrict_scale). */
    static float[] sharedOutputRange(float[] output, float[] state) {
        return new float[] {Math.min(output[0], state[0]), Math.max(output[1], state[1])};
    }

    /** Emitter services the rewrite needs. */
    interface Host {
        int int8View(int tensor);

        float[] range(int tensor);

        QuantizationParams outputParams(int tensor);

        Constants constants();

        WorkGraph graph();

        boolean clusteredPerTensor(Operator op);

        void producedAsInt8(int tensor);
    }

    /** The int8 rewrite of {@code op} (operator {@code opIndex} of {@code m}). */
    static Operator emit(Model m, int opIndex, Operator op, Host h) {
        Subgraph sg = m.mainSubgraph();
        WorkGraph g = h.graph();
        Constants c = h.constants();
        boolean ln = layerNorm(op);
        int[] in = op.inputs();
        in[0] = h.int8View(op.input(0));
        float inScale = g.tensor(in[0]).quantization().scale(0);
        for (int s : new int[] {1, 2, 3, 4, 5, 6, 7, 8, 16}) {
            if (op.input(s) >= 0) {
                in[s] = c.int8Weight(op.input(s), -1, h.clusteredPerTensor(op));
            }
        }
        for (int s : new int[] {9, 10, 11, 20, 21, 22, 23}) {
            if (s < in.length && op.input(s) >= 0) {
                in[s] = c.activationLike(op.input(s), true);
            }
        }
        int out = op.output(0);
        QuantizationParams shared = h.outputParams(out);
        int os = op.input(OUT_STATE);
        g.setTensor(os, g.tensor(os).withType(TensorType.INT8).withQuantization(shared));
        int cs = op.input(CELL_STATE);
        int pot = cellPowerOfTwo(h.range(cs));
        g.setTensor(cs, g.tensor(cs).withType(TensorType.INT16)
                .withQuantization(QuantizationParams.perTensor((float) Math.pow(2, pot - 15), 0)));
        g.setTensor(out, g.tensor(out).withType(TensorType.INT8).withQuantization(shared));
        h.producedAsInt8(out);

        int[] keys = LstmIntermediates.indices(m, opIndex);
        int[] inter = new int[LstmIntermediates.COUNT];
        Tensor like = Tensor.of("", TensorType.FLOAT32, new int[] {0}, 0);
        String base = sg.tensor(out).name() + "/";
        for (int k = 0; k < 4; k++) {
            String name = base + LstmIntermediates.tensorName(k);
            if (ln) {
                // CIFG has no input gate to calibrate, but 2.6.2 reads intermediate 0's scale whenever
                // layer norm is on: left unquantized, its outputs changed (measured); the forget
                // gate's scale is a valid value that the CIFG computation never uses.
                int from = op.input(1 + k) >= 0 ? k : 1;
                float[] r = h.range(keys[from]);
                float scale = Math.max(Math.abs(r[0]), Math.abs(r[1])) / 32767f;
                inter[k] = g.addTensor(Emitter.plain(name, TensorType.INT16, like)
                        .withQuantization(QuantizationParams.perTensor(scale, 0)));
            } else {
                inter[k] = g.addTensor(Emitter.plain(name, TensorType.FLOAT32, like));
            }
        }
        QuantizationParams hidden = shared;
        if (op.input(16) >= 0) {
            float[] r = h.range(keys[LstmIntermediates.HIDDEN]);
            float[] sz = Ranges.asymmetric8(r[0], r[1]);
            hidden = QuantizationParams.perTensor(sz[0], (long) sz[1]);
        }
        inter[LstmIntermediates.HIDDEN] = g.addTensor(Emitter.plain(base + LstmIntermediates.tensorName(LstmIntermediates.HIDDEN),
                TensorType.INT8, like).withQuantization(hidden));

        for (int k = 0; k < 4; k++) {
            int b = op.input(12 + k);
            if (b < 0) {
                continue;
            }
            in[12 + k] = ln
                    ? c.bias(b, g.tensor(in[20 + k]).quantization().scale(0), new float[] {(float) Math.pow(2, -10)},
                            false)
                    : c.bias(b, inScale, new float[] {g.tensor(in[1 + k]).quantization().scale(0)}, false);
        }
        if (op.input(17) >= 0) {
            in[17] = c.bias(op.input(17), g.tensor(in[16]).quantization().scale(0), new float[] {hidden.scale(0)},
                    false);
        }
        return new Operator(op.code().withVersion(Math.max(1, op.code().version())), in, op.outputs(), inter,
                op.options(), op.customOptions(), op.customOptionsFormat(), op.mutatingVariableInputs(),
                op.options2());
    }

}
