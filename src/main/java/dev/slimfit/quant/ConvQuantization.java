package dev.slimfit.quant;

/**
 * Requantization multipliers for CONV_2D / DEPTHWISE_CONV_2D / FULLY_CONNECTED / TRANSPOSE_CONV,
 * as TFLite 2.6.2's kernel_util.cc computes them ({@code PopulateConvolutionQuantizationParams},
 * {@code GetQuantizedConvolutionMultipler}).
 *
 * <p>Two formulas coexist and differ in the last bit of the multiplier for some scales:
 * <ul>
 *   <li>per channel (int8 and int16x8 kernels): every factor is widened to double first,
 *   {@code (double) inScale * (double) filterScale[c] / (double) outScale};</li>
 *   <li>legacy per tensor (uint8 kernels): the input and filter scales are multiplied in
 *   <em>float</em>, then widened: {@code (double) (inScale * filterScale) / (double) outScale}.</li>
 * </ul>
 * Using the wrong one changes outputs by one quantum on some models.
 */
public final class ConvQuantization {
    private ConvQuantization() {
    }

    /**
     * Per-channel multipliers, one per output channel. A single filter scale (per-tensor
     * quantization) is broadcast to {@code numChannels} entries, as TFLite does.
     *
     * @param filterScales one scale, or {@code numChannels} scales
     */
    public static QuantizedMultiplier[] perChannelMultipliers(float inputScale, float[] filterScales,
                                                              float outputScale, int numChannels) {
        if (filterScales.length != 1 && filterScales.length != numChannels) {
            throw new IllegalArgumentException("expected 1 or " + numChannels + " filter scales, got "
                    + filterScales.length);
        }
        QuantizedMultiplier[] out = new QuantizedMultiplier[numChannels];
        for (int c = 0; c < numChannels; c++) {
            float scale = filterScales.length == 1 ? filterScales[0] : filterScales[c];
            out[c] = QuantizedMultiplier.of(effectiveScale(inputScale, scale, outputScale));
        }
        return out;
    }

    /** {@code input_scale * filter_scale / output_scale}, all in double (per-channel path). */
    public static double effectiveScale(float inputScale, float filterScale, float outputScale) {
        return (double) inputScale * (double) filterScale / (double) outputScale;
    }

    /**
     * TFLite {@code GetQuantizedConvolutionMultipler} without bias: the product of input and filter
     * scale is rounded to float before widening (legacy uint8 path).
     */
    public static double legacyMultiplier(float inputScale, float filterScale, float outputScale) {
        double inputProductScale = (double) (inputScale * filterScale);
        if (inputProductScale < 0) {
            throw new IllegalArgumentException("negative input product scale");
        }
        return inputProductScale / (double) outputScale;
    }

    /**
     * TFLite's bias-scale sanity check used with the legacy multiplier: |in*filter - bias| / out must
     * be at most 0.02 (here the product is in double, as in TFLite's overload that takes the bias).
     */
    public static boolean biasScaleIsConsistent(float inputScale, float filterScale, float biasScale,
                                                float outputScale) {
        double inputProductScale = (double) inputScale * (double) filterScale;
        double diff = Math.abs(inputProductScale - (double) biasScale);
        return diff / (double) outputScale <= 0.02;
    }

    /**
     * The legacy uint8 per-tensor parameters: TFLite stores them as {@code (multiplier, -exponent)}
     * ("right shift is positive"); this returns the plain {@link QuantizedMultiplier} (left shift
     * positive), and callers negate the shift if they keep TFLite's legacy convention.
     */
    public static QuantizedMultiplier legacyPerTensorMultiplier(float inputScale, float filterScale,
                                                                float outputScale) {
        return QuantizedMultiplier.of(legacyMultiplier(inputScale, filterScale, outputScale));
    }
}
