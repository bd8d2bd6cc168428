package dev.slimfit.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.slimfit.model.Model;
import dev.slimfit.model.TensorType;
import dev.slimfit.oracle.InProcessOracle;
import dev.slimfit.oracle.Oracle;
import dev.slimfit.oracle.OracleInputs;
import dev.slimfit.oracle.OracleOptions;
import dev.slimfit.oracle.OracleResult;
import dev.slimfit.runtime.Interpreter;
import dev.slimfit.runtime.InterpreterOptions;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.RuntimeTensor;
import dev.slimfit.tflite.TfliteReader;
import dev.slimfit.tflite.TfliteWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs a model in Slimfit's interpreter and in TensorFlow Lite 2.6.2 on the same inputs and
 * compares every output: integer types bit for bit, float32 within
 * {@code |a − b| ≤ tol · max(1, |b|)} (default {@link #FLOAT_TOL}).
 */
public final class Conformance {
    /** The float bar of the project: 1e-4 relative to max(1, |reference|). */
    public static final double FLOAT_TOL = 1e-4;

    private Conformance() {
    }

    /** Seeded inputs for the model's entry subgraph, as the oracle's recipe makes them. */
    public static List<byte[]> inputs(Model model, long seed) {
        var sg = model.mainSubgraph();
        List<byte[]> out = new ArrayList<>();
        int[] in = sg.inputs();
        for (int i = 0; i < in.length; i++) {
            var t = sg.tensor(in[i]);
            out.add(OracleInputs.generate(t.type().name(), t.shape(), OracleInputs.inputSeed(seed, i)));
        }
        return out;
    }

    /** Runs our interpreter on the given inputs and returns each output's bytes. */
    public static List<byte[]> runOurs(Model model, List<byte[]> inputs, int threads) throws KernelException {
        try (Interpreter it = Interpreter.create(model, InterpreterOptions.defaults().withThreads(threads))) {
            for (int i = 0; i < inputs.size(); i++) {
                it.input(i).copyFrom(ByteBuffer.wrap(inputs.get(i)));
            }
            it.invoke();
            List<byte[]> out = new ArrayList<>();
            for (int i = 0; i < it.outputCount(); i++) {
                ByteBuffer b = it.output(i).toByteBuffer();
                byte[] a = new byte[b.remaining()];
                b.get(a);
                out.add(a);
            }
            return out;
        }
    }

    /** Checks a model built in a test (e.g. by {@link SingleOpModel}) on {@code seeds} seeded inputs. */
    public static void check(Model model, int seeds) {
        check(model, seeds, FLOAT_TOL, InProcessOracle.get());
    }

    /** As {@link #check(Model, int)} with an explicit float tolerance and oracle. */
    public static void check(Model model, int seeds, double floatTol, Oracle oracle) {
        ByteBuffer bytes = TfliteWriter.toBytes(model);
        byte[] file = new byte[bytes.remaining()];
        bytes.get(file);
        Model ours;
        try {
            ours = TfliteReader.read(ByteBuffer.wrap(file), "test model");
        } catch (Exception e) {
            throw new AssertionError("our reader rejects the model our writer wrote: " + e.getMessage(), e);
        }
        for (int seed = 0; seed < seeds; seed++) {
            List<byte[]> in = inputs(ours, seed);
            OracleResult ref = oracle.run(file, in, OracleOptions.DEFAULT);
            if (!ref.isOk()) {
                fail("TFLite 2.6.2 cannot run the test model: " + ref.message());
            }
            List<byte[]> got;
            try {
                got = runOurs(ours, in, 1);
            } catch (KernelException e) {
                throw new AssertionError("Slimfit cannot run the model: " + e.getMessage(), e);
            }
            assertEquals(ref.outputs().size(), got.size(), "output count");
            for (int o = 0; o < got.size(); o++) {
                var t = ours.mainSubgraph().tensor(ours.mainSubgraph().outputs()[o]);
                compare(t.name(), t.type(), ref.outputBytes(o), got.get(o), floatTol, "seed " + seed + ", output " + o);
            }
        }
    }

    /** Compares raw output bytes: exact for integer types, tolerance for float32. */
    public static void compare(String name, TensorType type, byte[] expected, byte[] actual, double tol, String where) {
        if (expected.length != actual.length) {
            fail(where + " '" + name + "': size " + actual.length + " bytes, TFLite gives " + expected.length);
        }
        if (type == TensorType.FLOAT32) {
            ByteBuffer e = ByteBuffer.wrap(expected).order(ByteOrder.LITTLE_ENDIAN);
            ByteBuffer a = ByteBuffer.wrap(actual).order(ByteOrder.LITTLE_ENDIAN);
            int n = expected.length / 4;
            for (int i = 0; i < n; i++) {
                float b = e.getFloat(4 * i);
                float x = a.getFloat(4 * i);
                boolean bothNan = Float.isNaN(b) && Float.isNaN(x);
                if (!bothNan && !(Math.abs(x - b) <= tol * Math.max(1, Math.abs(b))) && x != b) {
                    fail(where + " '" + name + "'[" + i + "]: " + x + ", TFLite gives " + b + " (|diff| "
                            + Math.abs(x - b) + ")");
                }
            }
        } else if (!Arrays.equals(expected, actual)) {
            int first = Arrays.mismatch(expected, actual);
            fail(where + " '" + name + "' (" + type + "): first differing byte " + first + ": " + actual[first]
                    + ", TFLite gives " + expected[first]);
        }
    }

    /** The dequantized values of a runtime tensor, for readable failure messages. */
    public static String preview(RuntimeTensor t) {
        double[] v = t.toDoubles();
        return Arrays.toString(Arrays.copyOf(v, Math.min(8, v.length)));
    }
}
