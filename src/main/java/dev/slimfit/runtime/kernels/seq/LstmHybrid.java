package dev.slimfit.runtime.kernels.seq;

import static dev.slimfit.runtime.kernels.seq.SequenceLstm.BIAS;
import static dev.slimfit.runtime.kernels.seq.SequenceLstm.GATE_C;
import static dev.slimfit.runtime.kernels.seq.SequenceLstm.GATE_F;
import static dev.slimfit.runtime.kernels.seq.SequenceLstm.GATE_I;
import static dev.slimfit.runtime.kernels.seq.SequenceLstm.GATE_O;
import static dev.slimfit.runtime.kernels.seq.SequenceLstm.IN_W;
import static dev.slimfit.runtime.kernels.seq.SequenceLstm.LAYER_NORM;
import static dev.slimfit.runtime.kernels.seq.SequenceLstm.PEEP_W;
import static dev.slimfit.runtime.kernels.seq.SequenceLstm.REC_W;

import dev.slimfit.model.TensorType;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.PreparedOp;
import dev.slimfit.runtime.RuntimeTensor;

/**
 * The hybrid LSTM of TFLite 2.6.2 (lstm_eval.cc {@code LstmStepHybrid}): float input, states and
 * biases, int8 weights with per-tensor scales. Each step quantizes the input rows and the previous
 * output state rows to int8 ({@link HybridQuantizer}: symmetric, or asymmetric when the option
 * asks), multiplies with exact int32 dot products (minus row-sum × zero point), and accumulates
 * {@code dot * (rowScale * weightScale)} onto the gate; everything after the matmuls is the float
 * path. Peephole weights are dequantized ({@code int8 * scale}) before use; the projection
 * quantizes the hidden state the same way. An all-zero input or state skips its matmul, as TFLite.
 */
final class LstmHybrid {
    private final SequenceLstm.Dims d;
    private final boolean asymmetric;
    private final RuntimeTensor input;
    private final RuntimeTensor output;
    private final RuntimeTensor outState;
    private final RuntimeTensor cellState;
    private final byte[][] inW = new byte[4][];
    private final byte[][] recW = new byte[4][];
    private final float[] inScale = new float[4];
    private final float[] recScale = new float[4];
    private final int[][] inRowSums = new int[4][];
    private final int[][] recRowSums = new int[4][];
    private final float[][] peep = new float[4][];
    private final float[][] norm = new float[4][];
    private final float[][] bias = new float[4][];
    private final byte[] projW;
    private final float projScale;
    private final int[] projRowSums;
    private final float[] projB;
    private final float[][] gate;
    private final float[] hidden;
    private final HybridQuantizer qIn;
    private final HybridQuantizer qState;
    private final HybridQuantizer qHidden;

    private LstmHybrid(OpContext ctx, SequenceLstm.Dims d, boolean asymmetric) {
        this.d = d;
        this.asymmetric = asymmetric;
        input = ctx.input(SequenceLstm.INPUT);
        output = ctx.output(0);
        outState = ctx.input(SequenceLstm.OUT_STATE);
        cellState = ctx.input(SequenceLstm.CELL_STATE);
        for (int g = 0; g < 4; g++) {
            RuntimeTensor w = ctx.input(IN_W + g);
            if (w == null) {
                continue;
            }
            RuntimeTensor rw = ctx.input(REC_W + g);
            inW[g] = w.bytes();
            recW[g] = rw.bytes();
            inScale[g] = w.scale();
            recScale[g] = rw.scale();
            inRowSums[g] = HybridQuantizer.rowSums(inW[g], d.nCell(), d.nInput());
            recRowSums[g] = HybridQuantizer.rowSums(recW[g], d.nCell(), d.nOutput());
            bias[g] = ctx.input(BIAS + g).floats();
            RuntimeTensor p = g == GATE_C ? null : ctx.input(PEEP_W + (g == GATE_O ? 2 : g));
            if (p != null) {
                // VectorScalarMultiply: the "recovered" float peephole weights.
                peep[g] = new float[d.nCell()];
                byte[] pw = p.bytes();
                for (int i = 0; i < d.nCell(); i++) {
                    peep[g][i] = p.scale() * pw[i];
                }
            }
            norm[g] = d.layerNorm() ? ctx.input(LAYER_NORM + g).floats() : null;
        }
        RuntimeTensor pw = ctx.input(SequenceLstm.PROJ_W);
        projW = pw == null ? null : pw.bytes();
        projScale = pw == null ? 0f : pw.scale();
        projRowSums = pw == null ? null : HybridQuantizer.rowSums(projW, d.nOutput(), d.nCell());
        RuntimeTensor pb = ctx.input(SequenceLstm.PROJ_B);
        projB = pb == null ? null : pb.floats();
        int rows = d.timeMajor() ? d.nBatch() : 1;
        gate = new float[4][rows * d.nCell()];
        hidden = new float[rows * d.nCell()];
        qIn = new HybridQuantizer(rows, d.nInput());
        qState = new HybridQuantizer(rows, d.nOutput());
        qHidden = new HybridQuantizer(rows, d.nCell());
    }

    static PreparedOp prepare(OpContext ctx, SequenceLstm.Dims d, boolean asymmetric) throws KernelException {
        for (int slot = IN_W; slot < BIAS; slot++) {
            RuntimeTensor t = ctx.input(slot);
            if (t != null && t.type() != TensorType.INT8) {
                throw new KernelException("hybrid LSTM weights must be int8; input " + slot + " is " + t.type());
            }
        }
        RuntimeTensor pw = ctx.input(SequenceLstm.PROJ_W);
        if (pw != null && pw.type() != TensorType.INT8) {
            throw new KernelException("hybrid LSTM projection weights must be int8, got " + pw.type());
        }
        for (int slot : new int[] {BIAS, BIAS + 1, BIAS + 2, BIAS + 3, SequenceLstm.PROJ_B, SequenceLstm.OUT_STATE,
                SequenceLstm.CELL_STATE, LAYER_NORM, LAYER_NORM + 1, LAYER_NORM + 2, LAYER_NORM + 3}) {
            RuntimeTensor t = ctx.input(slot);
            if (t != null && t.type() != TensorType.FLOAT32) {
                throw new KernelException("hybrid LSTM needs float32 biases, states and norms; input " + slot + " is "
                        + t.type());
            }
        }
        LstmHybrid h = new LstmHybrid(ctx, d, asymmetric);
        return h::eval;
    }

    /** Created once, so eval allocates nothing. */
    private final SequenceLstm.Step steps = this::stepAt;

    private void eval() {
        d.forEachStep(steps);
    }

    private void stepAt(int inOff, int outOff, int osOff, int csOff, int nb) {
        step(input.floats(), inOff, output.floats(), outOff, outState.floats(), osOff, cellState.floats(), csOff, nb);
    }

    private void step(float[] in, int inOff, float[] out, int outOff, float[] os, int osOff, float[] cs, int csOff,
                      int nb) {
        int nCell = d.nCell();
        int n = nb * nCell;
        boolean inZero = HybridQuantizer.isZero(in, inOff, nb * d.nInput());
        boolean stateZero = HybridQuantizer.isZero(os, osOff, nb * d.nOutput());
        if (!inZero) {
            qIn.quantize(in, inOff, nb, asymmetric);
        }
        if (!stateZero) {
            qState.quantize(os, osOff, nb, asymmetric);
        }
        if (!d.cifg()) {
            gate(GATE_I, inZero, stateZero, cs, csOff, nb, Activations.SIGMOID);
        }
        gate(GATE_F, inZero, stateZero, cs, csOff, nb, Activations.SIGMOID);
        gate(GATE_C, inZero, stateZero, cs, csOff, nb, d.activation());
        float[] ig = gate[GATE_I];
        float[] fg = gate[GATE_F];
        float[] cg = gate[GATE_C];
        for (int k = 0; k < n; k++) {
            cs[csOff + k] = fg[k] * cs[csOff + k];
        }
        for (int k = 0; k < n; k++) {
            float ik = d.cifg() ? 1.0f - fg[k] : ig[k];
            cs[csOff + k] += cg[k] * ik;
        }
        float clip = d.cellClip();
        if (clip > 0f) {
            for (int k = 0; k < n; k++) {
                cs[csOff + k] = Math.max(-clip, Math.min(clip, cs[csOff + k]));
            }
        }
        gate(GATE_O, inZero, stateZero, cs, csOff, nb, Activations.SIGMOID);
        float[] og = gate[GATE_O];
        for (int k = 0; k < n; k++) {
            // NONE leaves TFLite's scratch (the cell gate) in place of act(c), as in the float path.
            float a = d.activation() == Activations.NONE ? cg[k] : Activations.apply(d.activation(), cs[csOff + k]);
            hidden[k] = og[k] * a;
        }
        int nOut = d.nOutput();
        if (projW != null) {
            for (int b = 0; b < nb; b++) {
                for (int r = 0; r < nOut; r++) {
                    os[osOff + b * nOut + r] = projB != null ? projB[r] : 0f;
                }
            }
            if (!HybridQuantizer.isZero(hidden, 0, n)) {
                qHidden.quantize(hidden, 0, nb, asymmetric);
                qHidden.accumulate(projW, projScale, projRowSums, nOut, nb, os, osOff);
            }
            if (d.projClip() > 0f) {
                for (int k = 0; k < nb * nOut; k++) {
                    os[osOff + k] = Math.max(-d.projClip(), Math.min(d.projClip(), os[osOff + k]));
                }
            }
        } else {
            System.arraycopy(hidden, 0, os, osOff, nb * nOut);
        }
        System.arraycopy(os, osOff, out, outOff, nb * nOut);
    }

    private void gate(int g, boolean inZero, boolean stateZero, float[] cs, int csOff, int nb, int act) {
        int nCell = d.nCell();
        float[] dst = gate[g];
        boolean ln = norm[g] != null;
        for (int b = 0; b < nb; b++) {
            for (int r = 0; r < nCell; r++) {
                dst[b * nCell + r] = ln ? 0f : bias[g][r];
            }
        }
        if (!inZero) {
            qIn.accumulate(inW[g], inScale[g], inRowSums[g], nCell, nb, dst, 0);
        }
        if (!stateZero) {
            qState.accumulate(recW[g], recScale[g], recRowSums[g], nCell, nb, dst, 0);
        }
        for (int b = 0; b < nb; b++) {
            int base = b * nCell;
            if (peep[g] != null) {
                for (int r = 0; r < nCell; r++) {
                    dst[base + r] += peep[g][r] * cs[csOff + base + r];
                }
            }
            if (ln) {
                LstmFloat.layerNorm(dst, base, nCell, norm[g], bias[g]);
            }
            for (int r = 0; r < nCell; r++) {
                dst[base + r] = Activations.apply(act, dst[base + r]);
            }
        }
    }
}
