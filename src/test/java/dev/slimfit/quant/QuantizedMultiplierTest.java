package dev.slimfit.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Expected values are those of TFLite's quantization_util_test.cc. */
class QuantizedMultiplierTest {
    private static void assertQm(int multiplier, int shift, QuantizedMultiplier actual) {
        assertEquals(new QuantizedMultiplier(multiplier, shift), actual);
    }

    @Test
    void smallerThanOneExpMatchesTfliteTest() {
        assertQm(1073741824, -1, QuantizedMultiplier.smallerThanOneExp(0.25));
        assertQm(2147483627, -1, QuantizedMultiplier.smallerThanOneExp(0.50 - 5e-9));
        assertQm(1073741824, 0, QuantizedMultiplier.smallerThanOneExp(0.50 - 1e-10));
        assertQm(1073741824, 0, QuantizedMultiplier.smallerThanOneExp(0.50));
        assertQm(1610612736, 0, QuantizedMultiplier.smallerThanOneExp(0.75));
        assertQm(2147483646, 0, QuantizedMultiplier.smallerThanOneExp(1 - 1e-9));
        assertThrows(IllegalArgumentException.class, () -> QuantizedMultiplier.smallerThanOneExp(-0.1));
        assertThrows(IllegalArgumentException.class, () -> QuantizedMultiplier.smallerThanOneExp(0.0));
        assertThrows(IllegalStateException.class, () -> QuantizedMultiplier.smallerThanOneExp(1 - 1e-15));
        assertThrows(IllegalArgumentException.class, () -> QuantizedMultiplier.smallerThanOneExp(1.0));
    }

    @Test
    void greaterThanOneMatchesTfliteTest() {
        assertQm(1073741824, 1, QuantizedMultiplier.greaterThanOne(1 + 1e-11));
        assertQm(1342177280, 1, QuantizedMultiplier.greaterThanOne(1.25));
        assertQm(1610612736, 1, QuantizedMultiplier.greaterThanOne(1.50));
        assertQm(1879048192, 1, QuantizedMultiplier.greaterThanOne(1.75));
        assertQm(2147483647, 1, QuantizedMultiplier.greaterThanOne(2 - 1e-9));
        assertQm(1073741824, 2, QuantizedMultiplier.greaterThanOne(2 - 1e-11));
        assertQm(1073741824, 2, QuantizedMultiplier.greaterThanOne(2));
        assertThrows(IllegalArgumentException.class, () -> QuantizedMultiplier.greaterThanOne(1 + 1e-16));
    }

    @Test
    void tinyMultipliersFlushToZero() {
        assertQm(1073741824, -30, QuantizedMultiplier.of(Math.scalb(1.0, -31)));
        assertQm(1073741824, -31, QuantizedMultiplier.of(Math.scalb(1.0, -32)));
        assertQm(0, 0, QuantizedMultiplier.of(Math.scalb(1.0, -33)));
        assertQm(0, 0, QuantizedMultiplier.of(Double.MIN_VALUE));
        assertQm(0, 0, QuantizedMultiplier.of(0.0));
    }

    @Test
    void negativeMultipliersKeepSign() {
        // quantization_util_test QuantizeMultiplierArray: -4 .. -0.125 all give -2^30 with shifts 3..-2
        double[] w = {-4, -2, -1, -0.5, -0.25, -0.125, 0, 0.125, 0.25, 0.5, 1, 2, 4};
        int[] shifts = {3, 2, 1, 0, -1, -2, 0, -2, -1, 0, 1, 2, 3};
        for (int i = 0; i < w.length; i++) {
            int m = w[i] < 0 ? -1073741824 : w[i] == 0 ? 0 : 1073741824;
            assertQm(m, shifts[i], QuantizedMultiplier.of(w[i]));
        }
    }

    @Test
    void significandAlwaysNormalisedAndCloseToValue() {
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 100_000; i++) {
            double d = Math.scalb(1.0 + r.nextDouble(), r.nextInt(-30, 20));
            QuantizedMultiplier q = QuantizedMultiplier.of(d);
            assertTrue(q.multiplier() >= 1 << 30, () -> d + " -> " + q);
            assertEquals(d, q.toDouble(), d * 0x1p-31);
        }
    }

    @Test
    void frexpHandlesSubnormals() {
        assertEquals(-1073, QuantizedMultiplier.frexpExponent(Double.MIN_VALUE));
        assertEquals(1, QuantizedMultiplier.frexpExponent(1.0));
        assertEquals(0, QuantizedMultiplier.frexpExponent(0.5));
    }

    @Test
    void int16MultiplierRoundsAndSaturates() {
        assertEquals(16384, new QuantizedMultiplier(1 << 30, 0).int16Multiplier());
        assertEquals(32767, new QuantizedMultiplier(Integer.MAX_VALUE, 0).int16Multiplier());
        assertEquals(16385, new QuantizedMultiplier((1 << 30) + (1 << 15), 0).int16Multiplier());
    }
}
