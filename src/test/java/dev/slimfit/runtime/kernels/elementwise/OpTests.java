package dev.slimfit.runtime.kernels.elementwise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import dev.slimfit.model.BuiltinOp;
import dev.slimfit.model.Model;
import dev.slimfit.model.QuantizationParams;
import dev.slimfit.model.TensorType;
import dev.slimfit.oracle.InProcessOracle;
import dev.slimfit.oracle.OracleOptions;
import dev.slimfit.oracle.OracleResult;
import dev.slimfit.runtime.Interpreter;
import dev.slimfit.runtime.InterpreterOptions;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.testing.Conformance;
import dev.slimfit.testing.SingleOpModel;
import dev.slimfit.tflite.TfliteReader;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/** Builders and oracle checks shared by the elementwise kernel tests. */
final class OpTests {
    static final int SEEDS = 3;

    private OpTests() {
    }

    static QuantizationParams q(double scale, long zp) {
        return QuantizationParams.perTensor((float) scale, zp);
    }

    /** A binary op with two activation inputs. */
    static Model binary(BuiltinOp op, int version, TensorType t, int[] a, QuantizationParams qa, int[] b,
                        QuantizationParams qb, int[] out, QuantizationParams qo, String optTable,
                        Map<String, ?> opts) {
        SingleOpModel m = new SingleOpModel(op, version)
                .input("a", t, a, qa)
                .input("b", t, b, qb)
                .output("y", t, out, qo);
        if (optTable != null) {
            m.options(optTable, opts);
        }
        return m.build();
    }

    /** A unary op with one activation input. */
    static Model unary(BuiltinOp op, int version, TensorType in, QuantizationParams qi, TensorType out,
                       QuantizationParams qo, int[] shape, String optTable, Map<String, ?> opts) {
        SingleOpModel m = new SingleOpModel(op, version)
                .input("x", in, shape, qi)
                .output("y", out, shape, qo);
        if (optTable != null) {
            m.options(optTable, opts);
        }
        return m.build();
    }

    /** Seeded inputs, ours against TFLite 2.6.2. */
    static void check(Model m) {
        Conformance.check(m, SEEDS);
    }

    /** Explicit inputs (little-endian bytes per model input), ours against TFLite 2.6.2. */
    static void checkWith(Model model, List<byte[]> inputs) {
        ByteBuffer bytes = dev.slimfit.tflite.TfliteWriter.toBytes(model);
        byte[] file = new byte[bytes.remaining()];
        bytes.get(file);
        Model ours;
        try {
            ours = TfliteReader.read(ByteBuffer.wrap(file), "test model");
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

    /** Asserts that TFLite 2.6.2 itself refuses the model, and that we refuse it at prepare too. */
    static void bothReject(Model model) {
        byte[] file = new SingleOpModelBytes(model).bytes;
        OracleResult ref = InProcessOracle.get().inspect(file, OracleOptions.DEFAULT);
        if (ref.isOk()) {
            fail("TFLite 2.6.2 accepts the model");
        }
        assertThrows(KernelException.class, () -> {
            try (Interpreter it = Interpreter.create(model, InterpreterOptions.defaults())) {
                it.invoke();
            }
        });
    }

    /** We refuse the model at prepare (a case TFLite 2.6.2 computes out of bounds or undefined). */
    static void weReject(Model model) {
        assertThrows(KernelException.class, () -> {
            try (Interpreter it = Interpreter.create(model, InterpreterOptions.defaults())) {
                it.invoke();
            }
        });
    }

    /** Our interpreter gives the same bytes on two threads as on one (checks the run/row splitting). */
    static void sameOnTwoThreads(Model m) {
        List<byte[]> in = Conformance.inputs(m, 7);
        try {
            List<byte[]> one = Conformance.runOurs(m, in, 1);
            List<byte[]> two = Conformance.runOurs(m, in, 2);
            for (int o = 0; o < one.size(); o++) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(one.get(o), two.get(o), "output " + o);
            }
        } catch (KernelException e) {
            throw new AssertionError(e);
        }
    }

    /** Float32 values as little-endian bytes. */
    static byte[] floats(float... v) {
        return SingleOpModel.toBytes(v);
    }

    private record SingleOpModelBytes(byte[] bytes) {
        SingleOpModelBytes(Model m) {
            this(toArray(dev.slimfit.tflite.TfliteWriter.toBytes(m)));
        }

        private static byte[] toArray(ByteBuffer b) {
            byte[] a = new byte[b.remaining()];
            b.get(a);
            return a;
        }
    }
}
