package dev.slimfit.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimfit.model.Model;
import dev.slimfit.optimize.LstmIntermediates;
import dev.slimfit.oracle.SharedModels;
import dev.slimfit.tflite.TfliteReader;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Calibrating mnist_lstm_float on real digits records what full-integer LSTM quantization needs:
 * the hidden state per time step under the intermediate index {@link LstmIntermediates} assigns,
 * and the output and cell state tensors; every sample starts from a zero state, so the statistics
 * do not depend on the thread count.
 */
class CalibratorLstmTest {
    private static final int OUT_STATE = 2;
    private static final int CELL = 17;
    private static final int OUTPUT = 18;

    private static Dataset digits(Model m) throws Exception {
        Path dir = SharedModels.root().resolve("data/mnist");
        return new DataSource(dir.resolve("mnist_npm10k-images-idx3-ubyte.gz"), null, null, null, 0,
                DataSource.defaultPreprocessing(m).withNormalization(Preprocessing.Normalization.zeroToOne())).open(m);
    }

    @Test
    void hiddenStateAndStateTensorsAreRecorded() throws Exception {
        Model m = TfliteReader.read(SharedModels.model("micro/mnist_lstm_float.tflite"));
        Map<Integer, float[]> r = new Calibrator(1).calibrate(m, digits(m), 20, null, null).minMax();
        int hidden = LstmIntermediates.indices(m, 0)[LstmIntermediates.HIDDEN];
        assertTrue(r.containsKey(hidden), "hidden-state intermediate " + hidden + " recorded");
        // Without projection the hidden state of every step is that step's output row.
        assertArrayEquals(r.get(OUTPUT), r.get(hidden));
        float[] cell = r.get(CELL);
        assertTrue(cell != null && cell[1] > cell[0], "cell state recorded");
        float[] state = r.get(OUT_STATE);
        assertTrue(state[0] >= r.get(OUTPUT)[0] && state[1] <= r.get(OUTPUT)[1],
                "the final output state lies within the outputs of all steps");
        for (int k = 0; k < LstmIntermediates.HIDDEN; k++) {
            assertTrue(!r.containsKey(LstmIntermediates.indices(m, 0)[k]), "no gate values without layer norm");
        }
    }

    @Test
    void lstmStatisticsAreTheSameOnOneAndTwoThreads() throws Exception {
        Model m = TfliteReader.read(SharedModels.model("micro/mnist_lstm_float.tflite"));
        Dataset d = digits(m);
        Map<Integer, float[]> one = new Calibrator(1).calibrate(m, d, 24, null, null).minMax();
        Map<Integer, float[]> two = new Calibrator(2).calibrate(m, d, 24, null, null).minMax();
        assertEquals(one.keySet(), two.keySet());
        for (Integer k : one.keySet()) {
            assertArrayEquals(one.get(k), two.get(k), "tensor " + k);
        }
    }
}
