package dev.slimfit.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The 100 shared ImageNet samples under the TF-slim protocol: our input tensors against the
 * reference tool's {@code --dump-inputs} bit for bit, accuracy plumbing with TFLite 2.6.2 running
 * our tensors (0.48 / 0.51 / agreement 0.71, as STACK-FACTS reports), and the same numbers from
 * our interpreter once its kernels cover MobileNet.
 */
class ImageNetTest {
    private static final String FLOAT = "imagenet/mobilenet_v1_0.25_128_float.tflite";
    private static final String QUANT = "imagenet/mobilenet_v1_0.25_128_quant.tflite";

    @TempDir
    Path tmp;

    private static Dataset samples(Model m, int limit) throws Exception {
        Path data = SharedModels.root().resolve("data/imagenet");
        return new DataSource(data.resolve("samples"), data.resolve("samples.csv"), "file", "class_index_1001", 0,
                DataSource.defaultPreprocessing(m).withCrop(0.875)).open(m).limit(limit);
    }

    private static Model model(String rel) throws Exception {
        return TfliteReader.read(SharedModels.model(rel));
    }

    private void assertSameAsReferenceDump(String rel, String... extra) throws Exception {
        Path root = SharedModels.root();
        Path jar = root.resolve("tools/tflite-oracle/target/tflite-oracle.jar");
        Assumptions.assumeTrue(Files.isRegularFile(jar), "reference tool jar not built: " + jar);
        Path dump = tmp.resolve("dump");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "classify", SharedModels.model(rel).toString(), "--images",
                root.resolve("data/imagenet/samples").toString(), "--csv",
                root.resolve("data/imagenet/samples.csv").toString(), "--label-column", "class_index_1001",
                "--limit", "25", "--dump-inputs", dump.toString()));
        cmd.addAll(List.of(extra));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("log").toFile()).start();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "reference tool timed out");
        assertEquals(0, p.exitValue(), Files.readString(tmp.resolve("log")));
        Model m = model(rel);
        Preprocessing pre = DataSource.defaultPreprocessing(m);
        for (int i = 0; i < extra.length; i += 2) {
            pre = switch (extra[i]) {
                case "--crop-fraction" -> pre.withCrop(Double.parseDouble(extra[i + 1]));
                case "--resize-method" -> pre.withResize(Preprocessing.Resize.BILINEAR_TF1);
                default -> throw new IllegalArgumentException(extra[i]);
            };
        }
        Path data = root.resolve("data/imagenet");
        Dataset d = new DataSource(data.resolve("samples"), data.resolve("samples.csv"), "file", "class_index_1001",
                0, pre).open(m).limit(25);
        for (int i = 0; i < d.size(); i++) {
            byte[] ref = Files.readAllBytes(dump.resolve(d.id(i) + ".bin"));
            assertArrayEquals(ref, d.inputs(i)[0], d.id(i));
        }
    }

    @Test
    void floatInputsEqualTheReferenceDumpBitForBitWithCrop0875() throws Exception {
        assertSameAsReferenceDump(FLOAT, "--crop-fraction", "0.875");
    }

    @Test
    void uint8InputsEqualTheReferenceDumpBitForBit() throws Exception {
        assertSameAsReferenceDump(QUANT, "--crop-fraction", "0.875");
    }

    @Test
    void tf1ResizeOfTheWholeImageEqualsTheReferenceDump() throws Exception {
        assertSameAsReferenceDump(FLOAT, "--crop-fraction", "1.0", "--resize-method", "bilinear-tf1");
    }

    private static List<AccuracyEvaluator.Prediction> oraclePredictions(String rel) throws Exception {
        Model m = model(rel);
        byte[] bytes = SharedModels.read(rel);
        Dataset d = samples(m, 0);
        List<AccuracyEvaluator.Prediction> preds = new ArrayList<>();
        for (int i = 0; i < d.size(); i++) {
            OracleResult r = InProcessOracle.get().run(bytes, List.of(d.inputs(i)[0]), OracleOptions.DEFAULT);
            double[] scores = scores(r.outputs().get(0).data(), m);
            int[] top = TopK.of(scores, 5);
            preds.add(new AccuracyEvaluator.Prediction(i, d.label(i), top, scores[top[0]]));
        }
        return preds;
    }

    private static double[] scores(byte[] out, Model m) {
        var t = m.mainSubgraph().tensor(m.mainSubgraph().outputs()[0]);
        double[] s;
        if (t.type() == dev.slimfit.model.TensorType.FLOAT32) {
            var fb = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
            s = new double[fb.remaining()];
            for (int i = 0; i < s.length; i++) {
                s[i] = fb.get(i);
            }
        } else {
            s = new double[out.length];
            double scale = t.quantization().scale(0);
            long zp = t.quantization().zeroPoint(0);
            for (int i = 0; i < s.length; i++) {
                s[i] = scale * ((out[i] & 0xFF) - zp);
            }
        }
        return s;
    }

    @Test
    void tfliteOnOurInputsGivesTheReportedTop1AndAgreement() throws Exception {
        List<AccuracyEvaluator.Prediction> f = oraclePredictions(FLOAT);
        List<AccuracyEvaluator.Prediction> q = oraclePredictions(QUANT);
        AccuracyEvaluator.Result rf = AccuracyEvaluator.score(f);
        AccuracyEvaluator.Result rq = AccuracyEvaluator.score(q);
        assertEquals(100, rf.samples());
        assertEquals(0.48, rf.top1(), 1e-9);
        assertEquals(0.74, rf.top5(), 1e-9);
        assertEquals(0.51, rq.top1(), 1e-9);
        assertEquals(0.75, rq.top5(), 1e-9);
        int agree = 0;
        for (int i = 0; i < 100; i++) {
            agree += f.get(i).top5()[0] == q.get(i).top5()[0] ? 1 : 0;
        }
        assertEquals(71, agree);
    }

    @Test
    void ourInterpreterGivesTheReportedTop1AndAgreement() throws Exception {
        Model f = model(FLOAT);
        Model q = model(QUANT);
        AccuracyEvaluator.Result rf;
        AccuracyEvaluator.Result rq;
        try {
            rf = new AccuracyEvaluator(2).evaluate(f, samples(f, 0), 0, null, null);
            rq = new AccuracyEvaluator(2).evaluate(q, samples(q, 0), 0, null, null);
        } catch (UnsupportedModelException e) {
            Assumptions.abort("kernels missing in this build: " + e.getMessage());
            return;
        }
        assertEquals(0.48, rf.top1(), 1e-9);
        assertEquals(0.51, rq.top1(), 1e-9);
        int agree = 0;
        for (int i = 0; i < 100; i++) {
            agree += rf.predictions().get(i).top5()[0] == rq.predictions().get(i).top5()[0] ? 1 : 0;
        }
        assertEquals(71, agree);
    }
}
