package dev.slimfit.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimfit.model.Model;
import dev.slimfit.oracle.InProcessOracle;
import dev.slimfit.oracle.OracleOptions;
import dev.slimfit.oracle.OracleResult;
import dev.slimfit.oracle.SharedModels;
import dev.slimfit.runtime.UnsupportedModelException;
import dev.slimfit.tflite.TfliteReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The 10,000 shared MNIST digits (IDX) with {@code mnist/conv_fc_mnist_float.tflite}, fed as
 * pixel/255 (its MANIFEST: the int8 sibling's input scale is 1/255).
 */
class MnistTest {
    private static final String MODEL = "mnist/conv_fc_mnist_float.tflite";

    private static Dataset digits(Model m) throws Exception {
        Path dir = SharedModels.root().resolve("data/mnist");
        Preprocessing pre = DataSource.defaultPreprocessing(m).withNormalization(Preprocessing.Normalization.zeroToOne());
        return new DataSource(dir.resolve("mnist_npm10k-images-idx3-ubyte.gz"),
                dir.resolve("mnist_npm10k-labels-idx1-ubyte.gz"), null, null, 0, pre).open(m);
    }

    @Test
    void idxDigitsBecomeExactPixelOver255Tensors() throws Exception {
        Model m = TfliteReader.read(SharedModels.model(MODEL));
        Dataset d = digits(m);
        assertEquals(10_000, d.size());
        assertEquals(0, d.label(0));
        assertEquals(9, d.label(9_999));
        IdxFile raw = IdxFile.read(SharedModels.root().resolve("data/mnist/mnist_npm10k-images-idx3-ubyte.gz"));
        FloatBuffer f = ByteBuffer.wrap(d.inputs(123)[0]).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        for (int i = 0; i < 784; i++) {
            assertEquals((float) ((raw.data()[123 * 784 + i] & 0xFF) / 255.0), f.get(i));
        }
    }

    @Test
    void tfliteOnOurTensorsClassifiesMostDigits() throws Exception {
        Model m = TfliteReader.read(SharedModels.model(MODEL));
        byte[] bytes = SharedModels.read(MODEL);
        Dataset d = digits(m);
        List<AccuracyEvaluator.Prediction> preds = new ArrayList<>();
        for (int i = 0; i < d.size(); i++) {
            OracleResult r = InProcessOracle.get().run(bytes, List.of(d.inputs(i)[0]), OracleOptions.DEFAULT);
            FloatBuffer fb = ByteBuffer.wrap(r.outputs().get(0).data()).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
            double[] s = new double[fb.remaining()];
            for (int k = 0; k < s.length; k++) {
                s[k] = fb.get(k);
            }
            int[] top = TopK.of(s, 5);
            preds.add(new AccuracyEvaluator.Prediction(i, d.label(i), top, s[top[0]]));
        }
        AccuracyEvaluator.Result r = AccuracyEvaluator.score(preds);
        java.util.logging.Logger.getLogger("MnistTest").info("TFLite 2.6.2 top-1 on 10k: " + r.top1());
        assertTrue(r.top1() > 0.95, "top-1 " + r.top1());
        try {
            AccuracyEvaluator.Result ours = new AccuracyEvaluator(2).evaluate(m, d, 0, null, null);
            assertEquals(r.top1Correct(), ours.top1Correct());
            assertEquals(r.top5Correct(), ours.top5Correct());
        } catch (UnsupportedModelException e) {
            Assumptions.abort("our kernels cannot run it yet: " + e.getMessage());
        }
    }
}
