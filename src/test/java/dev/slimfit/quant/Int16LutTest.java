package dev.slimfit.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class Int16LutTest {
    @Test
    void sigmoidTableIsSigmoidOfIOver24In016() {
        for (int i = 0; i < 256; i++) {
            double expected = Math.min(65535, 65536 / (1 + Math.exp(-i / 24.0)));
            assertEquals(expected, Int16Lut.sigmoidTable(i), 1.5, "entry " + i);
        }
    }

    @Test
    void powerOfTwoScalesSelectTheFixedPointPath() {
        assertEquals(new QuantizedMultiplier(0, 0), Int16Lut.prepareLogistic(1.0f / 4096));
        assertEquals(new QuantizedMultiplier(0, 0), Int16Lut.prepareTanh(1.0f / 4096));
        assertEquals(new QuantizedMultiplier(0, 1), Int16Lut.prepareTanh(1.0f / 2048)); // Q3 needs x2
        // 2^-13 is a power of two but needs a right shift: LUT multiplier instead.
        QuantizedMultiplier m = Int16Lut.prepareLogistic(1.0f / 8192);
        assertEquals(new QuantizedMultiplier(24576, 14), m); // 1.5 doubled 14 times -> 24576 > 16383.5
    }

    @Test
    void generalScaleMultiplierIsDoubledPast16383AndTruncated() {
        QuantizedMultiplier m = Int16Lut.prepareLogistic(0.0003f);
        double expected = 0.0003f * 4096.0 * 3.0;
        int shift = 0;
        while (expected <= 32767.0 / 2.0 && shift <= 30) {
            expected *= 2;
            shift++;
        }
        assertEquals(new QuantizedMultiplier((int) expected, shift), m);
        assertTrue(m.multiplier() > 16383 && m.multiplier() <= 32767);
    }

    @Test
    void lutLogisticAndTanhExhaustivelyCloseToTrueFunctions() {
        float scale = 0.0003f;
        QuantizedMultiplier ml = Int16Lut.prepareLogistic(scale);
        QuantizedMultiplier mt = Int16Lut.prepareTanh(scale);
        double maxL = 0;
        double maxT = 0;
        for (int x = -32768; x <= 32767; x++) {
            double real = x * (double) scale;
            maxL = Math.max(maxL, Math.abs(Int16Lut.logistic(x, ml.multiplier(), ml.shift()) / 32768.0 - 1 / (1 + Math.exp(-real))));
            maxT = Math.max(maxT, Math.abs(Int16Lut.tanh(x, mt.multiplier(), mt.shift()) / 32768.0 - Math.tanh(real)));
        }
        assertTrue(maxL < 3e-4, "logistic " + maxL);
        assertTrue(maxT < 6e-4, "tanh " + maxT);
    }

    @Test
    void lutLogisticKnownValues() {
        // Power-of-two scale 2^-12 on the reference path: multiplier 0 -> 3 * x.
        assertEquals(16384, Int16Lut.logistic(0, 0, 0)); // (32768*512 + 512) >> 10
        assertEquals(32757, Int16Lut.logistic(32767, 0, 0)); // sigmoid(8) * 32768 = 32757.0; not saturated
        assertEquals(11, Int16Lut.logistic(-32768, 0, 0), 1); // (1 - sigmoid(8)) * 32768 = 11.0
        assertEquals(0, Int16Lut.tanh(0, 0, 0));
        assertEquals(32767, Int16Lut.tanh(32767, 0, 0));
        assertEquals(-32767, Int16Lut.tanh(-32768, 0, 0)); // saturation is symmetric: never -32768
    }

    @Test
    void genLutSamplesWithMidpointBias() {
        short[] exp = Int16Lut.softmaxExpLut();
        assertEquals(513, exp.length);
        assertEquals(32767, exp[512]); // exp(0) * 32768 clamped
        assertEquals(Math.round(Math.exp(-10) * 32768), exp[0], 1);
        short[] recip = Int16Lut.softmaxOneOverOnePlusXLut();
        assertEquals(32767, recip[0]);
        assertEquals(16384, recip[512]);
        // Linear function: interpolation is exact, so no bias anywhere.
        short[] line = Int16Lut.genLut(x -> x, -1.0, 0.0, 513);
        for (int i = 0; i < 513; i++) {
            assertEquals(Math.round((-1.0 + i / 512.0) * 32768), line[i], "entry " + i);
        }
    }

    @Test
    void lookupInterpolatesOverAllInt16Inputs() {
        short[] exp = Int16Lut.softmaxExpLut();
        double maxErr = 0;
        for (int v = -32768; v <= 32767; v++) {
            double x = -10.0 + (256 + (v >> 7) + (v & 0x7F) / 128.0) * (10.0 / 512.0);
            maxErr = Math.max(maxErr, Math.abs(Int16Lut.lookup(v, exp) - Math.exp(x) * 32768));
        }
        assertTrue(maxErr <= 3.0, "max error " + maxErr);
        assertEquals(exp[256] + ((exp[257] - exp[256]) * 64 + 64 >> 7), Int16Lut.lookup(64, exp));
    }
}
