package dev.slimfit.optimize.quantize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimfit.model.Model;
import dev.slimfit.model.Operator;
import dev.slimfit.model.QuantizationParams;
import dev.slimfit.model.Subgraph;
import dev.slimfit.model.TensorType;
import dev.slimfit.oracle.SharedModels;
import dev.slimfit.optimize.ActivationRanges;
import dev.slimfit.optimize.LayerChoice;
import dev.slimfit.optimize.LstmIntermediates;
import dev.slimfit.optimize.Plan;
import dev.slimfit.optimize.Scheme;
import dev.slimfit.tflite.TfliteReader;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The rules of the full-integer LSTM on mnist_lstm_float (input 0, output-state variable 2, cell
 * state variable 17, LSTM output 18) with chosen ranges: which scales TFLite's quantizer derives,
 * and where Slimfit keeps the hybrid kernel instead (with a note) or refuses (plan names the layer).
 */
class IntegerLstmTest {
    private static final String LSTM = "tfl.unidirectional_sequence_lstm";
    private static final int OUT_STATE = 2;
    private static final int CELL = 17;
    private static final int OUTPUT = 18;

    private static Model mnistLstm() throws Exception {
        return TfliteReader.read(SharedModels.model("micro/mnist_lstm_float.tflite"));
    }

    /** [-1, 1] for every activation and state, the hidden intermediate included; {@code edits} override. */
    private static ActivationRanges ranges(Model m, Map<Integer, float[]> edits) {
        Map<Integer, float[]> r = new HashMap<>();
        Subgraph sg = m.mainSubgraph();
        for (int i = 0; i < sg.tensors().size(); i++) {
            if (m.dataOf(sg.tensor(i)).isEmpty()) {
                r.put(i, new float[] {-1f, 1f});
            }
        }
        for (int k : LstmIntermediates.indices(m, 0)) {
            r.put(k, new float[] {-1f, 1f});
        }
        r.putAll(edits);
        return ActivationRanges.of(r, "test", 1);
    }

    private static Operator lstm(Model q) {
        return q.mainSubgraph().operators().stream()
                .filter(o -> o.code().displayName().equals("UNIDIRECTIONAL_SEQUENCE_LSTM")).findFirst().orElseThrow();
    }

    @Test
    void cellStateRangeIsTheNextPowerOfTwoCappedAtTwoToTheTenth() {
        assertEquals(0, IntegerLstm.cellPowerOfTwo(new float[] {-0.5f, 0.2f}));
        assertEquals(0, IntegerLstm.cellPowerOfTwo(new float[] {0f, 1f}));
        assertEquals(2, IntegerLstm.cellPowerOfTwo(new float[] {-3.9f, 2f}));
        assertEquals(3, IntegerLstm.cellPowerOfTwo(new float[] {0f, 8f}));
        assertEquals(4, IntegerLstm.cellPowerOfTwo(new float[] {-8.01f, 0f}));
        assertEquals(10, IntegerLstm.cellPowerOfTwo(new float[] {0f, 5000f}));
    }

    @Test
    void cellStateIsInt16WithScaleTwoToThePotMinusFifteen() throws Exception {
        Model m = mnistLstm();
        Model q = Quantizer.apply(m, Plan.uniform(Scheme.INT8),
                ranges(m, Map.of(CELL, new float[] {-3.9f, 2f}))).model();
        var cell = q.mainSubgraph().tensor(lstm(q).input(19));
        assertEquals(TensorType.INT16, cell.type());
        assertEquals(QuantizationParams.perTensor((float) Math.pow(2, 2 - 15), 0), cell.quantization());
    }

    @Test
    void outputAndOutputStateShareTheUnionOfTheirRanges() throws Exception {
        Model m = mnistLstm();
        Model q = Quantizer.apply(m, Plan.uniform(Scheme.INT8), ranges(m, Map.of(OUTPUT, new float[] {-0.5f, 0.9f},
                OUT_STATE, new float[] {-0.8f, 0.3f}))).model();
        float[] sz = Ranges.asymmetric8(-0.8f, 0.9f);
        QuantizationParams want = QuantizationParams.perTensor(sz[0], (long) sz[1]);
        Subgraph sg = q.mainSubgraph();
        Operator op = lstm(q);
        assertEquals(want, sg.tensor(op.output(0)).quantization());
        assertEquals(want, sg.tensor(op.input(18)).quantization());
        assertEquals(want, sg.tensor(op.intermediates()[4]).quantization(), "hidden = output state without projection");
        // The RESHAPE after it keeps the same parameters, so no requantization follows.
        assertEquals(want, sg.tensor(sg.operators().get(2).output(0)).quantization());
    }

    @Test
    void gateBiasScaleIsInputScaleTimesThatGatesInputWeightScale() throws Exception {
        Model m = mnistLstm();
        Model q = Quantizer.apply(m, Plan.uniform(Scheme.INT8), ranges(m, Map.of(0, new float[] {0f, 1f}))).model();
        Subgraph sg = q.mainSubgraph();
        Operator op = lstm(q);
        float in = sg.tensor(op.input(0)).quantization().scale(0);
        for (int g = 0; g < 4; g++) {
            assertEquals(TensorType.INT8, sg.tensor(op.input(1 + g)).type());
            assertEquals(TensorType.INT8, sg.tensor(op.input(5 + g)).type());
            assertEquals(TensorType.INT32, sg.tensor(op.input(12 + g)).type());
            assertEquals(in * sg.tensor(op.input(1 + g)).quantization().scale(0),
                    sg.tensor(op.input(12 + g)).quantization().scale(0), "gate " + g);
        }
    }

    @Test
    void cellStateBeyondTheKernelsRangeKeepsTheHybridKernelWithANote() throws Exception {
        Model m = mnistLstm();
        // Every weight quantized (its LSTM weights are under the converter's 1024-element hybrid minimum).
        QuantizationResult r = new Quantizer(0).quantize(m, Plan.uniform(Scheme.INT8),
                ranges(m, Map.of(CELL, new float[] {-100f, 90f})), null);
        assertTrue(r.notes().stream().anyMatch(n -> n.contains(LSTM) && n.contains("dynamic-range")
                && n.contains("cell state")), r.notes()::toString);
        Operator op = lstm(r.model());
        Subgraph sg = r.model().mainSubgraph();
        assertEquals(TensorType.FLOAT32, sg.tensor(op.input(0)).type());
        assertEquals(TensorType.INT8, sg.tensor(op.input(1)).type(), "hybrid: int8 weights, float activations");
        assertEquals(3, op.code().version(), "hybrid UNIDIRECTIONAL_SEQUENCE_LSTM with asymmetric inputs");
        assertTrue(sg.operators().stream().anyMatch(o -> o.code().displayName().equals("FULLY_CONNECTED")
                && sg.tensor(o.input(0)).type() == TensorType.INT8), "the rest of the model stays int8");
    }

    @Test
    void missingCellStateRangeKeepsTheHybridKernelWithANote() throws Exception {
        Model m = mnistLstm();
        Map<Integer, float[]> r = ranges(m, Map.of()).asMap();
        r.remove(CELL);
        QuantizationResult q = Quantizer.apply(m, Plan.uniform(Scheme.INT8), ActivationRanges.of(r));
        assertTrue(q.notes().stream().anyMatch(n -> n.contains("no range for its cell state")), q.notes()::toString);
    }

    @Test
    void aPlanNamingTheLstmAsInt8IsRefusedWhenTheKernelCannotTakeIt() throws Exception {
        Model m = mnistLstm();
        Plan plan = Plan.uniform(Scheme.FLOAT32).with(LSTM, LayerChoice.of(Scheme.INT8));
        QuantizationException e = assertThrows(QuantizationException.class, () -> Quantizer.apply(m, plan,
                ranges(m, Map.of(CELL, new float[] {-100f, 90f}))));
        assertTrue(e.getMessage().contains(LSTM) && e.getMessage().contains("cell state"), e.getMessage());
    }

    @Test
    void placeholdersFollowTheLastTensorAndLeaveOriginalIndicesAlone() throws Exception {
        Model m = mnistLstm();
        int n = m.mainSubgraph().tensors().size();
        assertArrayEquals(new int[] {n, n + 1, n + 2, n + 3, n + 4}, LstmIntermediates.indices(m, 0));
        Model p = LstmIntermediates.withPlaceholders(m);
        assertEquals(n + 5, p.mainSubgraph().tensors().size());
        assertArrayEquals(LstmIntermediates.indices(m, 0), p.mainSubgraph().operators().get(0).intermediates());
        for (int i = 0; i < n; i++) {
            assertSame(m.mainSubgraph().tensor(i), p.mainSubgraph().tensor(i));
        }
        Model google = TfliteReader.read(SharedModels.model("micro/mnist_lstm_int8.tflite"));
        assertSame(google, LstmIntermediates.withPlaceholders(google), "an LSTM with its intermediates is kept");
        assertArrayEquals(google.mainSubgraph().operators().get(0).intermediates(),
                LstmIntermediates.indices(google, 0));
    }
}
