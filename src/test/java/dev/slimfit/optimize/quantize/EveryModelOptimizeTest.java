package dev.slimfit.optimize.quantize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.slimfit.eval.Calibrator;
import dev.slimfit.eval.Dataset;
import dev.slimfit.model.Model;
import dev.slimfit.model.Tensor;
import dev.slimfit.oracle.IsolatedOracle;
import dev.slimfit.oracle.OracleOptions;
import dev.slimfit.oracle.OracleResult;
import dev.slimfit.oracle.SharedModels;
import dev.slimfit.optimize.ActivationRanges;
import dev.slimfit.optimize.CalibrationSpec;
import dev.slimfit.optimize.Plan;
import dev.slimfit.optimize.Scheme;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.UnsupportedModelException;
import dev.slimfit.testing.Conformance;
import dev.slimfit.tflite.TfliteReader;
import dev.slimfit.tflite.TfliteWriter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every float model of {@code ../shared/models} that is not a bar model, under every scheme, as a
 * user would try it: the optimizer either refuses with a clear {@link QuantizationException}
 * (naming the op or tensor) or writes a file that TensorFlow Lite 2.6.2 loads and runs and that
 * Slimfit's interpreter matches (integer outputs bit for bit, float within the conformance
 * tolerance); full integer also with int8 and uint8 model I/O. Full-integer schemes are calibrated on 8 seeded random inputs: no data comes with
 * these models, and the point is the file's validity, not its accuracy.
 */
class EveryModelOptimizeTest {
    /** Float models (float32 weights, or float16 weights behind DEQUANTIZE) other than the bar's five. */
    static final List<String> MODELS = List.of(
            "detection/blazeface_front_float32.tflite",
            "detection/yolox_nano_float16.tflite",
            "detection/face_detection_short_range_fp16.tflite",
            "segmentation/selfie_segmentation_fp16.tflite",
            "ops/xor_float.tflite",
            "ops/iris_float.tflite",
            "ops/weight_sharing_fcs.tflite",
            "ops/bmm.tflite",
            "ops/single_gelu.tflite",
            "ops/two_signatures.tflite",
            "ops/embedding_lookup.tflite",
            "ops/simple_composite.tflite",
            "ops/sdpa_composite.tflite",
            "text/recommendation_rnn_i10o100.tflite",
            "text/toy_transformer_kv_cache_multi_signature.tflite");

    static List<Arguments> cases() {
        List<Arguments> l = new ArrayList<>();
        for (String m : MODELS) {
            for (Scheme s : List.of(Scheme.FLOAT16, Scheme.DYNAMIC_INT8, Scheme.INT8, Scheme.INT16X8)) {
                l.add(Arguments.of(m, s.id(), "float"));
            }
            l.add(Arguments.of(m, "int8", "int8"));
            l.add(Arguments.of(m, "int8", "uint8"));
        }
        return l;
    }

    @ParameterizedTest(name = "{0} {1} io={2}")
    @MethodSource("cases")
    void optimizedFileRunsInTfliteAndOursMatchesOrTheRefusalNamesWhy(String rel, String scheme, String io)
            throws Exception {
        Assumptions.assumeTrue(SharedModels.available(), "../shared absent: skipping the shared-model sweep");
        Model f = TfliteReader.read(SharedModels.model(rel));
        OracleResult source = IsolatedOracle.shared().run(SharedModels.read(rel), Conformance.inputs(f, 0),
                OracleOptions.DEFAULT);
        Assumptions.assumeTrue(source.isOk(), () -> "TFLite 2.6.2 cannot run the source model " + rel
                + " itself (" + source.message() + "): no reference for its exports");
        Scheme s = Scheme.parse(scheme);
        QuantizationResult q;
        try {
            Plan plan = Plan.uniform(s).withIo(dev.slimfit.optimize.IoType.valueOf(io.toUpperCase(Locale.ROOT)))
                    .withCalibration(new CalibrationSpec(CalibrationSpec.Method.MIN_MAX, 99.99, 8));
            dev.slimfit.optimize.RangeSource seeded = seeded(f);
            ActivationRanges r = s.needsCalibration() ? seeded.ranges(f, plan.calibration(),
                    dev.slimfit.optimize.RangeSource.Progress.none(), () -> false) : ActivationRanges.empty();
            // other signatures over the same inputs are calibrated on the same samples, as the Optimizer does
            q = new Quantizer(0).quantize(f, plan, r, null, java.util.Map.of(), dev.slimfit.optimize.Optimizer
                    .subgraphRanges(f, plan, seeded, dev.slimfit.optimize.RangeSource.Progress.none(), () -> false));
        } catch (QuantizationException e) {
            String m = e.getMessage();
            System.out.printf(Locale.ROOT, "SWEEP %s %s refused: %s%n", rel, scheme, m);
            assertFalse(m == null || m.isBlank(), "a refusal says why");
            return;
        }
        byte[] file = bytes(q.model());
        Model written = TfliteReader.read(ByteBuffer.wrap(file), rel + " " + scheme);
        System.out.printf(Locale.ROOT, "SWEEP %s %s %d -> %d bytes%n", rel, scheme,
                java.nio.file.Files.size(SharedModels.model(rel)), file.length);
        // Every subgraph with ops (more signatures get the default scheme too): run each as the primary one.
        for (int k = 0; k < written.subgraphs().size(); k++) {
            if (written.subgraphs().get(k).operators().isEmpty()) {
                continue;
            }
            Model ours = k == 0 ? written : written.withSubgraphsSwapped(k);
            byte[] bytes = k == 0 ? file : bytes(ours);
            for (long seed = 0; seed < 2; seed++) {
                String where = "subgraph " + k + ", seed " + seed;
                List<byte[]> in = Conformance.inputs(ours, seed);
                OracleResult ref = IsolatedOracle.shared().run(bytes, in, OracleOptions.DEFAULT);
                if (!ref.isOk()) {
                    fail("TFLite 2.6.2 cannot run Slimfit's " + scheme + " export of " + rel + " (" + where + "): "
                            + ref.message());
                }
                List<byte[]> got;
                try {
                    got = Conformance.runOurs(ours, in, 2);
                } catch (UnsupportedModelException e) {
                    Assumptions.abort("KERNEL GAP: Slimfit cannot run its own " + scheme + " export of " + rel + " ("
                            + where + "): " + e.getMessage());
                    return;
                } catch (KernelException e) {
                    throw new AssertionError("Slimfit cannot run its " + scheme + " export of " + rel + " (" + where
                            + "): " + e.getMessage(), e);
                }
                assertEquals(ref.outputs().size(), got.size());
                for (int o = 0; o < got.size(); o++) {
                    Tensor t = ours.mainSubgraph().tensor(ours.mainSubgraph().outputs()[o]);
                    Conformance.compare(t.name(), t.type(), ref.outputBytes(o), got.get(o), Conformance.FLOAT_TOL,
                            where + ", output " + o);
                }
            }
        }
        assertTrue(file.length > 0);
    }

    private static byte[] bytes(Model m) {
        ByteBuffer b = TfliteWriter.toBytes(m);
        byte[] a = new byte[b.remaining()];
        b.get(a);
        return a;
    }

    /** 8 seeded inputs (every input of the main subgraph) as a calibration source. */
    private static dev.slimfit.optimize.RangeSource seeded(Model f) {
        int n = 8;
        Dataset d = new Dataset() {
            @Override
            public int size() {
                return n;
            }

            @Override
            public String id(int i) {
                return "seed" + i;
            }

            @Override
            public int label(int i) {
                return NO_LABEL;
            }

            @Override
            public byte[][] inputs(int i) {
                return Conformance.inputs(f, 100 + i).toArray(new byte[0][]);
            }
        };
        return dev.slimfit.eval.CalibrationRangeSource.of(d, "seeded inputs", new Calibrator(2));
    }
}
