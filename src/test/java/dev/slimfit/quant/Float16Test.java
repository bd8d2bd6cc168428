package dev.slimfit.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Float16Test {
    /** Every non-negative finite half as an exact double, plus 65536 standing for infinity (code 0x7C00). */
    private static final double[] MAGNITUDES = new double[0x7C01];

    static {
        for (int h = 0; h < 0x7C00; h++) {
            int e = h >> 10;
            int m = h & 0x3FF;
            MAGNITUDES[h] = e == 0 ? m * 0x1p-24 : (1024 + m) * Math.scalb(1.0, e - 25);
        }
        MAGNITUDES[0x7C00] = 65536.0;
    }

    /** Reference: nearest half by search over all halves, ties to the even code. */
    private static int reference(float f) {
        double a = Math.abs((double) f);
        int sign = (Float.floatToRawIntBits(f) >>> 16) & 0x8000;
        if (a >= 65536.0) {
            return sign | 0x7C00;
        }
        int i = Arrays.binarySearch(MAGNITUDES, a);
        if (i >= 0) {
            return sign | i;
        }
        int hi = -i - 1;
        int lo = hi - 1;
        double dLo = a - MAGNITUDES[lo];
        double dHi = MAGNITUDES[hi] - a;
        int code = dLo < dHi ? lo : dHi < dLo ? hi : ((lo & 1) == 0 ? lo : hi);
        return sign | code;
    }

    @Test
    void allHalvesRoundTripExactly() {
        for (int h = 0; h < 65536; h++) {
            float f = Float16.toFloat((short) h);
            int back = Float16.fromFloat(f) & 0xFFFF;
            if ((h & 0x7C00) == 0x7C00 && (h & 0x3FF) != 0) {
                assertTrue(Float.isNaN(f));
                assertEquals((h & 0x8000) | 0x7E00, back);
            } else {
                assertEquals(h, back, "half " + Integer.toHexString(h));
                if ((h & 0x7FFF) < 0x7C00) {
                    double expected = MAGNITUDES[h & 0x7FFF] * ((h & 0x8000) != 0 ? -1 : 1);
                    assertEquals(expected, f, 0.0);
                }
            }
        }
    }

    @Test
    void randomFloatsMatchNearestEvenReference() {
        SplittableRandom r = new SplittableRandom(16);
        for (int i = 0; i < 3_000_000; i++) {
            float f = i % 3 == 0 ? Float.intBitsToFloat(r.nextInt())
                    : (float) Math.scalb(r.nextDouble(-2, 2), r.nextInt(-27, 18));
            if (Float.isNaN(f)) {
                continue;
            }
            assertEquals(reference(f), Float16.fromFloat(f) & 0xFFFF, () -> "float " + f);
        }
    }

    @Test
    void edgeCases() {
        assertEquals(0x7BFF, Float16.fromFloat(65504f));
        assertEquals(0x7BFF, Float16.fromFloat(65519.996f));
        assertEquals(0x7C00, Float16.fromFloat(65520f)); // tie -> even code (infinity)
        assertEquals(0x0001, Float16.fromFloat(0x1p-24f));
        assertEquals(0x0000, Float16.fromFloat(0x1p-25f)); // tie -> even (zero)
        assertEquals(0x0001, Float16.fromFloat(Math.nextUp(0x1p-25f)));
        assertEquals(0x0002, Float16.fromFloat(0x1.8p-24f)); // 1.5 ulp tie -> 2
        assertEquals(0x0400, Float16.fromFloat(0x1p-14f)); // smallest normal
        assertEquals(0x8000, Float16.fromFloat(-0.0f) & 0xFFFF);
        assertEquals(0xFC00, Float16.fromFloat(Float.NEGATIVE_INFINITY) & 0xFFFF);
        assertEquals(0x3C00, Float16.fromFloat(1.0f));
        assertEquals(0x3C00, Float16.fromFloat(1.0004883f)); // 1 + 2^-11 tie -> even
        assertEquals(0x3C02, Float16.fromFloat(1.0014648f)); // 1 + 3*2^-11: tie between 0x3C01 and 0x3C02 -> even
        assertEquals(0x7E00, Float16.fromFloat(Float.NaN));
        assertEquals(Float16.MAX_VALUE, Float16.toFloat((short) 0x7BFF));
        assertEquals(Float.POSITIVE_INFINITY, Float16.toFloat(Float16.POSITIVE_INFINITY));
    }
}
