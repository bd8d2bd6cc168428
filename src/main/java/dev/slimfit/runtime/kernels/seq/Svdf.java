package dev.slimfit.runtime.kernels.seq;

import dev.slimfit.model.OpOptions;
import dev.slimfit.model.TensorType;
import dev.slimfit.quant.QuantizedMath;
import dev.slimfit.quant.QuantizedMultiplier;
import dev.slimfit.runtime.Kernel;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.PreparedOp;
import dev.slimfit.runtime.RuntimeTensor;

/**
 * SVDF as TFLite 2.6.2 (svdf.cc, reference_ops svdf.h): the variable activation state
 * [batch, filters·memory] is shifted left by one element as a whole, the feature matmul writes
 * each filter's newest column, the time weights reduce each filter's memory row, ranks are summed
 * per unit, and bias/activation are applied.
 *
 * <p>Float: {@code EvalFloatSVDF}. Hybrid: {@code EvalHybridSVDF} — float input and state, int8
 * feature and time weights. Integer: {@code EvalIntegerSVDF} — int8 input, int8 feature
 * weights, int16 time weights and state, int32 bias, int8 output; the input zero point is
 * subtracted per element, the state is symmetric, and no activation is applied (2.6.2 relies on
 * the output clamp). Other type combinations (e.g. int8 state) are rejected.
 */
public final class Svdf implements Kernel {
    @Override
    public PreparedOp prepare(OpContext ctx) throws KernelException {
        OpOptions o = ctx.options();
        int rank = o == null ? 1 : o.getInt("rank", 1);
        int act = Activations.fromOption(o == null ? 0 : o.getInt("fusedActivationFunction", 0));
        RuntimeTensor in = ctx.requireInput(0);
        RuntimeTensor wf = ctx.requireInput(1);
        RuntimeTensor wt = ctx.requireInput(2);
        RuntimeTensor bias = ctx.input(3);
        RuntimeTensor state = ctx.requireInput(4);
        if (in.rank() != 2 || wf.rank() != 2 || wt.rank() != 2 || wf.dim(1) != in.dim(1) || wt.dim(0) != wf.dim(0)) {
            throw new KernelException("SVDF shapes do not fit: " + in + ", " + wf + ", " + wt);
        }
        int batch = in.dim(0);
        int nInput = in.dim(1);
        int filters = wf.dim(0);
        int memory = wt.dim(1);
        if (rank <= 0 || filters % rank != 0) {
            throw new KernelException("SVDF filters " + filters + " not divisible by rank " + rank);
        }
        int units = filters / rank;
        if (bias != null && bias.flatSize() != units) {
            throw new KernelException("SVDF bias " + bias + " should have " + units + " elements");
        }
        if (state.flatSize() != batch * filters * memory) {
            throw new KernelException("SVDF state " + state + " should have " + batch * filters * memory + " elements");
        }
        ctx.output(0).resize(new int[] {batch, units});
        Shape s = new Shape(batch, nInput, filters, memory, rank, units);
        if (in.type() == TensorType.FLOAT32 && wf.type() == TensorType.FLOAT32 && wt.type() == TensorType.FLOAT32
                && state.type() == TensorType.FLOAT32) {
            return floatEval(s, in, wf.floats(), wt.floats(), bias == null ? null : bias.floats(), state,
                    ctx.output(0), act);
        }
        if (in.type() == TensorType.FLOAT32 && wf.type() == TensorType.INT8 && wt.type() == TensorType.INT8
                && state.type() == TensorType.FLOAT32 && (bias == null || bias.type() == TensorType.FLOAT32)) {
            // Time weights are dequantized once, as svdf.cc's float_weights_time.
            float[] wtf = new float[wt.flatSize()];
            byte[] wtq = wt.bytes();
            for (int i = 0; i < wtf.length; i++) {
                wtf[i] = wtq[i] * wt.scale();
            }
            boolean asym = o != null && o.getBool("asymmetricQuantizeInputs", false);
            return hybridEval(s, in, wf, wtf, bias == null ? null : bias.floats(), state, ctx.output(0), act, asym);
        }
        if (in.type() == TensorType.INT8 && wf.type() == TensorType.INT8 && wt.type() == TensorType.INT16
                && state.type() == TensorType.INT16 && ctx.output(0).type() == TensorType.INT8
                && (bias == null || bias.type() == TensorType.INT32)) {
            return integerEval(s, in, wf, wt, bias, state, ctx.output(0));
        }
        throw new KernelException("SVDF with input " + in.type() + ", feature weights " + wf.type()
                + ", time weights " + wt.type() + " and state " + state.type() + " is not supported");
    }

    private record Shape(int batch, int nInput, int filters, int memory, int rank, int units) {
    }

    private static PreparedOp floatEval(Shape s, RuntimeTensor input, float[] wf, float[] wt, float[] bias,
                                        RuntimeTensor state, RuntimeTensor output, int act) {
        float[] scratch = new float[s.batch * s.filters];
        return () -> {
            float[] in = input.floats();
            float[] st = state.floats();
            int total = s.batch * s.filters * s.memory;
            System.arraycopy(st, 1, st, 0, total - 1);
            for (int b = 0; b < s.batch; b++) {
                for (int f = 0; f < s.filters; f++) {
                    float dot = 0f;
                    int wr = f * s.nInput;
                    int x = b * s.nInput;
                    for (int c = 0; c < s.nInput; c++) {
                        dot += wf[wr + c] * in[x + c];
                    }
                    st[(b * s.filters + f) * s.memory + s.memory - 1] = dot;
                }
            }
            timeWeightsBiasActivation(s, wt, bias, st, scratch, output.floats(), act);
        };
    }

    /**
     * EvalHybridSVDF: the input rows are quantized to int8 ({@link HybridQuantizer}), the feature
     * matmul is exact in int32 and scaled by rowScale·featureScale; the rest is the float path.
     */
    private static PreparedOp hybridEval(Shape s, RuntimeTensor input, RuntimeTensor wfT, float[] wt, float[] bias,
                                         RuntimeTensor state, RuntimeTensor output, int act, boolean asymmetric) {
        float[] scratch = new float[s.batch * s.filters];
        float[] latest = new float[s.batch * s.filters];
        byte[] wf = wfT.bytes();
        float wfScale = wfT.scale();
        int[] rowSums = HybridQuantizer.rowSums(wf, s.filters, s.nInput);
        HybridQuantizer q = new HybridQuantizer(s.batch, s.nInput);
        return () -> {
            float[] in = input.floats();
            float[] st = state.floats();
            int total = s.batch * s.filters * s.memory;
            System.arraycopy(st, 1, st, 0, total - 1);
            java.util.Arrays.fill(latest, 0f);
            if (!HybridQuantizer.isZero(in, 0, s.batch * s.nInput)) {
                q.quantize(in, 0, s.batch, asymmetric);
                q.accumulate(wf, wfScale, rowSums, s.filters, s.batch, latest, 0);
            }
            for (int i = 0; i < s.batch * s.filters; i++) {
                st[i * s.memory + s.memory - 1] = latest[i];
            }
            timeWeightsBiasActivation(s, wt, bias, st, scratch, output.floats(), act);
        };
    }

    /** ApplyTimeWeightsBiasAndActivation (float): memory dot products, rank reduction, bias, activation. */
    private static void timeWeightsBiasActivation(Shape s, float[] wt, float[] bias, float[] st, float[] scratch,
                                                  float[] out, int act) {
        for (int b = 0; b < s.batch; b++) {
            for (int f = 0; f < s.filters; f++) {
                float acc = 0f;
                int sr = (b * s.filters + f) * s.memory;
                int tr = f * s.memory;
                for (int j = 0; j < s.memory; j++) {
                    acc += wt[tr + j] * st[sr + j];
                }
                scratch[b * s.filters + f] = acc;
            }
        }
        for (int b = 0; b < s.batch; b++) {
            for (int u = 0; u < s.units; u++) {
                float sum = 0f;
                int base = b * s.filters + u * s.rank;
                for (int r = 0; r < s.rank; r++) {
                    sum += scratch[base + r];
                }
                float v = (bias == null ? 0f : bias[u]) + sum;
                out[b * s.units + u] = Activations.apply(act, v);
            }
        }
    }

    private static PreparedOp integerEval(Shape s, RuntimeTensor input, RuntimeTensor wfT, RuntimeTensor wtT,
                                          RuntimeTensor biasT, RuntimeTensor state, RuntimeTensor output)
            throws KernelException {
        if (state.zeroPoint() != 0) {
            throw new KernelException("integer SVDF needs a symmetric (zero point 0) state");
        }
        // Float products first, as svdf.cc: static_cast<double>(a->scale * b->scale / c->scale).
        QuantizedMultiplier m1 = QuantizedMultiplier.of(input.scale() * wfT.scale() / state.scale());
        QuantizedMultiplier m2 = QuantizedMultiplier.of(state.scale() * wtT.scale() / output.scale());
        byte[] wf = wfT.bytes();
        short[] wt = wtT.shorts();
        int[] bias = biasT == null ? null : biasT.ints();
        int inZp = input.zeroPoint();
        int outZp = output.zeroPoint();
        int[] scratch = new int[s.batch * s.filters];
        return () -> {
            byte[] in = input.bytes();
            short[] st = state.shorts();
            byte[] out = output.bytes();
            int total = s.batch * s.filters * s.memory;
            System.arraycopy(st, 1, st, 0, total - 1);
            for (int b = 0; b < s.batch; b++) {
                for (int f = 0; f < s.filters; f++) {
                    int dot = 0;
                    int wr = f * s.nInput;
                    int x = b * s.nInput;
                    for (int c = 0; c < s.nInput; c++) {
                        dot += wf[wr + c] * (in[x + c] - inZp);
                    }
                    dot = QuantizedMath.multiplyByQuantizedMultiplier(dot, m1.multiplier(), m1.shift());
                    st[(b * s.filters + f) * s.memory + s.memory - 1] = (short) Math.max(-32768, Math.min(32767, dot));
                }
            }
            for (int b = 0; b < s.batch; b++) {
                for (int f = 0; f < s.filters; f++) {
                    int acc = 0;
                    int sr = (b * s.filters + f) * s.memory;
                    int tr = f * s.memory;
                    for (int j = 0; j < s.memory; j++) {
                        acc += wt[tr + j] * st[sr + j];
                    }
                    scratch[b * s.filters + f] = acc;
                }
            }
            for (int b = 0; b < s.batch; b++) {
                for (int u = 0; u < s.units; u++) {
                    int acc = bias == null ? 0 : bias[u];
                    int base = b * s.filters + u * s.rank;
                    for (int r = 0; r < s.rank; r++) {
                        acc += scratch[base + r];
                    }
                    int v = QuantizedMath.multiplyByQuantizedMultiplier(acc, m2.multiplier(), m2.shift()) + outZp;
                    out[b * s.units + u] = (byte) Math.max(-128, Math.min(127, v));
                }
            }
        };
    }
}
