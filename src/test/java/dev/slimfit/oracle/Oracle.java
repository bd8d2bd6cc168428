package dev.slimfit.oracle;

import java.util.List;

/**
 * TensorFlow Lite 2.6.2 as the judge of our reader, writer, kernels and exports. Two
 * implementations return the same types: {@link InProcessOracle} (fast; only for models known not
 * to crash TFLite) and {@link IsolatedOracle} (a reusable child JVM; survives native crashes).
 */
public interface Oracle {

    /**
     * Loads the model, allocates tensors (after resizing per {@code opts}) and reports inputs and
     * outputs without running.
     */
    OracleResult inspect(byte[] model, OracleOptions opts);

    /**
     * Runs the model once on a fresh interpreter.
     *
     * @param inputs raw little-endian bytes for each input of subgraph 0, in input order; each must
     *               be exactly the input's byte size
     * @return every output of subgraph 0, in order, or the failure
     */
    OracleResult run(byte[] model, List<byte[]> inputs, OracleOptions opts);

    /** Median/min/mean/p90 of {@code runs} native inference times after {@code warmup} runs. */
    OracleBench bench(byte[] model, List<byte[]> inputs, int threads, boolean xnnpack, int warmup, int runs);
}
