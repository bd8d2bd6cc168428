package dev.slimfit.optimize;

/**
 * How activation ranges are found from representative samples.
 *
 * @param method     MIN_MAX (what TFLite's converter does), PERCENTILE (clip outliers), MSE
 *                   (range minimising quantization error)
 * @param percentile for PERCENTILE: the kept percentile, e.g. 99.99
 * @param samples    how many samples to run (default 100)
 */
public record CalibrationSpec(Method method, double percentile, int samples) {
    /** Range estimation methods. */
    public enum Method { MIN_MAX, PERCENTILE, MSE }

    /** Min/max over 100 samples, as TFLite's converter. */
    public static final CalibrationSpec DEFAULT = new CalibrationSpec(Method.MIN_MAX, 99.99, 100);

    public CalibrationSpec {
        if (method == null) {
            throw new IllegalArgumentException("method is required");
        }
        if (samples < 1) {
            throw new IllegalArgumentException("samples must be at least 1, got " + samples);
        }
        if (!(percentile > 50 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile must be in (50, 100], got " + percentile);
        }
    }
}
