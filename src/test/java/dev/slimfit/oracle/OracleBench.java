package dev.slimfit.oracle;

/**
 * Latency of TFLite 2.6.2 on one model, from Google's own timer
 * ({@code Interpreter.getLastNativeInferenceDurationNanoseconds}, taken around the JNI run call).
 * For the README's comparison table only: never assert on these numbers in tests.
 *
 * @param kind     OK, or why there are no numbers
 * @param message  error text when not OK
 * @param runs     measured runs (after warm-up)
 * @param medianMs median
 * @param minMs    minimum
 * @param meanMs   mean
 * @param p90Ms    90th percentile (nearest rank)
 */
public record OracleBench(OracleResult.Kind kind, String message, int runs, double medianMs, double minMs,
        double meanMs, double p90Ms) {

    static OracleBench of(long[] nanos) {
        long[] s = nanos.clone();
        java.util.Arrays.sort(s);
        int n = s.length;
        double median = n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2.0;
        double mean = java.util.Arrays.stream(s).average().orElse(Double.NaN);
        long p90 = s[Math.max(0, (int) Math.ceil(0.9 * n) - 1)];
        return new OracleBench(OracleResult.Kind.OK, "", n, median / 1e6, s[0] / 1e6, mean / 1e6, p90 / 1e6);
    }

    static OracleBench failure(OracleResult r) {
        return new OracleBench(r.kind(), r.message(), 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    @Override
    public String toString() {
        return kind == OracleResult.Kind.OK
                ? String.format(java.util.Locale.ROOT, "median=%.4f ms min=%.4f mean=%.4f p90=%.4f (n=%d)",
                        medianMs, minMs, meanMs, p90Ms, runs)
                : kind + ": " + message;
    }
}
