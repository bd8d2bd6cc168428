package dev.slimfit.runtime.kernels.shape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.slimfit.model.Model;
import dev.slimfit.model.QuantizationParams;
import dev.slimfit.model.TensorType;
import dev.slimfit.oracle.InProcessOracle;
import dev.slimfit.oracle.OracleOptions;
import dev.slimfit.oracle.OracleResult;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.testing.Conformance;
import dev.slimfit.testing.SingleOpModel;
import dev.slimfit.tflite.TfliteReader;
import java.nio.ByteBuffer;
import java.util.List;

/** Shared bits of the shape kernel tests: quantization parameters per type and explicit-input checks. */
final class ShapeTesting {
    /** Types every data-movement op must handle. */
    static final TensorType[] TYPES = {TensorType.FLOAT32, TensorType.INT8, TensorType.UINT8, TensorType.INT16,
        TensorType.INT32, TensorType.INT64, TensorType.BOOL};

    private ShapeTesting() {
    }

    /** Typical quantization for a type (int16 symmetric), or null for unquantized types. */
    static QuantizationParams q(TensorType t) {
        return switch (t) {
            case INT8 -> QuantizationParams.perTensor(0.05f, -3);
            case UINT8 -> QuantizationParams.perTensor(0.04f, 128);
            case INT16 -> QuantizationParams.perTensor(0.001f, 0);
            default -> null;
        };
    }

    /** A different quantization of the same type, for requantizing paths. */
    static QuantizationParams q2(TensorType t) {
        return switch (t) {
            case INT8 -> QuantizationParams.perTensor(0.09f, 10);
            case UINT8 -> QuantizationParams.perTensor(0.07f, 100);
            case INT16 -> QuantizationParams.perTensor(0.0023f, 0);
            default -> null;
        };
    }

    static void check(SingleOpModel m) {
        Conformance.check(m.build(), 3);
    }

    /**
     * As {@link #check} but retries when TFLite itself fails to invoke (never on a mismatch):
     * 2.6.2's MIRROR_PAD intermittently fails on models it otherwise runs.
     */
    static void checkRetryingOracleFailures(SingleOpModel m) {
        for (int attempt = 1; ; attempt++) {
            try {
                check(m);
                return;
            } catch (AssertionError e) {
                if (attempt == 3 || e.getMessage() == null || !e.getMessage().contains("TFLite 2.6.2 cannot run")) {
                    throw e;
                }
            }
        }
    }

    /** Checks our interpreter with {@code threads} threads against TFLite (one seed). */
    static void checkThreaded(SingleOpModel builder, int threads) {
        Model ours;
        byte[] file = builder.bytes();
        try {
            ours = TfliteReader.read(ByteBuffer.wrap(file), "test");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        List<byte[]> in = Conformance.inputs(ours, 7);
        OracleResult ref = InProcessOracle.get().run(file, in, OracleOptions.DEFAULT).requireOk();
        try {
            List<byte[]> got = Conformance.runOurs(ours, in, threads);
            var t = ours.mainSubgraph().tensor(ours.mainSubgraph().outputs()[0]);
            Conformance.compare(t.name(), t.type(), ref.outputBytes(0), got.get(0), Conformance.FLOAT_TOL,
                    threads + " threads");
        } catch (KernelException e) {
            throw new AssertionError(e);
        }
    }

    /** Runs the model in both interpreters on explicit input bytes and compares every output. */
    static void checkWith(SingleOpModel builder, List<byte[]> inputs) {
        byte[] file = builder.bytes();
        Model ours;
        try {
            ours = TfliteReader.read(ByteBuffer.wrap(file), "test");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        OracleResult ref = InProcessOracle.get().run(file, inputs, OracleOptions.DEFAULT);
        if (!ref.isOk()) {
            fail("TFLite 2.6.2 cannot run the test model: " + ref.message());
        }
        List<byte[]> got;
        try {
            got = Conformance.runOurs(ours, inputs, 1);
        } catch (KernelException e) {
            throw new AssertionError("Slimfit cannot run the model: " + e.getMessage(), e);
        }
        assertEquals(ref.outputs().size(), got.size());
        for (int o = 0; o < got.size(); o++) {
            var t = ours.mainSubgraph().tensor(ours.mainSubgraph().outputs()[o]);
            Conformance.compare(t.name(), t.type(), ref.outputBytes(o), got.get(o), Conformance.FLOAT_TOL,
                    "output " + o);
        }
    }

    /** The oracle's seeded bytes for an input of this type and shape. */
    static byte[] seeded(TensorType t, int[] shape, long seed) {
        return dev.slimfit.oracle.OracleInputs.generate(t.name(), shape, seed);
    }

    static byte[] ints(int... v) {
        return SingleOpModel.toBytes(v);
    }
}
