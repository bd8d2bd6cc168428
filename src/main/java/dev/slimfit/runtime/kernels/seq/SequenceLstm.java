package dev.slimfit.runtime.kernels.seq;

import dev.slimfit.model.OpOptions;
import dev.slimfit.model.TensorType;
import dev.slimfit.runtime.Kernel;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.PreparedOp;
import dev.slimfit.runtime.RuntimeTensor;

/**
 * UNIDIRECTIONAL_SEQUENCE_LSTM as TFLite 2.6.2 (unidirectional_sequence_lstm.cc + lstm_eval.cc):
 * checks the 24 (or legacy 20) inputs the way its Prepare does, then dispatches on types to the
 * float path ({@link LstmFloat}), the hybrid path (float activations, int8 weights,
 * {@link LstmHybrid}) or the full-integer 8x8→16 path ({@link LstmInteger}). The two
 * state inputs are variable tensors whose values persist across invokes, as in TFLite.
 *
 * <p>Input slots: 0 input; 1–4 input→{input,forget,cell,output} weights; 5–8 recurrent weights;
 * 9–11 peephole (cell→input/forget/output); 12–15 gate biases; 16 projection weights; 17 projection
 * bias; 18 output state; 19 cell state; 20–23 layer-norm coefficients.
 */
public final class SequenceLstm implements Kernel {
    static final int INPUT = 0;
    static final int IN_W = 1;
    static final int REC_W = 5;
    static final int PEEP_W = 9;
    static final int BIAS = 12;
    static final int PROJ_W = 16;
    static final int PROJ_B = 17;
    static final int OUT_STATE = 18;
    static final int CELL_STATE = 19;
    static final int LAYER_NORM = 20;

    /** Gate order of the weight/bias slots. */
    static final int GATE_I = 0;
    static final int GATE_F = 1;
    static final int GATE_C = 2;
    static final int GATE_O = 3;

    /** The sizes and options shared by both paths. */
    record Dims(int maxTime, int nBatch, int nInput, int nCell, int nOutput, boolean timeMajor,
                boolean cifg, boolean peephole, boolean layerNorm, boolean projection, int activation,
                float cellClip, float projClip) {

        /**
         * Walks the sequence as TFLite's lstm_eval does: time-major inputs step all batches at
         * once per time step; batch-major ones step each batch row through time with its own
         * slice of the state tensors. Shared by the float, hybrid and integer paths.
         */
        void forEachStep(Step s) {
            if (timeMajor) {
                for (int t = 0; t < maxTime; t++) {
                    s.run(t * nBatch * nInput, t * nBatch * nOutput, 0, 0, nBatch);
                }
            } else {
                for (int b = 0; b < nBatch; b++) {
                    for (int t = 0; t < maxTime; t++) {
                        int row = b * maxTime + t;
                        s.run(row * nInput, row * nOutput, b * nOutput, b * nCell, 1);
                    }
                }
            }
        }
    }

    /** One time step over {@code nb} batch rows, at offsets into input, output, output state and cell state. */
    @FunctionalInterface
    interface Step {
        void run(int inOff, int outOff, int outStateOff, int cellStateOff, int nb);
    }

    @Override
    public PreparedOp prepare(OpContext ctx) throws KernelException {
        int n = ctx.inputCount();
        if (n != 24 && n != 20) {
            throw new KernelException("UNIDIRECTIONAL_SEQUENCE_LSTM expects 20 or 24 inputs, got " + n);
        }
        OpOptions o = ctx.options();
        boolean timeMajor = o != null && o.getBool("timeMajor", false);
        int activation = Activations.fromOption(o == null ? 0 : o.getInt("fusedActivationFunction", 0));
        float cellClip = o == null ? 0f : o.getFloat("cellClip", 0f);
        float projClip = o == null ? 0f : o.getFloat("projClip", 0f);
        if (cellClip < 0 || projClip < 0) {
            throw new KernelException("negative clip values");
        }
        RuntimeTensor input = ctx.requireInput(INPUT);
        if (input.rank() != 3) {
            throw new KernelException("input must have rank 3, got " + input);
        }
        int maxTime = timeMajor ? input.dim(0) : input.dim(1);
        int nBatch = timeMajor ? input.dim(1) : input.dim(0);
        int nInput = input.dim(2);
        RuntimeTensor i2o = ctx.requireInput(IN_W + GATE_O);
        RuntimeTensor r2o = ctx.requireInput(REC_W + GATE_O);
        if (i2o.rank() != 2 || i2o.dim(1) != nInput || r2o.rank() != 2 || r2o.dim(0) != i2o.dim(0)) {
            throw new KernelException("weight shapes " + i2o + ", " + r2o + " do not fit input " + input);
        }
        int nCell = i2o.dim(0);
        int nOutput = r2o.dim(1);
        boolean cifg = ctx.input(IN_W + GATE_I) == null;
        if (cifg != (ctx.input(REC_W + GATE_I) == null) || cifg != (ctx.input(BIAS + GATE_I) == null)) {
            throw new KernelException("input gate tensors must be all present or all absent (CIFG)");
        }
        boolean peephole = ctx.input(PEEP_W + 2) != null;
        boolean projection = ctx.input(PROJ_W) != null;
        if (!projection && ctx.input(PROJ_B) != null) {
            throw new KernelException("projection bias without projection weights");
        }
        boolean layerNorm = n == 24 && ctx.input(LAYER_NORM + GATE_F) != null;
        for (int g = 0; g < 4; g++) {
            if (g == GATE_I && cifg) {
                continue;
            }
            checkMatrix(ctx.requireInput(IN_W + g), nCell, nInput);
            checkMatrix(ctx.requireInput(REC_W + g), nCell, nOutput);
            checkVector(ctx.requireInput(BIAS + g), nCell);
            if (peephole && g != GATE_C) {
                checkVector(ctx.requireInput(PEEP_W + (g == GATE_O ? 2 : g)), nCell);
            }
            if (layerNorm) {
                checkVector(ctx.requireInput(LAYER_NORM + g), nCell);
            }
        }
        if (projection) {
            checkMatrix(ctx.input(PROJ_W), nOutput, nCell);
        } else if (nOutput != nCell) {
            throw new KernelException("without projection the output size must equal the cell count");
        }
        RuntimeTensor outState = ctx.requireInput(OUT_STATE);
        RuntimeTensor cellState = ctx.requireInput(CELL_STATE);
        if (outState.flatSize() != nBatch * nOutput || cellState.flatSize() != nBatch * nCell) {
            throw new KernelException("state sizes " + outState + ", " + cellState + " do not fit batch " + nBatch);
        }
        int[] outShape = input.shape();
        outShape[2] = nOutput;
        ctx.output(0).resize(outShape);
        Dims d = new Dims(maxTime, nBatch, nInput, nCell, nOutput, timeMajor, cifg, peephole, layerNorm,
                projection, activation, cellClip, projClip);

        TensorType wt = i2o.type();
        if (input.type() == TensorType.FLOAT32 && wt == TensorType.FLOAT32) {
            return LstmFloat.prepare(ctx, d);
        }
        if (input.type() == TensorType.FLOAT32 && wt == TensorType.INT8) {
            return LstmHybrid.prepare(ctx, d, o != null && o.getBool("asymmetricQuantizeInputs", false));
        }
        if (input.type() == TensorType.INT8 && wt == TensorType.INT8 && cellState.type() == TensorType.INT16) {
            return LstmInteger.prepare(ctx, d);
        }
        throw new KernelException("UNIDIRECTIONAL_SEQUENCE_LSTM with input " + input.type() + ", weights " + wt
                + " and cell state " + cellState.type() + " is not supported");
    }

    private static void checkMatrix(RuntimeTensor t, int rows, int cols) throws KernelException {
        if (t.rank() != 2 || t.dim(0) != rows || t.dim(1) != cols) {
            throw new KernelException("tensor " + t + " should be [" + rows + ", " + cols + "]");
        }
    }

    private static void checkVector(RuntimeTensor t, int size) throws KernelException {
        if (t.rank() != 1 || t.dim(0) != size) {
            throw new KernelException("tensor " + t + " should be [" + size + "]");
        }
    }
}
