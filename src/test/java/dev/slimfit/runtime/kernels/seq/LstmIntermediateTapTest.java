package dev.slimfit.runtime.kernels.seq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimfit.model.Model;
import dev.slimfit.runtime.IntermediateObserver;
import dev.slimfit.runtime.Interpreter;
import dev.slimfit.runtime.InterpreterOptions;
import dev.slimfit.runtime.OpNode;
import dev.slimfit.testing.Conformance;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The float LSTM reports, to an {@link IntermediateObserver} only, what TFLite's calibrating LSTM
 * logs (builtin_logging_ops/lstm.cc): the hidden state of every time step into intermediate 4,
 * and, with layer norm only, each gate before normalization into intermediates 0–3; and watching
 * it changes nothing in its outputs.
 */
class LstmIntermediateTapTest {
    /** Collects (slot, values) in report order. */
    private static final class Recorder implements IntermediateObserver {
        final List<Integer> slots = new ArrayList<>();
        final List<float[]> values = new ArrayList<>();

        @Override
        public void intermediate(OpNode node, int slot, float[] v, int offset, int length) {
            slots.add(slot);
            values.add(Arrays.copyOfRange(v, offset, offset + length));
        }

        @Override
        public void afterOp(OpNode node, long nanos) {
        }
    }

    private static Interpreter fed(Model m) throws Exception {
        Interpreter it = Interpreter.create(m, InterpreterOptions.defaults());
        List<byte[]> in = Conformance.inputs(m, 3);
        for (int k = 0; k < in.size(); k++) {
            it.input(k).copyFrom(ByteBuffer.wrap(in.get(k)));
        }
        return it;
    }

    @Test
    void hiddenStateOfEveryTimeStepIsReportedAndEqualsThatStepsOutput() throws Exception {
        Model m = ModelSlices.shared("micro/mnist_lstm_float.tflite");
        int op = ModelSlices.find(m, "UNIDIRECTIONAL_SEQUENCE_LSTM").get(0);
        Model lstm = ModelSlices.slice(m, op);
        Recorder r = new Recorder();
        try (Interpreter it = fed(lstm)) {
            it.invoke(r, null);
            float[] out = it.output(0).floats();
            assertEquals(28, r.slots.size(), "one hidden-state report per time step, no gate reports without layer norm");
            for (int t = 0; t < 28; t++) {
                assertEquals(4, r.slots.get(t));
                // No projection: the hidden state is the step's output row.
                assertArrayEquals(Arrays.copyOfRange(out, t * 20, t * 20 + 20), r.values.get(t), "step " + t);
            }
        }
    }

    @Test
    void layerNormLstmReportsEachGateBeforeNormalization() throws Exception {
        LstmModels b = new LstmModels();
        b.layerNorm = true;
        b.batch = 2;
        Recorder r = new Recorder();
        try (Interpreter it = fed(b.buildFloat())) {
            it.invoke(r, null);
        }
        // Batch-major: each of 2 batch rows runs 3 steps; per step 4 gates (one row each) + hidden.
        assertEquals(2 * 3 * 5, r.slots.size());
        // Per step: input, forget, cell gate, then the output gate (after the cell update), then the hidden state.
        assertEquals(List.of(0, 1, 2, 3, 4), r.slots.subList(0, 5));
        for (float[] v : r.values) {
            assertEquals(4, v.length, "one batch row of n_cell values");
        }
        boolean varied = r.values.stream().anyMatch(v -> v[0] != v[1]);
        assertTrue(varied, "gate values are real pre-normalization values, not a constant");
    }

    @Test
    void watchingDoesNotChangeOutputs() throws Exception {
        LstmModels b = new LstmModels();
        b.layerNorm = true;
        b.peephole = true;
        b.projection = true;
        Model m = b.buildFloat();
        float[] plain;
        try (Interpreter it = fed(m)) {
            it.invoke();
            plain = it.output(0).floats().clone();
        }
        try (Interpreter it = fed(m)) {
            it.invoke(new Recorder(), null);
            assertArrayEquals(plain, it.output(0).floats());
        }
    }
}
