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

import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.PreparedOp;
import dev.slimfit.runtime.RuntimeTensor;

/**
 * The float LSTM step of TFLite 2.6.2 (lstm_eval.cc {@code LstmStepFloat}): each gate starts from
 * its bias (or zero with layer norm), accumulates row dot products of the input and the previous
 * output state in column order (portable {@code MatrixBatchVectorMultiplyAccumulate}), adds the
 * peephole term, optionally layer-normalizes, then applies its activation. Batch-major input is
 * run one batch row at a time over all time steps, time-major input one time step at a time over
 * all batches, exactly as {@code EvalFloat} loops.
 *
 * <p>While an {@code IntermediateObserver} watches (calibration), it reports what TFLite's
 * calibrating LSTM logs into the op's intermediates: with layer norm, each gate's value before
 * normalization (slots 0–3); always, the hidden state o·act(c) before the projection (slot 4).
 */
final class LstmFloat {
    /** The intermediate that holds the hidden state (TFLite's effective-hidden-scale intermediate). */
    static final int HIDDEN_SLOT = 4;

    private final SequenceLstm.Dims d;
    private final RuntimeTensor input;
    private final RuntimeTensor output;
    private final RuntimeTensor outState;
    private final RuntimeTensor cellState;
    private final float[][] inW = new float[4][];
    private final float[][] recW = new float[4][];
    private final float[][] peep = new float[4][];
    private final float[][] norm = new float[4][];
    private final float[][] bias = new float[4][];
    private final float[] projW;
    private final float[] projB;
    private final float[][] gate;
    private final float[] scratch;

    private final OpContext ctx;

    private LstmFloat(OpContext ctx, SequenceLstm.Dims d) {
        this.ctx = ctx;
        this.d = d;
        this.input = ctx.input(SequenceLstm.INPUT);
        this.output = ctx.output(0);
        this.outState = ctx.input(SequenceLstm.OUT_STATE);
        this.cellState = ctx.input(SequenceLstm.CELL_STATE);
        for (int g = 0; g < 4; g++) {
            inW[g] = floats(ctx.input(IN_W + g));
            recW[g] = floats(ctx.input(REC_W + g));
            bias[g] = floats(ctx.input(BIAS + g));
            peep[g] = g == GATE_C ? null : floats(ctx.input(PEEP_W + (g == GATE_O ? 2 : g)));
            norm[g] = d.layerNorm() ? floats(ctx.input(LAYER_NORM + g)) : null;
        }
        projW = floats(ctx.input(SequenceLstm.PROJ_W));
        projB = floats(ctx.input(SequenceLstm.PROJ_B));
        int rows = d.timeMajor() ? d.nBatch() : 1;
        gate = new float[4][rows * d.nCell()];
        scratch = new float[rows * d.nCell()];
    }

    private static float[] floats(RuntimeTensor t) {
        return t == null ? null : t.floats();
    }

    static PreparedOp prepare(OpContext ctx, SequenceLstm.Dims d) throws KernelException {
        for (int i = 1; i < ctx.inputCount(); i++) {
            RuntimeTensor t = ctx.input(i);
            if (t != null && t.type() != dev.slimfit.model.TensorType.FLOAT32) {
                throw new KernelException("float LSTM needs float32 tensors; input " + i + " is " + t.type());
            }
        }
        LstmFloat f = new LstmFloat(ctx, d);
        return f::eval;
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
        if (!d.cifg()) {
            gate(GATE_I, in, inOff, os, osOff, cs, csOff, nb, Activations.SIGMOID);
        }
        gate(GATE_F, in, inOff, os, osOff, cs, csOff, nb, Activations.SIGMOID);
        gate(GATE_C, in, inOff, os, osOff, cs, csOff, nb, d.activation());
        float[] ig = gate[GATE_I];
        float[] fg = gate[GATE_F];
        float[] cg = gate[GATE_C];
        // UpdateLstmCellFloat: c = f*c; c += g*i (i = 1-f under CIFG); clip.
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
        gate(GATE_O, in, inOff, os, osOff, cs, csOff, nb, Activations.SIGMOID);
        float[] og = gate[GATE_O];
        // CalculateLstmOutputFloat: h = o * act(c), then the optional projection. TFLite's
        // ApplyActivationToVector returns without writing for NONE, so its scratch keeps the cell
        // gate values and h becomes o * g: reproduced, since it is what 2.6.2 outputs.
        for (int k = 0; k < n; k++) {
            float a = d.activation() == Activations.NONE ? cg[k] : Activations.apply(d.activation(), cs[csOff + k]);
            scratch[k] = og[k] * a;
        }
        if (ctx.tapping()) {
            ctx.tap(HIDDEN_SLOT, scratch, 0, n);
        }
        int nOut = d.nOutput();
        if (projW != null) {
            for (int b = 0; b < nb; b++) {
                for (int r = 0; r < nOut; r++) {
                    float dot = 0f;
                    int w = r * nCell;
                    int s = b * nCell;
                    for (int c = 0; c < nCell; c++) {
                        dot += projW[w + c] * scratch[s + c];
                    }
                    float v = (projB != null ? projB[r] : 0f) + dot;
                    if (d.projClip() > 0f) {
                        v = Math.max(-d.projClip(), Math.min(d.projClip(), v));
                    }
                    os[osOff + b * nOut + r] = v;
                }
            }
        } else {
            System.arraycopy(scratch, 0, os, osOff, nb * nOut);
        }
        System.arraycopy(os, osOff, out, outOff, nb * nOut);
    }

    private void gate(int g, float[] in, int inOff, float[] os, int osOff, float[] cs, int csOff, int nb, int act) {
        int nCell = d.nCell();
        int nIn = d.nInput();
        int nOut = d.nOutput();
        float[] dst = gate[g];
        float[] w = inW[g];
        float[] rw = recW[g];
        float[] bs = bias[g];
        boolean ln = norm[g] != null;
        for (int b = 0; b < nb; b++) {
            int base = b * nCell;
            for (int r = 0; r < nCell; r++) {
                float acc = ln ? 0f : bs[r];
                float dot = 0f;
                int wr = r * nIn;
                int x = inOff + b * nIn;
                for (int c = 0; c < nIn; c++) {
                    dot += w[wr + c] * in[x + c];
                }
                acc += dot;
                dot = 0f;
                int rr = r * nOut;
                int h = osOff + b * nOut;
                for (int c = 0; c < nOut; c++) {
                    dot += rw[rr + c] * os[h + c];
                }
                acc += dot;
                if (peep[g] != null) {
                    acc += peep[g][r] * cs[csOff + base + r];
                }
                dst[base + r] = acc;
            }
            if (ln) {
                if (ctx.tapping()) {
                    ctx.tap(g, dst, base, nCell);
                }
                layerNorm(dst, base, nCell, norm[g], bs);
            }
            for (int r = 0; r < nCell; r++) {
                dst[base + r] = Activations.apply(act, dst[base + r]);
            }
        }
    }

    /** tensor_utils MeanStddevNormalization, then the coefficient product and the bias add. */
    static void layerNorm(float[] v, int off, int n, float[] coef, float[] bias) {
        float sum = 0f;
        for (int i = 0; i < n; i++) {
            sum += v[off + i];
        }
        float mean = sum / n;
        float sq = 0f;
        for (int i = 0; i < n; i++) {
            float diff = v[off + i] - mean;
            sq += diff * diff;
        }
        float variance = sq / n;
        float inv = 1.0f / (float) Math.sqrt(variance + 1e-8f);
        for (int i = 0; i < n; i++) {
            v[off + i] = (v[off + i] - mean) * inv * coef[i] + bias[i];
        }
    }
}
