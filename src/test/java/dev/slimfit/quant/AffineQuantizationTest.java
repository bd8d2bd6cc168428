package dev.slimfit.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AffineQuantizationTest {
    @Test
    void tiesRoundAwayFromZero() {
        assertEquals(3, AffineQuantization.quantize(1.25f, 0.5f, 0, -128, 127));
        assertEquals(-3, AffineQuantization.quantize(-1.25f, 0.5f, 0, -128, 127)); // Math.round would give -2
        assertEquals(-3, AffineQuantization.quantizeReference(-1.25f, 0.5f, 0, -128, 127));
    }

    @Test
    void defaultKernelDividesInDoubleReferenceInFloat() {
        float x = Float.intBitsToFloat(1096443494); // 13.65f; 13.65f / 0.1f is 136.5 in float, 136.49999 in double
        assertEquals(136, AffineQuantization.quantize(x, 0.1f, 0, -32768, 32767));
        assertEquals(137, AffineQuantization.quantizeReference(x, 0.1f, 0, -32768, 32767));
    }

    @Test
    void quantizeMatchesBigDecimalRoundingAndClamp() {
        SplittableRandom r = new SplittableRandom(12);
        for (int i = 0; i < 200_000; i++) {
            float x = (float) (r.nextDouble(-300, 300));
            float s = (float) r.nextDouble(0.001, 2);
            int zp = r.nextInt(-20, 20);
            long q = new BigDecimal((double) x / (double) s).setScale(0, RoundingMode.HALF_UP).longValue() + zp;
            assertEquals((int) Math.max(-128, Math.min(127, q)), AffineQuantization.quantize(x, s, zp, -128, 127));
            long qf = new BigDecimal(x / s).setScale(0, RoundingMode.HALF_UP).longValue() + zp;
            assertEquals((int) Math.max(0, Math.min(255, qf)), AffineQuantization.quantizeReference(x, s, zp, 0, 255));
        }
    }

    @Test
    void outOfRangeAndNanTruncateLikeX86() {
        assertEquals(-128, AffineQuantization.quantize(1e30f, 0.01f, 0, -128, 127));
        assertEquals(-128, AffineQuantization.quantize(Float.NaN, 0.01f, 0, -128, 127));
        assertEquals(-128, AffineQuantization.quantize(-1e30f, 0.01f, 0, -128, 127));
    }

    @Test
    void dequantizeRoundsOnceFromDouble() {
        assertEquals((float) (0.1f * (double) 7), AffineQuantization.dequantize(10, 0.1f, 3));
        assertEquals(0.1f * 7f, AffineQuantization.dequantizeFloat(10, 0.1f, 3));
        assertEquals(-12.8f, AffineQuantization.dequantize(-128, 0.1f, 0), 1e-6f);
    }

    @Test
    void activationRangesForInt8() {
        float s = 0.1f;
        assertEquals(new AffineQuantization.IntRange(-128, 127),
                AffineQuantization.calculateActivationRangeQuantized(AffineQuantization.ACT_NONE, s, -128, TensorTypeRange.INT8));
        assertEquals(new AffineQuantization.IntRange(-10, 127),
                AffineQuantization.calculateActivationRangeQuantized(AffineQuantization.ACT_RELU, s, -10, TensorTypeRange.INT8));
        assertEquals(new AffineQuantization.IntRange(-128, -68),
                AffineQuantization.calculateActivationRangeQuantized(AffineQuantization.ACT_RELU6, s, -128, TensorTypeRange.INT8));
        assertEquals(new AffineQuantization.IntRange(-10, 10),
                AffineQuantization.calculateActivationRangeQuantized(AffineQuantization.ACT_RELU_N1_TO_1, s, 0, TensorTypeRange.INT8));
        assertEquals(new AffineQuantization.IntRange(0, 127), // 6 / 0.01 = 600 clipped to qmax
                AffineQuantization.calculateActivationRangeQuantized(AffineQuantization.ACT_RELU6, 0.01f, 0, TensorTypeRange.INT8));
        assertEquals(new AffineQuantization.IntRange(-128, 127),
                AffineQuantization.calculateActivationRangeQuantized(AffineQuantization.ACT_TANH, s, 0, TensorTypeRange.INT8));
        assertThrows(ArithmeticException.class, () ->
                AffineQuantization.calculateActivationRangeQuantized(AffineQuantization.ACT_RELU6, 1e-12f, 0, -128, 127));
    }

    @Test
    void floatActivationRanges() {
        assertEquals(new AffineQuantization.FloatRange(0f, 6f), AffineQuantization.calculateActivationRange(AffineQuantization.ACT_RELU6));
        assertEquals(new AffineQuantization.FloatRange(-Float.MAX_VALUE, Float.MAX_VALUE),
                AffineQuantization.calculateActivationRange(AffineQuantization.ACT_NONE));
        assertEquals(new AffineQuantization.FloatRange(-1f, 1f), AffineQuantization.calculateActivationRange(AffineQuantization.ACT_RELU_N1_TO_1));
    }

    @Test
    void typeRanges() {
        assertEquals(-128, TensorTypeRange.INT8.qmin());
        assertEquals(255, TensorTypeRange.UINT8.qmax());
        assertEquals(-32768, TensorTypeRange.INT16.qmin());
        assertEquals(Integer.MAX_VALUE, TensorTypeRange.INT32.qmax());
        assertEquals(127, TensorTypeRange.INT8.clamp(1000));
    }
}
