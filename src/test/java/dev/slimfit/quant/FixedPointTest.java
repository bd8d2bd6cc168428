package dev.slimfit.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FixedPointTest {
    private static final FixedPoint F32 = FixedPoint.INT32;
    private static final FixedPoint F16 = FixedPoint.INT16;

    private static double real(FixedPoint fp, int raw, int integerBits) {
        return raw * Math.scalb(1.0, integerBits - (fp.bits() - 1));
    }

    /** Independent 16-bit doubling high multiply: floor(a*b/2^15 + 1/2), MIN*MIN saturated. */
    private static int refMul16(int a, int b) {
        if (a == -32768 && b == -32768) {
            return 32767;
        }
        return (int) Math.floor(a * (double) b / 32768.0 + 0.5); // exact in double
    }

    @Test
    void int16MultiplyMatchesIndependentRounding() {
        SplittableRandom r = new SplittableRandom(2);
        for (int i = 0; i < 1_000_000; i++) {
            int a = r.nextInt(-32768, 32768);
            int b = i < 65536 ? -32768 + i : r.nextInt(-32768, 32768);
            assertEquals(refMul16(a, b), F16.mul(a, b), a + "*" + b);
        }
    }

    @Test
    void int16ConstantsAreRoundedFrom32BitConstants() {
        assertEquals(28918, F16.constant(1895147668)); // 1895147668 / 2^16 = 28917.66
        assertEquals(16384, F16.constant(1 << 30));
        assertEquals(-15420, F16.constant(-1010580540)); // -32/17 in Q2.13
        assertEquals(1895147668, F32.constant(1895147668));
    }

    @Test
    void int16SaturatingShiftAndWrap() {
        assertEquals(32767, F16.saturatingRoundingMultiplyByPOT(16384, 1));
        assertEquals(-32768, F16.saturatingRoundingMultiplyByPOT(-16385, 1));
        assertEquals(-32768, F16.neg(-32768));
        assertEquals(-32768, F16.add(32767, 1));
        assertEquals(32767, F16.addSaturatingIf16Bit(32767, 1));
        assertEquals(Integer.MIN_VALUE, F32.addSaturatingIf16Bit(Integer.MAX_VALUE, 1));
    }

    @Test
    void int32ExpOnNegativeValuesIsAccurate() {
        SplittableRandom r = new SplittableRandom(4);
        double maxErr = 0;
        for (int i = 0; i < 200_000; i++) {
            int a = -r.nextInt(0, Integer.MAX_VALUE); // Q5.26 in (-32, 0]
            double got = real(F32, F32.expOnNegativeValues(a, 5), 0);
            maxErr = Math.max(maxErr, Math.abs(got - Math.exp(real(F32, a, 5))));
        }
        // the degree-4 Taylor step alone contributes (1/8)^5/120 ~ 2.5e-7
        assertTrue(maxErr < 3e-7, "max error " + maxErr);
        assertEquals(Integer.MAX_VALUE, F32.expOnNegativeValues(0, 5));
        assertEquals(0, F32.expOnNegativeValues(Integer.MIN_VALUE, 6)); // -64 < -32 clamps to 0
    }

    @Test
    void int32LogisticAndTanhInQ4AreAccurate() {
        SplittableRandom r = new SplittableRandom(6);
        double maxL = 0;
        double maxT = 0;
        for (int i = 0; i < 200_000; i++) {
            int a = r.nextInt();
            double x = real(F32, a, 4);
            maxL = Math.max(maxL, Math.abs(real(F32, F32.logistic(a, 4), 0) - 1 / (1 + Math.exp(-x))));
            maxT = Math.max(maxT, Math.abs(real(F32, F32.tanh(a, 4), 0) - Math.tanh(x)));
        }
        assertTrue(maxL < 1e-7, "logistic max error " + maxL);
        assertTrue(maxT < 2e-7, "tanh max error " + maxT);
        assertEquals(1 << 30, F32.logistic(0, 4));
        assertEquals(0, F32.tanh(0, 4));
    }

    @Test
    void int16LogisticAndTanhInQ3ExhaustivelyAccurateAndSymmetric() {
        double maxL = 0;
        double maxT = 0;
        int prevL = 0;
        for (int a = -32767; a <= 32767; a++) { // -32768 has no negation; gemmlowp's result there is garbage
            double x = real(F16, a, 3);
            int l = F16.logistic(a, 3);
            int t = F16.tanh(a, 3);
            maxL = Math.max(maxL, Math.abs(real(F16, l, 0) - 1 / (1 + Math.exp(-x))));
            maxT = Math.max(maxT, Math.abs(real(F16, t, 0) - Math.tanh(x)));
            // int16 Newton-Raphson in Q2.13 has a few LSB of noise: near-monotone, not monotone.
            assertTrue(l >= prevL - 8, "logistic jumps back at " + a);
            prevL = l;
            if (a != 0 && a != -32768) {
                assertEquals(32767, l + F16.logistic(-a, 3), "logistic symmetry at " + a);
                assertEquals(-t, F16.tanh(-a, 3), "tanh symmetry at " + a);
            }
        }
        // 1/(1+x) by Newton-Raphson in Q2.13 resolves only 2^-13: ~6 LSB of Q0.15 worst case.
        assertTrue(maxL < 8.0 / 32768, "logistic max error " + maxL);
        assertTrue(maxT < 16.0 / 32768, "tanh max error " + maxT); // same Q2.13 Newton, output x4
        assertEquals(16384, F16.logistic(0, 3));
    }

    @Test
    void reciprocalApproximatesOneOverX() {
        SplittableRandom r = new SplittableRandom(8);
        for (int i = 0; i < 100_000; i++) {
            int x = r.nextInt(1 << 20, Integer.MAX_VALUE); // Q12.19 sum of exps
            int raw = FixedPoint.getReciprocal(x, 12);
            int bits = FixedPoint.reciprocalBitsOverUnit(x, 12);
            double got = real(F32, raw, 0) * Math.scalb(1.0, -bits);
            double want = 1.0 / real(F32, x, 12);
            assertEquals(want, got, want * 1e-8, "x=" + x);
        }
    }

    @Test
    void selectUsingMaskIsBitwise() {
        assertEquals(5, FixedPoint.selectUsingMask(-1, 5, 9));
        assertEquals(9, FixedPoint.selectUsingMask(0, 5, 9));
        assertEquals(-1, FixedPoint.mask(true));
    }
}
