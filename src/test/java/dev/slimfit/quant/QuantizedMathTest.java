package dev.slimfit.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class QuantizedMathTest {
    private static final int[] EDGES = {Integer.MIN_VALUE, Integer.MIN_VALUE + 1, -1 << 30, -65536, -3, -2, -1, 0,
        1, 2, 3, 65535, 1 << 30, Integer.MAX_VALUE - 1, Integer.MAX_VALUE};

    /** Independent definition: floor(a*b / 2^31 + 1/2) (ties toward +inf), saturated to int32. */
    static int refHighMul(int a, int b) {
        BigDecimal exact = new BigDecimal(BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)))
                .divide(BigDecimal.valueOf(1L << 31)).add(new BigDecimal("0.5"));
        long r = exact.setScale(0, RoundingMode.FLOOR).longValueExact();
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, r));
    }

    /** Independent definition: round(x / 2^e) half away from zero. */
    static int refDivPot(long x, int e) {
        return new BigDecimal(x).divide(BigDecimal.valueOf(2).pow(e)).setScale(0, RoundingMode.HALF_UP).intValueExact();
    }

    @Test
    void highMulSaturatesOnlyMinTimesMin() {
        assertEquals(Integer.MAX_VALUE, QuantizedMath.saturatingRoundingDoublingHighMul(Integer.MIN_VALUE, Integer.MIN_VALUE));
        assertEquals(-Integer.MAX_VALUE, QuantizedMath.saturatingRoundingDoublingHighMul(Integer.MIN_VALUE, Integer.MAX_VALUE));
    }

    @Test
    void highMulMatchesExactRoundingOnEdgesAndRandomPairs() {
        for (int a : EDGES) {
            for (int b : EDGES) {
                assertEquals(refHighMul(a, b), QuantizedMath.saturatingRoundingDoublingHighMul(a, b), a + "*" + b);
            }
        }
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            int a = r.nextInt();
            int b = i % 2 == 0 ? r.nextInt() : r.nextInt(-70000, 70000);
            assertEquals(refHighMul(a, b), QuantizedMath.saturatingRoundingDoublingHighMul(a, b), a + "*" + b);
        }
    }

    @Test
    void highMulTiesGoTowardPositiveInfinity() {
        // 0.5 -> 1 but -0.5 -> 0 and -1.5 -> -1 (VQRDMULH), unlike std::round.
        assertEquals(1, QuantizedMath.saturatingRoundingDoublingHighMul(1, 1 << 30));
        assertEquals(0, QuantizedMath.saturatingRoundingDoublingHighMul(-1, 1 << 30));
        assertEquals(-1, QuantizedMath.saturatingRoundingDoublingHighMul(-3, 1 << 30));
        assertEquals(-1, QuantizedMath.saturatingRoundingDoublingHighMul(-3, 1 << 29)); // -0.75
        assertEquals(0, QuantizedMath.saturatingRoundingDoublingHighMul(1, (1 << 30) - 1));
    }

    @Test
    void roundingDivideByPotNegativeTiesGoAwayFromZero() {
        assertEquals(-3, QuantizedMath.roundingDivideByPOT(-5, 1)); // -2.5
        assertEquals(3, QuantizedMath.roundingDivideByPOT(5, 1)); // 2.5
        assertEquals(-2, QuantizedMath.roundingDivideByPOT(-9, 2)); // -2.25
        assertEquals(-1, QuantizedMath.roundingDivideByPOT(-1 << 30, 31)); // -0.5
        assertEquals(-1, QuantizedMath.roundingDivideByPOT(Integer.MIN_VALUE, 31));
        assertEquals(1, QuantizedMath.roundingDivideByPOT(Integer.MAX_VALUE, 31));
    }

    @Test
    void roundingDivideByPotMatchesExactRoundingForAllExponents() {
        SplittableRandom r = new SplittableRandom(11);
        for (int e = 0; e <= 31; e++) {
            for (int x : EDGES) {
                assertEquals(refDivPot(x, e), QuantizedMath.roundingDivideByPOT(x, e), x + ">>" + e);
            }
            for (int i = 0; i < 5000; i++) {
                int x = r.nextInt();
                assertEquals(refDivPot(x, e), QuantizedMath.roundingDivideByPOT(x, e), x + ">>" + e);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> QuantizedMath.roundingDivideByPOT(1, 32));
    }

    @Test
    void multiplyByQuantizedMultiplierRoundsTwice() {
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 100_000; i++) {
            int x = r.nextInt(-1 << 20, 1 << 20);
            int m = r.nextInt(1 << 30, Integer.MAX_VALUE);
            int shift = r.nextInt(-31, 8);
            int left = Math.max(shift, 0);
            int expected = refDivPot(refHighMul(x * (1 << left), m), Math.max(-shift, 0));
            assertEquals(expected, QuantizedMath.multiplyByQuantizedMultiplier(x, m, shift));
        }
        // Double-rounding witness: 3 * 0.5 = 1.5 -> 2 in the high mul, then 2 / 4 = 0.5 -> 1,
        // although 3 * 0.5 / 4 = 0.375 would round to 0 in one step.
        assertEquals(1, QuantizedMath.multiplyByQuantizedMultiplier(3, 1 << 30, -2));
        assertEquals(-1, QuantizedMath.multiplyByQuantizedMultiplier(-5, 1 << 30, -2)); // -2.5 -> -3 -> -0.75 -> -1
        assertEquals(-1, QuantizedMath.multiplyByQuantizedMultiplier(-3, 1 << 30, -1)); // -1.5 -> -2 -> -1
    }

    @Test
    void smallerThanOneAndGreaterThanOneVariantsAgreeWithGeneralForm() {
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 20_000; i++) {
            int x = r.nextInt(-1 << 16, 1 << 16);
            int m = r.nextInt(1 << 30, Integer.MAX_VALUE);
            int s = r.nextInt(0, 8);
            assertEquals(QuantizedMath.multiplyByQuantizedMultiplier(x, m, -s),
                    QuantizedMath.multiplyByQuantizedMultiplierSmallerThanOneExp(x, m, -s));
            assertEquals(QuantizedMath.multiplyByQuantizedMultiplier(x, m, s),
                    QuantizedMath.multiplyByQuantizedMultiplierGreaterThanOne(x, m, s));
        }
    }

    @Test
    void int64VariantReducesMultiplierTo16BitsAndRoundsHalfUp() {
        SplittableRandom r = new SplittableRandom(9);
        for (int i = 0; i < 100_000; i++) {
            long x = r.nextLong(-(1L << 40), 1L << 40);
            int m = r.nextInt(1 << 30, Integer.MAX_VALUE);
            int shift = r.nextInt(-31, 8);
            long reduced = m >= 0x7FFF0000 ? 0x7FFF : (m + 32768L) >> 16;
            BigInteger prod = BigInteger.valueOf(x).multiply(BigInteger.valueOf(reduced));
            // floor((prod + 2^(k-1)) / 2^k): round half toward +infinity
            int k = 15 - shift;
            long expected = prod.add(BigInteger.ONE.shiftLeft(k - 1)).shiftRight(k).longValue();
            assertEquals((int) expected, QuantizedMath.multiplyByQuantizedMultiplier(x, m, shift));
        }
        // Negative tie goes up (toward +inf): -3 * 0.5 = -1.5 -> -1; -5 * 0.25 = -1.25 -> -1.
        assertEquals(-1, QuantizedMath.multiplyByQuantizedMultiplier(-3L, 1 << 30, 0));
        assertEquals(-1, QuantizedMath.multiplyByQuantizedMultiplier(-5L, 1 << 30, -1));
        // The int32 path with shift 0 is the high mul alone, whose -2.5 tie also goes up, to -2.
        assertEquals(-2, QuantizedMath.multiplyByQuantizedMultiplier(-5, 1 << 30, 0));
        // 2^16 * 0x7FFF / 2^15 = 65534 (uncapped, 0x8000 would give 65536).
        assertEquals(65534, QuantizedMath.multiplyByQuantizedMultiplier(1L << 16, Integer.MAX_VALUE, 0));
    }

    @Test
    void saturatingLeftShiftSaturatesBothWays() {
        assertEquals(Integer.MAX_VALUE, QuantizedMath.saturatingLeftShift(1 << 30, 1));
        assertEquals(Integer.MIN_VALUE, QuantizedMath.saturatingLeftShift(-(1 << 30) - 1, 1));
        assertEquals((1 << 30) - 2, QuantizedMath.saturatingLeftShift((1 << 29) - 1, 1));
        assertEquals(-8, QuantizedMath.saturatingRoundingMultiplyByPOT(-2, 2));
        assertEquals(-2, QuantizedMath.saturatingRoundingMultiplyByPOT(-6, -2)); // -1.5 away from zero
    }

    @Test
    void countLeadingBits() {
        assertEquals(32, QuantizedMath.countLeadingZeros(0));
        assertEquals(0, QuantizedMath.countLeadingZeros(-1));
        assertEquals(31, QuantizedMath.countLeadingSignBits(0));
        assertEquals(31, QuantizedMath.countLeadingSignBits(-1));
        assertEquals(0, QuantizedMath.countLeadingSignBits(Integer.MIN_VALUE));
        assertEquals(29, QuantizedMath.countLeadingSignBits(2));
        assertEquals(30, QuantizedMath.countLeadingSignBits(-2));
    }

    @Test
    void saturatingAddSubAndHalfSum() {
        assertEquals(Integer.MAX_VALUE, QuantizedMath.saturatingAdd(Integer.MAX_VALUE, 1));
        assertEquals(Integer.MIN_VALUE, QuantizedMath.saturatingSub(Integer.MIN_VALUE, 1));
        assertEquals(2, QuantizedMath.roundingHalfSum(1, 2));
        assertEquals(-2, QuantizedMath.roundingHalfSum(-1, -2));
        assertEquals(Integer.MAX_VALUE, QuantizedMath.roundingHalfSum(Integer.MAX_VALUE, Integer.MAX_VALUE));
    }
}
