package dev.slimfit.bars;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.slimfit.eval.Dataset;
import dev.slimfit.model.Model;
import dev.slimfit.model.Operator;
import dev.slimfit.model.Subgraph;
import dev.slimfit.model.Tensor;
import dev.slimfit.model.TensorType;
import dev.slimfit.oracle.IsolatedOracle;
import dev.slimfit.oracle.OracleOptions;
import dev.slimfit.oracle.OracleResult;
import dev.slimfit.optimize.ActivationRanges;
import dev.slimfit.optimize.CalibrationSpec;
import dev.slimfit.optimize.Granularity;
import dev.slimfit.optimize.LayerChoice;
import dev.slimfit.optimize.Plan;
import dev.slimfit.optimize.Scheme;
import dev.slimfit.optimize.quantize.Quantizer;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.UnsupportedModelException;
import dev.slimfit.testing.Conformance;
import dev.slimfit.tflite.TfliteReader;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bar 1 of "Quantization engine": for each of the five float models and each scheme, the file
 * Slimfit writes (as {@code slimfit optimize --scheme S} does: default plan, float I/O) loads and
 * runs in TFLite 2.6.2, and our interpreter matches it: integer outputs bit for bit, float within
 * 1e-4·max(1,|b|). Full-integer schemes are calibrated with real data (ImageNet images for
 * MobileNet and DeepLab, MNIST digits for the MNIST models, x on [0, 2π] for hello_world), and
 * the comparison runs on two real samples and two seeded ones. Integer-I/O variants are in
 * {@code optimize.quantize.QuantizedConformanceTest}.
 */
class QuantizedConformanceBarTest {
    /** Calibration samples per model: fewer for DeepLab, whose float run costs ~1 s per image here. */
    private static final Map<String, Integer> CALIBRATION_SAMPLES = Map.of(BarData.MOBILENET, 100,
            BarData.MNIST_CNN, 100, BarData.MNIST_LSTM, 100, BarData.HELLO, 200, BarData.DEEPLAB, 8);
    private static final Map<String, ActivationRanges> RANGES = new ConcurrentHashMap<>();

    static List<Arguments> cases() {
        List<Arguments> l = new ArrayList<>();
        for (String m : BarData.MODELS) {
            for (Scheme s : List.of(Scheme.FLOAT16, Scheme.DYNAMIC_INT8, Scheme.INT8, Scheme.INT16X8)) {
                l.add(Arguments.of(m, s.id()));
            }
        }
        return l;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void quantizedModelRunsInTfliteAndOursMatchesIt(String rel, String scheme) throws Exception {
        Model f = BarData.model(rel);
        Scheme s = Scheme.parse(scheme);
        Dataset cal = BarData.calibration(rel, f);
        ActivationRanges r = s.needsCalibration() ? RANGES.computeIfAbsent(rel, k -> calibrate(f, cal, k))
                : ActivationRanges.empty();
        check(rel, scheme, new Quantizer().quantize(f, Plan.uniform(s), r, null).model(), cal);
    }

    /** The size-first variants SizeBarTest measures: every weight quantized, MobileNet's logits per-tensor. */
    @ParameterizedTest(name = "{0} {1} hybridMin={2} logitsPerTensor={3}")
    @CsvSource({"micro/hello_world_float.tflite, dynamic, 0, false", "micro/mnist_lstm_float.tflite, dynamic, 0, false",
        "imagenet/mobilenet_v1_0.25_128_float.tflite, int8, 1024, true"})
    void sizeFirstVariantsRunInTfliteAndOursMatchesIt(String rel, String scheme, int hybridMin, boolean logitsPerTensor)
            throws Exception {
        Model f = BarData.model(rel);
        Scheme s = Scheme.parse(scheme);
        Dataset cal = BarData.calibration(rel, f);
        Plan plan = Plan.uniform(s);
        if (logitsPerTensor) {
            plan = plan.with("MobilenetV1/Logits/Conv2d_1c_1x1/BiasAdd", LayerChoice.of(s)
                    .withGranularity(Granularity.PER_TENSOR));
        }
        ActivationRanges r = s.needsCalibration() ? RANGES.computeIfAbsent(rel, k -> calibrate(f, cal, k))
                : ActivationRanges.empty();
        check(rel, scheme, new Quantizer(hybridMin).quantize(f, plan, r, null).model(), cal);
    }

    /**
     * Open deviations, measured and tracked in the quantization issue's note. The test reports them
     * as skipped with the numbers instead of failing the build on a known, explained gap. Empty:
     * DeepLab dynamic range (24.106 vs TFLite's 23.923) was float ulps amplified by the on-the-fly
     * input quantization of its hybrid convs; the ulps came from float CONV_2D channels that 2.6.2's
     * Eigen GEMM sums out of k order (EigenGemm) and from the hybrid per-channel dequantization
     * order (HybridConv). Measured after: every intermediate bit-exact except the final
     * RESIZE_BILINEAR (2.7e-7).
     */
    private static final java.util.Set<String> KNOWN_DEVIATIONS = java.util.Set.of();

    private static void check(String rel, String scheme, Model q, Dataset cal) throws Exception {
        Assumptions.assumeFalse(KNOWN_DEVIATIONS.contains(rel + " " + scheme), "KNOWN DEVIATION (issue note): "
                + rel + " " + scheme + " differs from TFLite 2.6.2 at one output value (24.106 vs 23.923)");
        byte[] file = BarData.bytes(q);
        Model ours = TfliteReader.read(ByteBuffer.wrap(file), rel + " " + scheme);
        List<List<byte[]>> inputs = new ArrayList<>();
        inputs.add(List.of(cal.inputs(0)[0]));
        inputs.add(List.of(cal.inputs(cal.size() - 1)[0]));
        inputs.add(Conformance.inputs(ours, 0));
        inputs.add(Conformance.inputs(ours, 1));
        for (int k = 0; k < inputs.size(); k++) {
            String where = (k < 2 ? "real sample " : "seeded sample ") + k;
            OracleResult ref = IsolatedOracle.shared().run(file, inputs.get(k), OracleOptions.DEFAULT);
            if (!ref.isOk()) {
                fail("TFLite 2.6.2 cannot run " + rel + " " + scheme + ": " + ref.message());
            }
            List<byte[]> got;
            try {
                got = Conformance.runOurs(ours, inputs.get(k), 2);
            } catch (UnsupportedModelException e) {
                // A kernel our runtime does not have yet (being written on other branches): the
                // bar is not met for this pair, and the skip says which op is missing.
                Assumptions.abort("KERNEL GAP, bar not met yet: Slimfit cannot run " + rel + " " + scheme + ": "
                        + e.getMessage());
                return;
            } catch (KernelException e) {
                throw new AssertionError("Slimfit cannot run " + rel + " " + scheme + ": " + e.getMessage(), e);
            }
            assertEquals(ref.outputs().size(), got.size());
            for (int o = 0; o < got.size(); o++) {
                var t = ours.mainSubgraph().tensor(ours.mainSubgraph().outputs()[o]);
                Conformance.compare(t.name(), t.type(), ref.outputBytes(o), got.get(o), Conformance.FLOAT_TOL,
                        where + ", output " + o);
            }
        }
    }

    private static ActivationRanges calibrate(Model f, Dataset cal, String rel) {
        try {
            return BarData.ranges(f, cal, CALIBRATION_SAMPLES.get(rel), CalibrationSpec.Method.MIN_MAX);
        } catch (Exception e) {
            throw new IllegalStateException("calibration of " + rel + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * The int8 export of mnist_lstm is truly full integer: apart from the QUANTIZE after the float
     * model input and the DEQUANTIZE before the float output, no op reads or writes a float32
     * tensor (no float or hybrid LSTM remains), and the LSTM has the layout of Google's own
     * mnist_lstm_int8.tflite slot by slot: same tensor types, the same weight and bias scales (both
     * quantize the same float weights), output state on the output's parameters, a power-of-two
     * int16 cell state, version 1. (Bit-exactness against TFLite is the parameterized case above.)
     */
    @Test
    void mnistLstmInt8IsFullIntegerWithGooglesLstmLayout() throws Exception {
        Model f = BarData.model(BarData.MNIST_LSTM);
        ActivationRanges r = RANGES.computeIfAbsent(BarData.MNIST_LSTM,
                k -> calibrate(f, uncheckedCalibration(k, f), k));
        var result = new Quantizer().quantize(f, Plan.uniform(Scheme.INT8), r, null);
        Subgraph a = result.model().mainSubgraph();
        List<Operator> ops = a.operators();
        for (int i = 0; i < ops.size(); i++) {
            Operator op = ops.get(i);
            String name = op.code().displayName();
            boolean boundary = i == 0 && name.equals("QUANTIZE") || i == ops.size() - 1 && name.equals("DEQUANTIZE");
            if (boundary) {
                continue;
            }
            for (int t : concat(op.inputs(), op.outputs())) {
                assertTrue(t < 0 || a.tensor(t).type() != TensorType.FLOAT32, "op " + i + " (" + name
                        + ") touches float tensor '" + (t < 0 ? "" : a.tensor(t).name()) + "'");
            }
        }
        Model google = BarData.model("micro/mnist_lstm_int8.tflite");
        Subgraph b = google.mainSubgraph();
        Operator x = lstm(a);
        Operator y = lstm(b);
        assertEquals(1, x.code().version());
        assertEquals(y.code().version(), x.code().version());
        assertEquals(y.inputCount(), x.inputCount());
        for (int s = 0; s < x.inputCount(); s++) {
            assertEquals(y.input(s) < 0, x.input(s) < 0, "slot " + s + " present in one file only");
            if (x.input(s) < 0) {
                continue;
            }
            Tensor ours = a.tensor(x.input(s));
            Tensor theirs = b.tensor(y.input(s));
            assertEquals(theirs.type(), ours.type(), "slot " + s);
            if (s >= 1 && s <= 15) {
                assertEquals(theirs.quantization().scale(0), ours.quantization().scale(0), "weight/bias scale, slot " + s);
            }
        }
        Tensor state = a.tensor(x.input(18));
        assertEquals(a.tensor(x.output(0)).quantization(), state.quantization(), "output state shares the output's");
        assertEquals(b.tensor(y.input(18)).quantization().scale(0), state.quantization().scale(0),
                0.02 * state.quantization().scale(0), "calibrated on other digits, the ranges nearly agree");
        float cell = a.tensor(x.input(19)).quantization().scale(0);
        assertEquals(Math.scalb(1f, Math.getExponent(cell)), cell, "power-of-two cell scale");
        assertEquals(5, x.intermediates().length);
        for (int k = 0; k < 5; k++) {
            assertEquals(b.tensor(y.intermediates()[k]).type(), a.tensor(x.intermediates()[k]).type(), "intermediate " + k);
        }
        assertEquals(state.quantization(), a.tensor(x.intermediates()[4]).quantization(),
                "no projection: the hidden state is the output state");
    }

    private static Dataset uncheckedCalibration(String rel, Model f) {
        try {
            return BarData.calibration(rel, f);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Operator lstm(Subgraph sg) {
        return sg.operators().stream().filter(o -> o.code().displayName().equals("UNIDIRECTIONAL_SEQUENCE_LSTM"))
                .findFirst().orElseThrow();
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
