package dev.slimfit.runtime.kernels.elementwise;

import static dev.slimfit.runtime.kernels.elementwise.OpTests.q;
import static dev.slimfit.runtime.kernels.elementwise.OpTests.unary;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.slimfit.model.BuiltinOp;
import dev.slimfit.model.Model;
import dev.slimfit.model.TensorType;
import dev.slimfit.oracle.SharedModels;
import dev.slimfit.runtime.Interpreter;
import dev.slimfit.tflite.TfliteReader;
import java.nio.ByteBuffer;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * GELU is newer than TFLite 2.6.2, so the oracle cannot judge it. These tests check TFLite's
 * documented formula instead — approximate: {@code 0.5 x (1 + tanh(sqrt(2/pi)(x + 0.044715 x^3)))},
 * exact: {@code 0.5 x (1 + erf(x / sqrt 2))} — against independently computed double-precision values
 * (reference points of the Gaussian CDF), and run the shared {@code ops/single_gelu.tflite}.
 */
class GeluTest {
    private static final float[] X = {-3f, -1f, -0.5f, 0f, 0.5f, 1f, 2f, 3f};
    /** Phi(x) for the X above (standard normal CDF, to 10 digits). */
    private static final double[] PHI = {0.0013498980, 0.1586552539, 0.3085375387, 0.5, 0.6914624613, 0.8413447461,
            0.9772498681, 0.9986501020};

    private static float[] run(Model m, float[] x) throws Exception {
        try (Interpreter it = Interpreter.create(m)) {
            it.input(0).copyFrom(ByteBuffer.wrap(OpTests.floats(x)));
            it.invoke();
            return java.util.Arrays.copyOf(it.output(0).floats(), x.length);
        }
    }

    @Test
    void exactVariantIsXTimesGaussianCdf() throws Exception {
        Model m = unary(BuiltinOp.GELU, 1, TensorType.FLOAT32, null, TensorType.FLOAT32, null, new int[] {X.length},
                "GeluOptions", Map.of("approximate", false));
        float[] y = run(m, X);
        for (int i = 0; i < X.length; i++) {
            assertEquals(X[i] * PHI[i], y[i], 1e-6, "x = " + X[i]);
        }
    }

    @Test
    void approximateVariantIsTheTanhFormula() throws Exception {
        Model m = unary(BuiltinOp.GELU, 1, TensorType.FLOAT32, null, TensorType.FLOAT32, null, new int[] {X.length},
                "GeluOptions", Map.of("approximate", true));
        float[] y = run(m, X);
        for (int i = 0; i < X.length; i++) {
            double x = X[i];
            double expected = 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
            assertEquals(expected, y[i], 1e-6, "x = " + X[i]);
            assertEquals(X[i] * PHI[i], y[i], 1e-3, "the tanh form stays within 1e-3 of exact GELU");
        }
    }

    @Test
    void int8UsesTheTableOfTheFloatFormula() throws Exception {
        Model m = unary(BuiltinOp.GELU, 2, TensorType.INT8, q(0.05, -10), TensorType.INT8, q(0.03, -100),
                new int[] {256}, "GeluOptions", Map.of("approximate", false));
        byte[] in = new byte[256];
        for (int i = 0; i < 256; i++) {
            in[i] = (byte) i;
        }
        try (Interpreter it = Interpreter.create(m)) {
            it.input(0).copyFrom(ByteBuffer.wrap(in));
            it.invoke();
            byte[] got = it.output(0).bytes();
            for (int i = 0; i < 256; i++) {
                double real = 0.05 * (in[i] + 10);
                double g = Gelu.transform((float) real, false);
                long expected = Math.max(-128, Math.min(127, Math.round(g / 0.03) - 100));
                assertEquals(expected, got[i], 1.0, "code " + in[i]);
            }
        }
    }

    @Test
    void sharedSingleGeluModelRunsAndMatchesTheFormula() throws Exception {
        Assumptions.assumeTrue(SharedModels.available(), "shared models not present");
        Model m = TfliteReader.read(ByteBuffer.wrap(SharedModels.read("ops/single_gelu.tflite")), "single_gelu");
        boolean approximate = m.mainSubgraph().operators().get(0).options() != null
                && m.mainSubgraph().operators().get(0).options().getBool("approximate", false);
        float[] x = {-3f, -1f, -0.5f, 0f, 0.5f, 1f, 2f, 3f, 0.1f, -0.1f};
        float[] y = run(m, x);
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            double expected = approximate
                    ? 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v * v * v)))
                    : 0.5 * v * (1 + org.apache.commons.math3.special.Erf.erf(v / Math.sqrt(2)));
            assertEquals(expected, y[i], 1e-6, "x = " + x[i]);
        }
    }
}
