package dev.slimfit.optimize.quantize;

import dev.slimfit.model.Model;
import dev.slimfit.model.Operator;
import dev.slimfit.model.Subgraph;
import dev.slimfit.model.TensorType;
import dev.slimfit.oracle.IsolatedOracle;
import dev.slimfit.oracle.OracleOptions;
import dev.slimfit.oracle.OracleResult;
import dev.slimfit.optimize.ActivationRanges;
import dev.slimfit.testing.Conformance;
import dev.slimfit.tflite.TfliteWriter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Test-only calibration through TFLite 2.6.2: makes every float activation of subgraph 0 a model
 * output, runs seeded inputs (or given ones) and takes min/max per tensor. Stands in for
 * {@code eval.Calibrator} until our kernels and the calibrator are in main.
 */
final class OracleRanges {
    private OracleRanges() {
    }

    static ActivationRanges of(Model floatModel, int seeds) {
        List<List<byte[]>> inputs = new ArrayList<>();
        for (int s = 0; s < seeds; s++) {
            inputs.add(Conformance.inputs(floatModel, 1000 + s));
        }
        return of(floatModel, inputs);
    }

    static ActivationRanges of(Model floatModel, List<List<byte[]>> inputs) {
        Subgraph sg = floatModel.mainSubgraph();
        Set<Integer> watch = new LinkedHashSet<>();
        for (int t : sg.inputs()) {
            watch.add(t);
        }
        for (Operator op : sg.operators()) {
            for (int o : op.outputs()) {
                if (o >= 0 && sg.tensor(o).type() == TensorType.FLOAT32) {
                    watch.add(o);
                }
            }
        }
        int[] outs = watch.stream().mapToInt(Integer::intValue).toArray();
        Model probe = floatModel.withSubgraphs(replaceFirst(floatModel, sg.withOutputs(outs)));
        ByteBuffer b = TfliteWriter.toBytes(probe);
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        Map<Integer, float[]> r = new HashMap<>();
        for (List<byte[]> in : inputs) {
            OracleResult res = IsolatedOracle.shared().run(bytes, in, OracleOptions.DEFAULT).requireOk();
            for (int k = 0; k < outs.length; k++) {
                float[] v = outs[k] < 0 ? null : sg.tensor(outs[k]).type() == TensorType.FLOAT32
                        && res.outputs().get(k).dtype().equals("FLOAT32") ? res.outputs().get(k).floats() : null;
                if (v == null) {
                    continue;
                }
                float[] mm = r.computeIfAbsent(outs[k], x -> new float[] {Float.MAX_VALUE, -Float.MAX_VALUE});
                for (float x : v) {
                    mm[0] = Math.min(mm[0], x);
                    mm[1] = Math.max(mm[1], x);
                }
            }
        }
        // inputs are not op outputs: take them from the fed bytes
        for (int k = 0; k < sg.inputs().length; k++) {
            int t = sg.inputs()[k];
            if (sg.tensor(t).type() != TensorType.FLOAT32) {
                continue;
            }
            float[] mm = r.computeIfAbsent(t, x -> new float[] {Float.MAX_VALUE, -Float.MAX_VALUE});
            for (List<byte[]> in : inputs) {
                java.nio.FloatBuffer fb = ByteBuffer.wrap(in.get(k)).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                        .asFloatBuffer();
                while (fb.hasRemaining()) {
                    float x = fb.get();
                    mm[0] = Math.min(mm[0], x);
                    mm[1] = Math.max(mm[1], x);
                }
            }
        }
        return ActivationRanges.of(r, "MIN_MAX (TFLite 2.6.2 oracle)", inputs.size());
    }

    private static List<Subgraph> replaceFirst(Model m, Subgraph s) {
        List<Subgraph> l = new ArrayList<>(m.subgraphs());
        l.set(0, s);
        return l;
    }
}
