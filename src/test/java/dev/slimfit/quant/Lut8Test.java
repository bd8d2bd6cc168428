package dev.slimfit.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class Lut8Test {
    @Test
    void int8LogisticTableMatchesDoubleFormulaAwayFromTies() {
        float inScale = 0.1f;
        int[] t = Lut8.logisticTable(true, inScale, 3, 1.0f / 256, -128);
        int mismatches = 0;
        for (int q = -128; q <= 127; q++) {
            double x = inScale * (double) (q - 3);
            double y = 256.0 / (1 + Math.exp(-x));
            long expected = Math.max(-128, Math.min(127, Math.round(y) - 128));
            if (expected != t[q & 0xFF]) {
                mismatches++;
                assertTrue(Math.abs(y - Math.floor(y) - 0.5) < 1e-4, "non-tie mismatch at " + q);
            }
        }
        assertTrue(mismatches <= 2);
        assertEquals(0, t[3]); // x = 0 -> 0.5 * 256 - 128
        assertEquals(127, t[127]);
    }

    @Test
    void uint8TanhTableIsOddAroundZeroPoint() {
        int[] t = Lut8.tanhTable(false, 0.05f, 128, 1.0f / 128, 128);
        assertEquals(128, t[128]);
        for (int d = 1; d <= 127 && t[128 + d] < 255; d++) { // clamping at 255 vs 0 breaks oddness
            assertEquals(256 - t[128 + d], t[128 - d], "offset " + d);
        }
    }

    @Test
    void softmaxTableIsExpOfScaledDistanceToMax() {
        float[] t = Lut8.softmaxExpTable(0.25f, 1.0f);
        assertEquals(1.0f, t[255]);
        assertEquals((float) Math.exp(-0.25f * 255), t[0]);
        assertEquals((float) Math.exp(-2.5), t[245]);
    }

    @Test
    void softmaxOutputRoundingDependsOnOutputType() {
        assertEquals(-128 + 3, Lut8.quantizeSoftmaxOutput(2.5f, -128, false)); // roundf: 2.5 -> 3
        assertEquals(3, Lut8.quantizeSoftmaxOutput(2.5f, 0, true)); // (int)(2.5 + 0.5)
        assertEquals(2, Lut8.quantizeSoftmaxOutput(2.4999998f, 0, true));
    }
}
