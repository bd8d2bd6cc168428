package dev.slimfit.oracle;

import java.util.Arrays;
import java.util.List;

/**
 * What TFLite 2.6.2 did with a model: the same type from {@link InProcessOracle} and
 * {@link IsolatedOracle}.
 *
 * @param kind        outcome
 * @param inputs      the interpreter's inputs (no data); empty if the model did not load
 * @param outputs     ALL outputs of subgraph 0 in order, with data after a run; empty unless OK
 * @param message     TFLite's error message (FAILED), the child's exit code and stderr tail
 *                    (CRASHED), or what timed out (TIMEOUT); empty when OK
 * @param exitCode    the child's exit code for CRASHED (134 = abort/SIGABRT), else 0
 * @param nativeNanos {@code getLastNativeInferenceDurationNanoseconds} of the run, -1 if none
 */
public record OracleResult(Kind kind, List<OracleTensor> inputs, List<OracleTensor> outputs, String message,
        int exitCode, long nativeNanos) {

    /** Outcome of an oracle call. */
    public enum Kind {
        /** Ran (or, for inspect, loaded and allocated). */
        OK,
        /** TFLite refused the model or failed cleanly; {@link #message()} has its error. */
        FAILED,
        /** The worker process died (native crash, abort); only from {@link IsolatedOracle}. */
        CRASHED,
        /** The worker did not answer in time and was killed; only from {@link IsolatedOracle}. */
        TIMEOUT
    }

    /** Copies the lists. */
    public OracleResult {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    static OracleResult ok(List<OracleTensor> in, List<OracleTensor> out, long nanos) {
        return new OracleResult(Kind.OK, in, out, "", 0, nanos);
    }

    static OracleResult failed(List<OracleTensor> in, String message) {
        return new OracleResult(Kind.FAILED, in, List.of(), message, 0, -1);
    }

    static OracleResult crashed(int exitCode, String message) {
        return new OracleResult(Kind.CRASHED, List.of(), List.of(), message, exitCode, -1);
    }

    static OracleResult timeout(String message) {
        return new OracleResult(Kind.TIMEOUT, List.of(), List.of(), message, 0, -1);
    }

    /** {@code kind == OK}. */
    public boolean isOk() {
        return kind == Kind.OK;
    }

    /** This result if OK, else an {@link AssertionError} carrying kind and message (for tests). */
    public OracleResult requireOk() {
        if (!isOk()) {
            throw new AssertionError("TFLite oracle " + kind + ": " + message);
        }
        return this;
    }

    /** Raw bytes of output {@code i}. */
    public byte[] outputBytes(int i) {
        return outputs.get(i).data();
    }

    /** True if both are OK with the same number of outputs and byte-identical data. */
    public boolean sameOutputBytes(OracleResult other) {
        if (!isOk() || !other.isOk() || outputs.size() != other.outputs.size()) {
            return false;
        }
        for (int i = 0; i < outputs.size(); i++) {
            if (!Arrays.equals(outputBytes(i), other.outputBytes(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return kind + (message.isEmpty() ? "" : " (" + message + ")") + " inputs=" + inputs + " outputs=" + outputs;
    }
}
