package dev.slimfit.runtime.kernels.seq;

import static dev.slimfit.runtime.kernels.seq.SequenceLstm.BIAS;
import static dev.slimfit.runtime.kernels.seq.SequenceLstm.GATE_C;
import static dev.slimfit.runtime.kernels.seq.SequenceLstm.GATE_F;
import static dev.slimfit.runtime.kernels.seq.SequenceLstm.GATE_I;
import static dev.slimfit.runtime.kernels.seq.SequenceLstm.GATE_O;
import static dev.slimfit.runtime.kernels.seq.SequenceLstm.IN_W;
import static dev.slimfit.runtime.kernels.seq.SequenceLstm.REC_W;

import dev.slimfit.model.TensorType;
import dev.slimfit.quant.FixedPoint;
import dev.slimfit.quant.QuantizationUtil;
import dev.slimfit.quant.QuantizedMath;
import dev.slimfit.quant.QuantizedMultiplier;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.PreparedOp;
import dev.slimfit.runtime.RuntimeTensor;

/**
 * The full-integer LSTM of TFLite 2.6.2 (lstm_eval.cc {@code LstmStepInteger8x8_16}, parameters as
 * {@code PopulateQuantizedLstmParams8x8_16}): int8 input/output state, int16 cell state with a
 * power-of-two scale, gates in Q3.12 (no layer norm: fixed 2^-12 intermediate scales), biases and
 * the input/state zero points folded into per-row "effective biases", sigmoid/tanh in gemmlowp
 * int16 fixed point, and the hidden state requantized through intermediate 4.
 *
 * <p>Each matmul adds its rescaled result onto the int16 gate with saturation, input part first;
 * then the int16 peephole term, the integer layer norm ({@link IntegerLayerNorm}, gate scales from
 * intermediates 0–3, bias applied there) and the activation. An optional int8 projection maps the
 * hidden state to the output state.
 */
final class LstmInteger {
    private static final FixedPoint F16 = FixedPoint.INT16;

    private final SequenceLstm.Dims d;
    private final RuntimeTensor input;
    private final RuntimeTensor output;
    private final RuntimeTensor outState;
    private final RuntimeTensor cellState;
    private final byte[][] inW = new byte[4][];
    private final byte[][] recW = new byte[4][];
    private final int[][] inBias = new int[4][];
    private final int[][] recBias = new int[4][];
    private final int[] inMul = new int[4];
    private final int[] inShift = new int[4];
    private final int[] recMul = new int[4];
    private final int[] recShift = new int[4];
    private final int cellScale;
    private final int cellClip;
    private final int hiddenMul;
    private final int hiddenShift;
    private final int hiddenZp;
    private final short[][] gate;
    private final short[][] peep = new short[4][];
    private final int[] peepMul = new int[4];
    private final int[] peepShift = new int[4];
    private final short[][] norm = new short[4][];
    private final int[][] normBias = new int[4][];
    private final int[] normMul = new int[4];
    private final int[] normShift = new int[4];
    private final int[] varianceGuard = new int[4];
    private final byte[] projW;
    private final int[] projBias;
    private final int projMul;
    private final int projShift;
    private final int projClip;
    private final int outStateZp;
    private final byte[] hiddenScratch;

    private LstmInteger(OpContext ctx, SequenceLstm.Dims d) throws KernelException {
        this.d = d;
        input = ctx.input(SequenceLstm.INPUT);
        output = ctx.output(0);
        outState = ctx.input(SequenceLstm.OUT_STATE);
        cellState = ctx.input(SequenceLstm.CELL_STATE);
        QuantizationUtil.Log2 log2 = QuantizationUtil.checkedLog2(cellState.scale());
        if (!log2.isPowerOfTwo() || log2.rounded() > -9 || log2.rounded() < -15) {
            throw new KernelException("cell state scale " + cellState.scale() + " must be 2^k with -15 <= k <= -9");
        }
        cellScale = log2.rounded();
        cellClip = d.cellClip() > 0f
                ? (int) Math.min(Math.max(d.cellClip() / cellState.scale(), -32768.0f), 32767.0f) : 0;
        RuntimeTensor hidden = ctx.intermediate(4);
        if (hidden == null || hidden.quantization() == null || !hidden.quantization().isAffine()) {
            throw new KernelException("integer LSTM needs a quantized hidden-state intermediate (intermediate 4)");
        }
        for (int g = 0; g < 4; g++) {
            if (g == GATE_I && d.cifg()) {
                continue;
            }
            // Without layer norm the gates are Q3.12; with it, the intermediates carry the matmul scales.
            float gateScale = (float) Math.pow(2, -12);
            if (d.layerNorm()) {
                RuntimeTensor inter = ctx.intermediate(g);
                if (inter == null || inter.quantization() == null || !inter.quantization().isAffine()) {
                    throw new KernelException("layer-norm integer LSTM needs quantized intermediate " + g);
                }
                gateScale = inter.scale();
                RuntimeTensor ln = ctx.input(SequenceLstm.LAYER_NORM + g);
                if (ln.type() != TensorType.INT16) {
                    throw new KernelException("integer LSTM layer-norm coefficients must be int16, got " + ln);
                }
                norm[g] = ln.shorts();
                QuantizedMultiplier ml = QuantizedMultiplier.of(ln.scale());
                normMul[g] = ml.multiplier();
                normShift[g] = ml.shift();
                varianceGuard[g] = Math.max(1, (int) (10000 * ln.scale()));
            }
            RuntimeTensor w = ctx.input(IN_W + g);
            RuntimeTensor rw = ctx.input(REC_W + g);
            RuntimeTensor b = ctx.input(BIAS + g);
            if (b.type() != TensorType.INT32) {
                throw new KernelException("integer LSTM gate bias must be int32, got " + b);
            }
            inW[g] = w.bytes();
            recW[g] = rw.bytes();
            // With layer norm the bias is added after normalization instead of in the matmul.
            normBias[g] = d.layerNorm() ? b.ints() : null;
            inBias[g] = effectiveBias(-input.zeroPoint(), inW[g], d.nInput(), d.layerNorm() ? null : b.ints(),
                    d.nCell());
            recBias[g] = effectiveBias(-outState.zeroPoint(), recW[g], d.nOutput(), null, d.nCell());
            if (d.peephole() && g != GATE_C) {
                RuntimeTensor p = ctx.input(SequenceLstm.PEEP_W + (g == GATE_O ? 2 : g));
                if (p.type() != TensorType.INT16) {
                    throw new KernelException("integer LSTM peephole weights must be int16, got " + p);
                }
                peep[g] = p.shorts();
                QuantizedMultiplier mp = QuantizedMultiplier.of(
                        (float) (Math.pow(2, cellScale) * (double) p.scale() / (double) gateScale));
                peepMul[g] = mp.multiplier();
                peepShift[g] = mp.shift();
            }
            QuantizedMultiplier mi = QuantizedMultiplier.of(w.scale() * input.scale() / gateScale);
            QuantizedMultiplier mr = QuantizedMultiplier.of(rw.scale() * outState.scale() / gateScale);
            inMul[g] = mi.multiplier();
            inShift[g] = mi.shift();
            recMul[g] = mr.multiplier();
            recShift[g] = mr.shift();
        }
        float effHidden = (float) (Math.pow(2, -15) / hidden.scale() * Math.pow(2, -15));
        QuantizedMultiplier mh = QuantizedMultiplier.of(effHidden);
        hiddenMul = mh.multiplier();
        hiddenShift = mh.shift();
        hiddenZp = hidden.zeroPoint();
        outStateZp = outState.zeroPoint();
        RuntimeTensor pw = ctx.input(SequenceLstm.PROJ_W);
        if (pw != null) {
            if (pw.type() != TensorType.INT8) {
                throw new KernelException("integer LSTM projection weights must be int8, got " + pw);
            }
            RuntimeTensor pb = ctx.input(SequenceLstm.PROJ_B);
            if (pb != null && pb.type() != TensorType.INT32) {
                throw new KernelException("integer LSTM projection bias must be int32, got " + pb);
            }
            projW = pw.bytes();
            projBias = effectiveBias(hiddenZp, projW, d.nCell(), pb == null ? null : pb.ints(), d.nOutput());
            QuantizedMultiplier mp = QuantizedMultiplier.of(pw.scale() * hidden.scale() / outState.scale());
            projMul = mp.multiplier();
            projShift = mp.shift();
            projClip = d.projClip() > 0f
                    ? (int) Math.min(Math.max(d.projClip() / output.scale(), -128.0f), 127.0f) : 0;
        } else {
            projW = null;
            projBias = null;
            projMul = 0;
            projShift = 0;
            projClip = 0;
        }
        int rows = d.timeMajor() ? d.nBatch() : 1;
        gate = new short[4][rows * d.nCell()];
        hiddenScratch = new byte[rows * d.nCell()];
    }

    /** PrecomputeZeroPointTimesWeightWithBias: bias[row] + zp * sum(weights[row]). */
    private static int[] effectiveBias(int zp, byte[] w, int cols, int[] bias, int rows) {
        int[] out = new int[rows];
        for (int r = 0; r < rows; r++) {
            int sum = 0;
            for (int c = 0; c < cols; c++) {
                sum += w[r * cols + c];
            }
            out[r] = (bias == null ? 0 : bias[r]) + sum * zp;
        }
        return out;
    }

    static PreparedOp prepare(OpContext ctx, SequenceLstm.Dims d) throws KernelException {
        if (d.activation() != Activations.TANH) {
            // Other activations leave the gate unactivated or trip an assertion in 2.6.2: not judged.
            throw new KernelException("integer LSTM supports only the tanh cell activation, got " + d.activation());
        }
        for (int g = 0; g < 4; g++) {
            for (int slot : new int[] {IN_W + g, REC_W + g}) {
                RuntimeTensor t = ctx.input(slot);
                if (t != null && t.type() != TensorType.INT8) {
                    throw new KernelException("integer LSTM weights must be int8; input " + slot + " is " + t.type());
                }
            }
        }
        if (ctx.input(SequenceLstm.OUT_STATE).type() != TensorType.INT8 || ctx.output(0).type() != TensorType.INT8) {
            throw new KernelException("integer LSTM needs int8 output state and output");
        }
        LstmInteger k = new LstmInteger(ctx, d);
        return k::eval;
    }

    /** Created once, so eval allocates nothing. */
    private final SequenceLstm.Step steps = this::stepAt;

    private void eval() {
        d.forEachStep(steps);
    }

    private void stepAt(int inOff, int outOff, int osOff, int csOff, int nb) {
        step(input.bytes(), inOff, output.bytes(), outOff, outState.bytes(), osOff, cellState.shorts(), csOff, nb);
    }

    private void step(byte[] in, int inOff, byte[] out, int outOff, byte[] os, int osOff, short[] cs, int csOff,
                      int nb) {
        int n = nb * d.nCell();
        gate(GATE_F, in, inOff, os, osOff, cs, csOff, nb, false);
        gate(GATE_C, in, inOff, os, osOff, cs, csOff, nb, true);
        short[] ig = gate[GATE_I];
        short[] fg = gate[GATE_F];
        short[] cg = gate[GATE_C];
        if (d.cifg()) {
            for (int k = 0; k < n; k++) {
                ig[k] = (short) (32767 - fg[k]);
            }
        } else {
            gate(GATE_I, in, inOff, os, osOff, cs, csOff, nb, false);
        }
        // UpdateLstmCellInteger: c = f*c >> 15; c += i*g >> (30 + cellScale), saturating; clip.
        int shift = 30 + cellScale;
        for (int k = 0; k < n; k++) {
            int c = (short) QuantizedMath.roundingDivideByPOT(fg[k] * cs[csOff + k], 15);
            int u = (short) QuantizedMath.roundingDivideByPOT(ig[k] * cg[k], shift);
            int sum = Math.max(-32768, Math.min(32767, c + u));
            if (cellClip > 0) {
                sum = Math.max(-cellClip, Math.min(cellClip, sum));
            }
            cs[csOff + k] = (short) sum;
        }
        gate(GATE_O, in, inOff, os, osOff, cs, csOff, nb, false);
        short[] og = gate[GATE_O];
        // CalculateLstmOutputInteger8x8_16: h = o * tanh(c), requantized to int8 via the hidden scale.
        // CwiseMul subtracts the hidden zero point (2.6.2's sign); the projection's effective bias adds it back.
        int tanhBits = 15 + cellScale;
        byte[] h = projW == null ? os : hiddenScratch;
        int hOff = projW == null ? osOff : 0;
        for (int k = 0; k < n; k++) {
            int t = F16.tanh(cs[csOff + k], tanhBits);
            int v = QuantizedMath.multiplyByQuantizedMultiplier(og[k] * t, hiddenMul, hiddenShift);
            v -= hiddenZp;
            h[hOff + k] = (byte) Math.max(-128, Math.min(127, v));
        }
        if (projW != null) {
            int nCell = d.nCell();
            int nOut = d.nOutput();
            for (int b = 0; b < nb; b++) {
                for (int r = 0; r < nOut; r++) {
                    int acc = projBias[r];
                    for (int c = 0; c < nCell; c++) {
                        acc += projW[r * nCell + c] * hiddenScratch[b * nCell + c];
                    }
                    int v = QuantizedMath.multiplyByQuantizedMultiplier(acc, projMul, projShift) + outStateZp;
                    v = Math.max(-128, Math.min(127, v));
                    if (projClip > 0) {
                        v = Math.max(-projClip, Math.min(projClip, v));
                    }
                    os[osOff + b * nOut + r] = (byte) v;
                }
            }
        }
        System.arraycopy(os, osOff, out, outOff, nb * d.nOutput());
    }

    private void gate(int g, byte[] in, int inOff, byte[] os, int osOff, short[] cs, int csOff, int nb,
                      boolean tanh) {
        int nCell = d.nCell();
        int nIn = d.nInput();
        int nOut = d.nOutput();
        short[] dst = gate[g];
        byte[] w = inW[g];
        byte[] rw = recW[g];
        int[] ib = inBias[g];
        int[] rb = recBias[g];
        for (int b = 0; b < nb; b++) {
            int x = inOff + b * nIn;
            int h = osOff + b * nOut;
            for (int r = 0; r < nCell; r++) {
                int acc = ib[r];
                int wr = r * nIn;
                for (int c = 0; c < nIn; c++) {
                    acc += w[wr + c] * in[x + c];
                }
                int v = QuantizedMath.multiplyByQuantizedMultiplier(acc, inMul[g], inShift[g]);
                v = Math.max(-32768, Math.min(32767, v));
                acc = rb[r];
                int rr = r * nOut;
                for (int c = 0; c < nOut; c++) {
                    acc += rw[rr + c] * os[h + c];
                }
                v += QuantizedMath.multiplyByQuantizedMultiplier(acc, recMul[g], recShift[g]);
                dst[b * nCell + r] = (short) Math.max(-32768, Math.min(32767, v));
            }
        }
        int n = nb * nCell;
        if (peep[g] != null) {
            // 2.6.2 passes n_output as the peephole vector size and walks gate and cell state contiguously.
            int size = d.nOutput();
            short[] pw = peep[g];
            for (int k = 0; k < nb * size; k++) {
                int prod = QuantizedMath.multiplyByQuantizedMultiplier(pw[k % size] * cs[csOff + k], peepMul[g],
                        peepShift[g]);
                dst[k] = (short) Math.max(-32768, Math.min(32767, prod + dst[k]));
            }
        }
        if (norm[g] != null) {
            for (int b = 0; b < nb; b++) {
                IntegerLayerNorm.apply(dst, b * nCell, nCell, norm[g], normBias[g], normMul[g], normShift[g],
                        varianceGuard[g]);
            }
        }
        for (int k = 0; k < n; k++) {
            dst[k] = (short) (tanh ? F16.tanh(dst[k], 3) : F16.logistic(dst[k], 3));
        }
    }
}
