package dev.slimfit.quant;

import java.util.function.DoubleUnaryOperator;

/**
 * The int16 table-based paths of TFLite 2.6.2.
 *
 * <p><b>LOGISTIC / TANH, int16</b> (activations.cc, reference/integer_ops/logistic.h, tanh.h): when
 * the input scale is not the power of two 2^-12 (tanh: 2^-12 or 2^-11), prepare computes an integer
 * input multiplier ({@link #prepareLogistic}, {@link #prepareTanh}) and eval interpolates a fixed
 * 256-entry table of sigmoid(i/24) in 0.16 format (tanh reuses it as 2*sigmoid(2x)-1). When the scale
 * is such a power of two, the default kernel instead runs gemmlowp's {@link FixedPoint#logistic} /
 * {@link FixedPoint#tanh} on int16 raws in Q3 (multiplier reported as 0 here).
 *
 * <p><b>SOFTMAX, int16</b>: two 513-entry tables built in double by {@link #genLut} (exp on [-10, 0]
 * and 1/(1+x) on [0, 1]) read with linear interpolation by {@link #lookup}.
 */
public final class Int16Lut {
    private Int16Lut() {
    }

    /** Entries in the int16 softmax tables (512 intervals plus one for the last slope). */
    public static final int SOFTMAX_LUT_SIZE = 513;

    /** sigmoid(i/24) * 65536 for i in [0, 255], clamped to 65535; TFLite's {@code sigmoid_table_uint16}. */
    private static final int[] SIGMOID_TABLE = {
        32768, 33451, 34133, 34813, 35493, 36169, 36843, 37513, 38180, 38841, 39498,
        40149, 40794, 41432, 42064, 42688, 43304, 43912, 44511, 45102, 45683, 46255,
        46817, 47369, 47911, 48443, 48964, 49475, 49975, 50464, 50942, 51409, 51865,
        52311, 52745, 53169, 53581, 53983, 54374, 54755, 55125, 55485, 55834, 56174,
        56503, 56823, 57133, 57433, 57724, 58007, 58280, 58544, 58800, 59048, 59288,
        59519, 59743, 59959, 60168, 60370, 60565, 60753, 60935, 61110, 61279, 61441,
        61599, 61750, 61896, 62036, 62172, 62302, 62428, 62549, 62666, 62778, 62886,
        62990, 63090, 63186, 63279, 63368, 63454, 63536, 63615, 63691, 63765, 63835,
        63903, 63968, 64030, 64090, 64148, 64204, 64257, 64308, 64357, 64405, 64450,
        64494, 64536, 64576, 64614, 64652, 64687, 64721, 64754, 64786, 64816, 64845,
        64873, 64900, 64926, 64950, 64974, 64997, 65019, 65039, 65060, 65079, 65097,
        65115, 65132, 65149, 65164, 65179, 65194, 65208, 65221, 65234, 65246, 65258,
        65269, 65280, 65291, 65301, 65310, 65319, 65328, 65337, 65345, 65352, 65360,
        65367, 65374, 65381, 65387, 65393, 65399, 65404, 65410, 65415, 65420, 65425,
        65429, 65433, 65438, 65442, 65445, 65449, 65453, 65456, 65459, 65462, 65465,
        65468, 65471, 65474, 65476, 65479, 65481, 65483, 65485, 65488, 65489, 65491,
        65493, 65495, 65497, 65498, 65500, 65501, 65503, 65504, 65505, 65507, 65508,
        65509, 65510, 65511, 65512, 65513, 65514, 65515, 65516, 65517, 65517, 65518,
        65519, 65520, 65520, 65521, 65522, 65522, 65523, 65523, 65524, 65524, 65525,
        65525, 65526, 65526, 65526, 65527, 65527, 65528, 65528, 65528, 65529, 65529,
        65529, 65529, 65530, 65530, 65530, 65530, 65531, 65531, 65531, 65531, 65531,
        65532, 65532, 65532, 65532, 65532, 65532, 65533, 65533, 65533, 65533, 65533,
        65533, 65533, 65533, 65534, 65534, 65534, 65534, 65534, 65534, 65534, 65534,
        65534, 65534, 65535};

    /** The table value at {@code i} (0..255), for tests and documentation. */
    public static int sigmoidTable(int i) {
        return SIGMOID_TABLE[i];
    }

    /**
     * Prepare-time input parameters for int16 LOGISTIC: {@code (0, 0)} when the scale is 2^-12
     * (power-of-two path), else the LUT multiplier for scale 1/(3*4096) per unit. The multiplier is
     * doubled until it exceeds 32767/2 (at most 31 times) and then truncated, as TFLite does.
     */
    public static QuantizedMultiplier prepareLogistic(float inputScale) {
        QuantizationUtil.Log2 log2 = QuantizationUtil.checkedLog2(inputScale);
        int leftShift = 12 + log2.rounded();
        if (log2.isPowerOfTwo() && leftShift == 0) {
            return new QuantizedMultiplier(0, 0);
        }
        return lutMultiplier(inputScale);
    }

    /** As {@link #prepareLogistic} for TANH, whose power-of-two path also accepts a left shift of 1. */
    public static QuantizedMultiplier prepareTanh(float inputScale) {
        QuantizationUtil.Log2 log2 = QuantizationUtil.checkedLog2(inputScale);
        int leftShift = 12 + log2.rounded();
        if (log2.isPowerOfTwo() && (leftShift == 0 || leftShift == 1)) {
            return new QuantizedMultiplier(0, leftShift);
        }
        return lutMultiplier(inputScale);
    }

    private static QuantizedMultiplier lutMultiplier(float inputScale) {
        double multiplier = (double) inputScale * 4096.0 * 3.0;
        int leftShift = 0;
        while (multiplier <= 32767.0 / 2.0 && leftShift <= 30) {
            leftShift++;
            multiplier *= 2.0;
        }
        return new QuantizedMultiplier((int) multiplier, leftShift);
    }

    /** Rescales as the LUT kernels do; a zero multiplier means the power-of-two case (3 * 2^shift). */
    private static int scaleInput(int x, int multiplier, int leftShift) {
        if (multiplier == 0) {
            multiplier = 3 << leftShift;
            leftShift = 0;
        }
        int round = leftShift > 0 ? 1 << (leftShift - 1) : 0;
        return (x * multiplier + round) >> leftShift;
    }

    /**
     * Reference int16 LOGISTIC for one element (output scale 2^-15). The interpolation works on |x|
     * and mirrors for negative inputs; the final rounding offsets differ by one between the two
     * branches so that the mirror is exact in the table's 0.16 format.
     */
    public static int logistic(int x, int multiplier, int leftShift) {
        int in = scaleInput(x, multiplier, leftShift);
        int abs = Math.abs(in);
        int uh = abs >>> 9;
        int result;
        if (uh >= 255) {
            result = 0x7FFF << 10;
        } else {
            int ua = SIGMOID_TABLE[uh];
            int ub = SIGMOID_TABLE[uh + 1];
            result = (ua << 9) + (abs & 0x1FF) * (ub - ua);
        }
        result = in >= 0 ? result + (1 << 9) : (1 << 25) - result + (1 << 9) - 1;
        return (short) (result >>> 10);
    }

    /** Reference int16 TANH for one element (output scale 2^-15), as 2*sigmoid(2x)-1 on the same table. */
    public static int tanh(int x, int multiplier, int leftShift) {
        int in = scaleInput(x, multiplier, leftShift);
        int abs = Math.abs(in);
        int uh = abs >>> 8;
        int result;
        if (uh >= 255) {
            result = 0xFFFF << 8;
        } else {
            int ua = SIGMOID_TABLE[uh];
            int ub = SIGMOID_TABLE[uh + 1];
            result = (ua << 8) + (abs & 0xFF) * (ub - ua);
        }
        result = in >= 0 ? result - (1 << 23) + (1 << 7) : -result + (1 << 23) + (1 << 7) - 1;
        return (short) (result >> 8);
    }

    /**
     * TFLite 2.6.2 {@code gen_lut} (double version): samples {@code func} at {@code num} points of
     * [min, max] in Q0.15, and biases each entry by half the error that linear interpolation makes at
     * the interval's midpoint, so interpolation errors are centred instead of one-sided. All roundings
     * are {@code std::round} (half away from zero); {@code func} should be StrictMath-based so the
     * table is reproducible.
     */
    public static short[] genLut(DoubleUnaryOperator func, double min, double max, int num) {
        short[] table = new short[num];
        double step = (max - min) / (num - 1);
        double halfStep = step / 2.0;
        for (int i = 0; i < num - 1; i++) {
            double sample = Rounding.round(func.applyAsDouble(min + i * step) * 32768.0);
            double midpointInterp = Rounding.round((func.applyAsDouble(min + (i + 1) * step) * 32768.0
                    + Rounding.round(func.applyAsDouble(min + i * step) * 32768.0)) / 2.0);
            double midpoint = Rounding.round(func.applyAsDouble(min + i * step + halfStep) * 32768.0);
            double bias = Rounding.round((midpointInterp - midpoint) / 2.0);
            table[i] = (short) Math.min(Math.max(sample - bias, -32768.0), 32767.0);
        }
        table[num - 1] = (short) Math.min(Math.max(Rounding.round(func.applyAsDouble(max) * 32768.0), -32768.0), 32767.0);
        return table;
    }

    /** The int16 SOFTMAX exp table: exp(x) for x in [-10, 0]. */
    public static short[] softmaxExpLut() {
        return genLut(StrictMath::exp, -10.0, 0.0, SOFTMAX_LUT_SIZE);
    }

    /** The int16 SOFTMAX reciprocal table: 1/(1+x) for x in [0, 1]. */
    public static short[] softmaxOneOverOnePlusXLut() {
        return genLut(x -> 1.0 / (1.0 + x), 0.0, 1.0, SOFTMAX_LUT_SIZE);
    }

    /**
     * TFLite {@code generic_int16_table_lookup}: the top 9 bits of the (signed) input pick one of 512
     * intervals, the low 7 bits interpolate linearly with round-half-up; the slope and the result are
     * narrowed to int16 as in C++.
     */
    public static int lookup(int value, short[] lut) {
        int index = 256 + (value >> 7);
        int offset = value & 0x7F;
        int base = lut[index];
        int slope = (short) (lut[index + 1] - lut[index]);
        int delta = (slope * offset + 64) >> 7;
        return (short) (base + delta);
    }
}
