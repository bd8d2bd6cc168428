package dev.slimfit.runtime.kernels.seq;

import dev.slimfit.quant.QuantizationUtil;
import dev.slimfit.quant.QuantizedMath;
import dev.slimfit.quant.QuantizedMultiplier;

/**
 * TFLite 2.6.2's integer layer normalization for LSTM gates (portable_tensor_utils.cc
 * {@code PortableApplyLayerNorm}): mean and variance in 2^10-scaled integers (the variance formula
 * is only exact for power-of-two sizes, as in TFLite), an inverse square root multiplier, then
 * coefficient (int16) and bias (int32) in int32 arithmetic that wraps as the C++ does, rounded
 * division by 1024, and a rescale into Q3.12 with saturation.
 */
final class IntegerLayerNorm {
    private static final int TWO_TO_20 = 1 << 20;

    private IntegerLayerNorm() {
    }

    static void apply(short[] v, int off, int n, short[] weights, int[] bias, int scaleA, int scaleB,
                      int varianceLimit) {
        long sum = 0;
        long sumSq = 0;
        for (int j = 0; j < n; j++) {
            int val = v[off + j];
            sum += val;
            sumSq += val * val;
        }
        int mean = (int) (sum * 1024 / n);
        int temp = TWO_TO_20 / n;
        long variance = sumSq * temp - (long) mean * (long) mean;
        int variance2 = (int) (variance / TWO_TO_20);
        if (variance2 < 1) {
            variance2 = varianceLimit;
        }
        QuantizedMultiplier inv = QuantizationUtil.getInvSqrtQuantizedMultiplierExp(variance2, -1);
        for (int j = 0; j < n; j++) {
            int shifted = 1024 * v[off + j] - mean;
            int rescaled = QuantizedMath.multiplyByQuantizedMultiplier(shifted, inv.multiplier(), inv.shift());
            long val3 = rescaled * weights[j] + bias[j];
            int val4 = (int) ((val3 > 0 ? val3 + 512 : val3 - 512) / 1024);
            int val5 = QuantizedMath.multiplyByQuantizedMultiplier(val4, scaleA, scaleB + 12);
            v[off + j] = (short) Math.max(-32768, Math.min(32767, val5));
        }
    }
}
