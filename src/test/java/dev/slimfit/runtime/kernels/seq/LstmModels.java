package dev.slimfit.runtime.kernels.seq;

import dev.slimfit.model.BuiltinOp;
import dev.slimfit.model.Model;
import dev.slimfit.model.Operator;
import dev.slimfit.model.OperatorCode;
import dev.slimfit.model.QuantizationParams;
import dev.slimfit.model.Subgraph;
import dev.slimfit.model.Tensor;
import dev.slimfit.model.TensorType;
import dev.slimfit.testing.SingleOpModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Synthetic UNIDIRECTIONAL_SEQUENCE_LSTM models with seeded random weights, float or int8x16. */
final class LstmModels {
    boolean timeMajor;
    boolean cifg;
    boolean peephole;
    boolean layerNorm;
    boolean projection;
    boolean projectionBias;
    int batch = 1;
    int time = 3;
    int nInput = 5;
    int nCell = 4;
    int nOutput = 4;
    int activation = 4;
    float cellClip;
    float projClip;
    long seed = 1;
    // int8 parameters
    float inputScale = 1 / 128f;
    int inputZp;
    float stateScale = 1 / 128f;
    int stateZp;
    float cellScale = (float) Math.pow(2, -11);
    float hiddenScale = 1 / 128f;
    int hiddenZp;
    float gateScale = 0.004f;

    private Random rnd;

    Model buildFloat() {
        rnd = new Random(seed);
        SingleOpModel b = new SingleOpModel(BuiltinOp.UNIDIRECTIONAL_SEQUENCE_LSTM, 1);
        int[] inShape = timeMajor ? new int[] {time, batch, nInput} : new int[] {batch, time, nInput};
        b.input("input", TensorType.FLOAT32, inShape);
        for (int g = 0; g < 4; g++) {
            fconst(b, "in_w" + g, g == 0 && cifg, new int[] {nCell, nInput});
        }
        for (int g = 0; g < 4; g++) {
            fconst(b, "rec_w" + g, g == 0 && cifg, new int[] {nCell, nOutput});
        }
        for (int g = 0; g < 3; g++) {
            fconst(b, "peep" + g, !peephole || (g == 0 && cifg), new int[] {nCell});
        }
        for (int g = 0; g < 4; g++) {
            fconst(b, "bias" + g, g == 0 && cifg, new int[] {nCell});
        }
        fconst(b, "proj_w", !projection, new int[] {nOutput, nCell});
        fconst(b, "proj_b", !projection || !projectionBias, new int[] {nOutput});
        b.variable("out_state", TensorType.FLOAT32, new int[] {batch, nOutput}, null);
        b.variable("cell_state", TensorType.FLOAT32, new int[] {batch, nCell}, null);
        for (int g = 0; g < 4; g++) {
            fconst(b, "ln" + g, !layerNorm || (g == 0 && cifg), new int[] {nCell});
        }
        b.output("output", TensorType.FLOAT32, outShape());
        b.options("UnidirectionalSequenceLSTMOptions", options());
        return b.build();
    }

    boolean asymmetricInputs;

    /**
     * The float model with every weight matrix (and peephole vector) quantized to int8 with its own
     * per-tensor scale: the hybrid LSTM.
     */
    Model buildHybrid() {
        Model m = buildFloat();
        Subgraph sg = m.mainSubgraph();
        Operator op = sg.operators().get(0);
        List<Tensor> tensors = new ArrayList<>(sg.tensors());
        List<dev.slimfit.model.Buffer> buffers = new ArrayList<>(m.buffers());
        int[] quantized = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 16};
        for (int slot : quantized) {
            int t = op.inputs()[slot];
            if (t < 0) {
                continue;
            }
            Tensor tensor = tensors.get(t);
            java.nio.FloatBuffer f = m.dataOf(tensor).data().order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
            float[] v = new float[f.remaining()];
            f.get(v);
            float max = 0;
            for (float x : v) {
                max = Math.max(max, Math.abs(x));
            }
            float scale = max / 127;
            byte[] q = new byte[v.length];
            for (int i = 0; i < v.length; i++) {
                q[i] = (byte) Math.round(v[i] / scale);
            }
            buffers.add(dev.slimfit.model.Buffer.of(q));
            tensors.set(t, tensor.withType(TensorType.INT8).withBuffer(buffers.size() - 1)
                    .withQuantization(QuantizationParams.perTensor(scale, 0)));
        }
        var opts = op.options().with("asymmetricQuantizeInputs", asymmetricInputs);
        Operator hybrid = new Operator(OperatorCode.builtin(BuiltinOp.UNIDIRECTIONAL_SEQUENCE_LSTM,
                asymmetricInputs ? 3 : 2), op.inputs(), op.outputs(), null, opts, null, 0, null, null);
        return m.withSubgraphs(List.of(sg.withTensors(tensors).withOperators(List.of(hybrid)))).withBuffers(buffers);
    }

    private int[] outShape() {
        return timeMajor ? new int[] {time, batch, nOutput} : new int[] {batch, time, nOutput};
    }

    private Map<String, Object> options() {
        return Map.of("fusedActivationFunction", (byte) activation, "cellClip", cellClip, "projClip", projClip,
                "timeMajor", timeMajor, "asymmetricQuantizeInputs", false);
    }

    private void fconst(SingleOpModel b, String name, boolean omit, int[] shape) {
        if (omit) {
            b.omitted();
            return;
        }
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextFloat() - 0.5f;
        }
        b.constant(name, TensorType.FLOAT32, shape, null, v);
    }

    /** The int8 input / int16 cell state LSTM with its five intermediates, as the TFLite converter emits it. */
    Model buildInt8() {
        rnd = new Random(seed);
        SingleOpModel b = new SingleOpModel(BuiltinOp.UNIDIRECTIONAL_SEQUENCE_LSTM, 1);
        int[] inShape = timeMajor ? new int[] {time, batch, nInput} : new int[] {batch, time, nInput};
        b.input("input", TensorType.INT8, inShape, QuantizationParams.perTensor(inputScale, inputZp));
        float[] wScales = new float[8];
        for (int g = 0; g < 8; g++) {
            wScales[g] = 0.004f + 0.004f * rnd.nextFloat();
            boolean omit = (g == 0 || g == 4) && cifg;
            int[] shape = g < 4 ? new int[] {nCell, nInput} : new int[] {nCell, nOutput};
            qconst(b, "w" + g, omit, shape, wScales[g]);
        }
        for (int g = 0; g < 3; g++) {
            if (!peephole || (g == 0 && cifg)) {
                b.omitted();
                continue;
            }
            short[] w = new short[nCell];
            for (int i = 0; i < nCell; i++) {
                w[i] = (short) (rnd.nextInt(65535) - 32767);
            }
            b.constant("peep" + g, TensorType.INT16, new int[] {nCell}, QuantizationParams.perTensor(0.00003f, 0), w);
        }
        float lnScale = 0.00006f;
        for (int g = 0; g < 4; g++) {
            if (g == 0 && cifg) {
                b.omitted();
                continue;
            }
            int[] bias = new int[nCell];
            float bs = layerNorm ? lnScale / 1024 : inputScale * wScales[g];
            for (int i = 0; i < nCell; i++) {
                bias[i] = Math.round((rnd.nextFloat() - 0.5f) / bs);
            }
            b.constant("bias" + g, TensorType.INT32, new int[] {nCell}, QuantizationParams.perTensor(bs, 0), bias);
        }
        if (projection) {
            float ps = 0.01f;
            byte[] w = new byte[nOutput * nCell];
            for (int i = 0; i < w.length; i++) {
                w[i] = (byte) (rnd.nextInt(255) - 127);
            }
            b.constant("proj_w", TensorType.INT8, new int[] {nOutput, nCell}, QuantizationParams.perTensor(ps, 0), w);
            if (projectionBias) {
                int[] pb = new int[nOutput];
                for (int i = 0; i < nOutput; i++) {
                    pb[i] = rnd.nextInt(2001) - 1000;
                }
                b.constant("proj_b", TensorType.INT32, new int[] {nOutput},
                        QuantizationParams.perTensor(ps * hiddenScale, 0), pb);
            } else {
                b.omitted();
            }
        } else {
            b.omitted();
            b.omitted();
        }
        b.variable("out_state", TensorType.INT8, new int[] {batch, nOutput},
                QuantizationParams.perTensor(stateScale, stateZp));
        b.variable("cell_state", TensorType.INT16, new int[] {batch, nCell},
                QuantizationParams.perTensor(cellScale, 0));
        for (int g = 0; g < 4; g++) {
            if (!layerNorm || (g == 0 && cifg)) {
                b.omitted();
                continue;
            }
            short[] w = new short[nCell];
            for (int i = 0; i < nCell; i++) {
                w[i] = (short) (rnd.nextInt(65535) - 32767);
            }
            b.constant("ln" + g, TensorType.INT16, new int[] {nCell}, QuantizationParams.perTensor(lnScale, 0), w);
        }
        b.output("output", TensorType.INT8, outShape(), QuantizationParams.perTensor(stateScale, stateZp));
        b.options("UnidirectionalSequenceLSTMOptions", options());
        return withIntermediates(b.build());
    }

    private Model withIntermediates(Model m) {
        Subgraph sg = m.mainSubgraph();
        List<Tensor> tensors = new ArrayList<>(sg.tensors());
        int[] inter = new int[5];
        for (int i = 0; i < 4; i++) {
            inter[i] = tensors.size();
            tensors.add(layerNorm
                    ? new Tensor("inter" + i, TensorType.INT16, new int[0], null, 0,
                            QuantizationParams.perTensor(gateScale * (1 + i * 0.25f), 0), false, null, true, null)
                    : new Tensor("inter" + i, TensorType.FLOAT32, new int[0], null, 0, null, false, null, true, null));
        }
        inter[4] = tensors.size();
        float hs = projection ? hiddenScale : stateScale;
        int hz = projection ? hiddenZp : stateZp;
        tensors.add(new Tensor("hidden", TensorType.INT8, new int[0], null, 0,
                QuantizationParams.perTensor(hs, hz), false, null, true, null));
        Operator op = sg.operators().get(0);
        Operator withInter = new Operator(op.code(), op.inputs(), op.outputs(), inter, op.options(), null, 0, null, null);
        Subgraph out = sg.withTensors(tensors).withOperators(List.of(withInter));
        return m.withSubgraphs(List.of(out));
    }

    private void qconst(SingleOpModel b, String name, boolean omit, int[] shape, float scale) {
        if (omit) {
            b.omitted();
            return;
        }
        byte[] v = new byte[shape[0] * shape[1]];
        for (int i = 0; i < v.length; i++) {
            v[i] = (byte) (rnd.nextInt(255) - 127);
        }
        b.constant(name, TensorType.INT8, shape, QuantizationParams.perTensor(scale, 0), v);
    }
}
