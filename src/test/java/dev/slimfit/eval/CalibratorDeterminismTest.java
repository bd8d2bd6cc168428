package dev.slimfit.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.slimfit.model.Model;
import dev.slimfit.oracle.SharedModels;
import dev.slimfit.tflite.TfliteReader;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Percentile and MSE ranges come from histograms whose binning depends on the order samples are
 * added; the calibrator must give the same statistics whatever the thread count and scheduling
 * (it once varied from run to run on the ImageNet samples).
 */
class CalibratorDeterminismTest {
    @Test
    void sameRangesOnOneTwoAndThreeThreads() throws Exception {
        Model m = TfliteReader.read(SharedModels.model("mnist/conv_fc_mnist_float.tflite"));
        Path dir = SharedModels.root().resolve("data/mnist");
        Dataset d = new DataSource(dir.resolve("mnist_npm10k-images-idx3-ubyte.gz"), null, null, null, 0,
                DataSource.defaultPreprocessing(m).withNormalization(Preprocessing.Normalization.zeroToOne())).open(m);
        TensorStats one = new Calibrator(1).calibrate(m, d, 45, null, null);
        for (int t : new int[] {2, 3, 2}) {
            TensorStats other = new Calibrator(t).calibrate(m, d, 45, null, null);
            assertEquals(45, other.samples());
            for (TensorStats.Method method : TensorStats.Method.values()) {
                Map<Integer, float[]> a = one.ranges(method, 99.9);
                Map<Integer, float[]> b = other.ranges(method, 99.9);
                assertEquals(a.keySet(), b.keySet());
                for (Integer k : a.keySet()) {
                    assertArrayEquals(a.get(k), b.get(k), method + " tensor " + k + " on " + t + " threads");
                }
            }
        }
    }
}
