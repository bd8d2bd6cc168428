package dev.slimfit.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class QuantizationUtilTest {
    @Test
    void softmaxScalingMatchesTfliteTest() {
        assertEquals(new QuantizedMultiplier(2147483647, 31), QuantizationUtil.preprocessSoftmaxScaling(1.0, 16.0, 4));
        assertEquals(new QuantizedMultiplier(1073741824, 31), QuantizationUtil.preprocessSoftmaxScaling(1.0, 8.0, 4));
        assertEquals(new QuantizedMultiplier(2147483647, 31), QuantizationUtil.preprocessSoftmaxScaling(2.0, 16.0, 5));
        assertEquals(new QuantizedMultiplier(1073741824, 31), QuantizationUtil.preprocessSoftmaxScaling(2.0, 8.0, 5));
    }

    @Test
    void inputRadiusMatchesTfliteTest() {
        assertEquals(15, QuantizationUtil.calculateInputRadius(4, 27));
        assertEquals(14, QuantizationUtil.calculateInputRadius(3, 27));
        assertEquals(7, QuantizationUtil.calculateInputRadius(3, 28));
        assertEquals(503316480, QuantizationUtil.calculateInputRadius(4, 2));
        assertEquals(30720, QuantizationUtil.calculateInputRadius(4, 0, 15)); // 15 * 2^11
    }

    @Test
    void logSoftmaxReverseScalingInvertsForwardScaling() {
        QuantizationUtil.LogSoftmaxScaling s = QuantizationUtil.preprocessLogSoftmaxScalingExp(1.0, 0.1, 5);
        double forward = s.inputMultiplier() * Math.scalb(1.0, s.inputLeftShift() - 31);
        double reverse = s.reverseScalingDivisor() * Math.scalb(1.0, s.reverseScalingLeftShift() - 31);
        // forward maps one input quantum to Q5.26: 0.1 * 2^26; reverse is 2^(31-shift)/multiplier.
        assertEquals(0.1 * (1 << 26), forward, 0.1 * (1 << 26) * 1e-9);
        assertEquals(Math.scalb(1.0, 31 - s.inputLeftShift()) / s.inputMultiplier(), reverse, 1e-9);
        assertTrue(s.reverseScalingLeftShift() <= 0);
    }

    @Test
    void invSqrtApproximatesOneOverSqrt() {
        int[] inputs = {2, 3, 4, 7, 100, 12345, 1 << 20, (1 << 29) - 1, 1 << 29, 1 << 30, Integer.MAX_VALUE};
        for (int in : inputs) {
            QuantizedMultiplier q = QuantizationUtil.getInvSqrtQuantizedMultiplierExp(in, -1);
            double got = q.multiplier() * Math.scalb(1.0, q.shift() - 31);
            assertEquals(1.0 / Math.sqrt(in), got, 2e-6 / Math.sqrt(in), () -> "input " + in + " -> " + q);
        }
        assertEquals(new QuantizedMultiplier(Integer.MAX_VALUE, 0), QuantizationUtil.getInvSqrtQuantizedMultiplierExp(1, -1));
        assertEquals(new QuantizedMultiplier(Integer.MAX_VALUE, 0), QuantizationUtil.getInvSqrtQuantizedMultiplierExp(0, 1));
        QuantizedMultiplier right = QuantizationUtil.getInvSqrtQuantizedMultiplierExp(12345, 1);
        QuantizedMultiplier left = QuantizationUtil.getInvSqrtQuantizedMultiplierExp(12345, -1);
        assertEquals(left.multiplier(), right.multiplier());
        assertEquals(-left.shift(), right.shift());
    }

    @Test
    void checkedLog2DetectsPowersOfTwo() {
        assertEquals(new QuantizationUtil.Log2(-12, true), QuantizationUtil.checkedLog2(1.0f / 4096));
        assertEquals(new QuantizationUtil.Log2(-15, true), QuantizationUtil.checkedLog2(1.0f / 32768));
        assertFalse(QuantizationUtil.checkedLog2(0.0003f).isPowerOfTwo());
    }

    @Test
    void perChannelUsesDoubleProductLegacyUsesFloatProduct() {
        float in = 0.0235294122248888f;
        float out = 0.0470588244497776f;
        float[] filters = {0.00392156885936856f, 0.0029411765f};
        QuantizedMultiplier[] pc = ConvQuantization.perChannelMultipliers(in, filters, out, 2);
        assertEquals(QuantizedMultiplier.of((double) in * filters[0] / out), pc[0]);
        assertEquals(QuantizedMultiplier.of((double) in * filters[1] / out), pc[1]);
        assertEquals((double) (in * filters[0]) / out, ConvQuantization.legacyMultiplier(in, filters[0], out));
        QuantizedMultiplier[] broadcast = ConvQuantization.perChannelMultipliers(in, new float[] {filters[1]}, out, 3);
        assertEquals(pc[1], broadcast[2]);
        assertTrue(ConvQuantization.biasScaleIsConsistent(in, filters[0], in * filters[0], out));
        assertFalse(ConvQuantization.biasScaleIsConsistent(in, filters[0], 1.0f, out));
    }

    @Test
    void floatAndDoubleProductsDifferForSomeScales() {
        // Guards the reason two formulas exist: find a pair where the multipliers differ.
        int differing = 0;
        for (int i = 1; i < 2000; i++) {
            float in = i * 1.37e-4f;
            float f = 3.1e-3f / i;
            if (!ConvQuantization.legacyPerTensorMultiplier(in, f, 0.05f)
                    .equals(QuantizedMultiplier.of(ConvQuantization.effectiveScale(in, f, 0.05f)))) {
                differing++;
            }
        }
        assertTrue(differing > 0);
    }
}
