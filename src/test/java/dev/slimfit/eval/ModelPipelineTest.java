package dev.slimfit.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimfit.model.Model;
import dev.slimfit.runtime.Interpreter;
import dev.slimfit.runtime.KernelException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Calibrator, accuracy, fidelity, layer errors and benchmark on small in-code models (our interpreter). */
class ModelPipelineTest {
    private final Model model = EvalTestModels.classifier(1, 0);
    private final Model twin = EvalTestModels.classifier(1, 0.05);
    private final Dataset data = EvalTestModels.randomData(24, 99);

    @Test
    void calibrationRecordsInputAndEveryOpOutputWithMinMaxAsObserved() throws Exception {
        AtomicInteger seen = new AtomicInteger();
        TensorStats s = new Calibrator(2).calibrate(model, data, 0, (d, n) -> seen.set(Math.max(seen.get(), d)), null);
        assertEquals(24, s.samples());
        assertEquals(24, seen.get());
        // input + conv + conv + reshape + softmax outputs
        assertEquals(5, s.histograms().size());
        float[] in = s.minMax().get(model.mainSubgraph().inputs()[0]);
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        for (int i = 0; i < data.size(); i++) {
            for (float v : floats(data.inputs(i)[0])) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        assertEquals((float) lo, in[0]);
        assertEquals((float) hi, in[1]);
        Map<Integer, float[]> pct = s.ranges(TensorStats.Method.PERCENTILE, 99.0);
        assertTrue(pct.get(model.mainSubgraph().inputs()[0])[1] <= in[1]);
        float[] mse = s.ranges(TensorStats.Method.MSE, 0).get(model.mainSubgraph().inputs()[0]);
        assertTrue(mse[0] <= 0 && mse[1] >= 0 && mse[1] <= in[1] + 1e-6);
    }

    private static float[] floats(byte[] b) {
        java.nio.FloatBuffer fb = java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        float[] f = new float[fb.remaining()];
        fb.get(f);
        return f;
    }

    @Test
    void calibrationOnOneThreadAndTwoThreadsGivesTheSameMinMax() throws Exception {
        TensorStats one = new Calibrator(1).calibrate(model, data, 0, null, null);
        TensorStats two = new Calibrator(2).calibrate(model, data, 0, null, null);
        for (var e : one.minMax().entrySet()) {
            assertEquals(e.getValue()[0], two.minMax().get(e.getKey())[0]);
            assertEquals(e.getValue()[1], two.minMax().get(e.getKey())[1]);
        }
    }

    @Test
    void cancelStopsCalibration() {
        assertThrows(CancellationException.class,
                () -> new Calibrator(1).calibrate(model, data, 0, null, () -> true));
    }

    @Test
    void accuracyMatchesArgmaxOfOutputsComputedDirectly() throws Exception {
        AccuracyEvaluator.Result r = new AccuracyEvaluator(2).evaluate(model, data, 0, null, null);
        int correct = 0;
        try (Interpreter it = Interpreter.create(model)) {
            for (int i = 0; i < data.size(); i++) {
                SampleRunner.invoke(it, data.inputs(i), null);
                if (TopK.of(it.output(0).toDoubles(), 1)[0] == data.label(i)) {
                    correct++;
                }
            }
        }
        assertEquals(correct, r.top1Correct());
        assertTrue(r.top5Correct() >= r.top1Correct());
        assertEquals(24, r.samples());
    }

    @Test
    void fidelityOfAModelWithItselfIsPerfect() throws Exception {
        Fidelity.Result f = new Fidelity(2).compare(model, model, data, 0, null, null);
        assertEquals(1.0, f.top1Agreement());
        assertEquals(Double.POSITIVE_INFINITY, f.sqnrDb());
        assertEquals(1.0, f.meanCosine(), 1e-12);
    }

    @Test
    void fidelityOfAPerturbedTwinIsFiniteAndBelowPerfect() throws Exception {
        Fidelity.Result f = new Fidelity(2).compare(model, twin, data, 0, null, null);
        assertTrue(Double.isFinite(f.sqnrDb()) && f.sqnrDb() > 0, "sqnr " + f.sqnrDb());
        assertTrue(f.meanCosine() < 1.0 && f.meanCosine() > 0.9);
    }

    @Test
    void layerErrorsAreZeroBeforeThePerturbedLayerAndPositiveAfter() throws Exception {
        List<LayerErrors.Row> rows = new LayerErrors(2).compute(model, twin, data, null, null);
        assertEquals(4, rows.size());
        assertEquals("conv/Relu", rows.get(0).tensorName());
        assertEquals(0.0, rows.get(0).rmse());
        assertTrue(rows.get(1).rmse() > 0);
        assertEquals("logits/conv", rows.get(1).tensorName());
        assertEquals(rows.get(1).rmse(), rows.get(2).rmse(), 1e-12); // reshape moves no values
        assertTrue(Double.isNaN(rows.get(2).rmseOverScale()), "float tensors have no scale");
        String csv = LayerErrorExport.csv(rows);
        assertTrue(csv.startsWith("op_index,op,tensor_index,tensor,rmse"));
        assertEquals(5, csv.lines().count());
        String me = LayerErrorExport.modelExplorer(rows, "main", LayerErrorExport.Metric.RMSE);
        assertTrue(me.contains("\"main\"") && me.contains("\"results\"") && me.contains("\"logits\""));
        assertFalse(LayerErrorExport.json(rows).contains("NaN"));
    }

    @Test
    void benchmarkReportsOrderedStatisticsAndPerOpShares() throws KernelException {
        List<byte[]> in = List.of(RandomInputs.forInput(dev.slimfit.model.TensorType.FLOAT32, new int[] {1, 4, 4, 3},
                42, 0));
        LatencyBenchmark.Result r = LatencyBenchmark.run(model, in, 2, 20, 1, true, null, null);
        assertEquals(20, r.runs());
        assertTrue(r.minMs() <= r.medianMs() && r.medianMs() <= r.p90Ms());
        assertEquals(3, r.ops().size()); // CONV_2D, RESHAPE, SOFTMAX
        double pct = r.ops().stream().mapToDouble(LatencyBenchmark.OpStat::percent).sum();
        assertEquals(100.0, pct, 1e-6);
        assertEquals(2, r.ops().stream().filter(o -> o.op().equals("CONV_2D")).findFirst().orElseThrow().count());
    }

    @Test
    void latencySummaryUsesMiddleMeanAndNearestRankP90() {
        LatencyBenchmark.Result r = LatencyBenchmark.summarize(new double[] {5, 1, 3, 2, 4, 6, 7, 8, 9, 10}, List.of());
        assertEquals(5.5, r.medianMs());
        assertEquals(1, r.minMs());
        assertEquals(5.5, r.meanMs());
        assertEquals(9, r.p90Ms());
    }
}
