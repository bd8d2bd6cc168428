package dev.slimfit.oracle;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.lite.DataType;
import org.tensorflow.lite.Interpreter;
import org.tensorflow.lite.Tensor;

/**
 * Runs TFLite 2.6.2 inside this JVM. Use only for models known to be safe: a model that makes
 * TFLite abort or segfault kills the whole test JVM (see {@link OracleLimitations}); use
 * {@link IsolatedOracle} for anything else. Each call creates and closes its own
 * {@link Interpreter}. Thread-safe (calls share nothing).
 *
 * <p>Failures TFLite reports through its Java API (any {@link RuntimeException}, whose message
 * carries TFLite's error reporter text) become {@link OracleResult.Kind#FAILED}; harness problems
 * ({@link Error}s such as a missing native library) propagate.
 */
public final class InProcessOracle implements Oracle {
    private static final InProcessOracle INSTANCE = new InProcessOracle();

    private InProcessOracle() {
    }

    /** The instance (stateless). */
    public static InProcessOracle get() {
        return INSTANCE;
    }

    @Override
    public OracleResult inspect(byte[] model, OracleOptions opts) {
        return execute(model, null, opts);
    }

    @Override
    public OracleResult run(byte[] model, List<byte[]> inputs, OracleOptions opts) {
        return execute(model, List.copyOf(inputs), opts);
    }

    @Override
    public OracleBench bench(byte[] model, List<byte[]> inputs, int threads, boolean xnnpack, int warmup,
            int runs) {
        if (runs < 1 || warmup < 0) {
            throw new IllegalArgumentException("need runs >= 1 and warmup >= 0");
        }
        OracleOptions opts = OracleOptions.DEFAULT.withThreads(threads).withXnnpack(xnnpack);
        ByteBuffer modelBuffer = direct(model);
        List<OracleTensor> in = List.of();
        try (Interpreter it = open(modelBuffer, opts)) {
            in = describeAll(it, true);
            Object[] feeds = feeds(it, List.copyOf(inputs));
            long[] nanos = new long[runs];
            for (int i = -warmup; i < runs; i++) {
                it.runForMultipleInputsOutputs(feeds, new HashMap<>());
                if (i >= 0) {
                    nanos[i] = it.getLastNativeInferenceDurationNanoseconds();
                }
            }
            return OracleBench.of(nanos);
        } catch (RuntimeException e) {
            return OracleBench.failure(OracleResult.failed(in, describe(e)));
        }
    }

    private static OracleResult execute(byte[] model, List<byte[]> inputs, OracleOptions opts) {
        ByteBuffer modelBuffer = direct(model); // must stay reachable while the interpreter lives
        List<OracleTensor> in = List.of();
        try (Interpreter it = open(modelBuffer, opts)) {
            in = describeAll(it, true);
            if (inputs == null) {
                return OracleResult.ok(in, describeAll(it, false), -1);
            }
            Object[] feeds = feeds(it, inputs);
            it.runForMultipleInputsOutputs(feeds, new HashMap<>());
            long nanos = it.getLastNativeInferenceDurationNanoseconds();
            List<OracleTensor> out = new ArrayList<>();
            for (int k = 0; k < it.getOutputTensorCount(); k++) {
                Tensor t = it.getOutputTensor(k);
                ByteBuffer b = t.asReadOnlyBuffer();
                b.rewind();
                byte[] data = new byte[b.remaining()];
                b.get(data);
                out.add(tensor(k, t, data));
            }
            return OracleResult.ok(in, out, nanos);
        } catch (RuntimeException e) {
            return OracleResult.failed(in, describe(e));
        }
    }

    private static Interpreter open(ByteBuffer model, OracleOptions opts) {
        NativeTflite.load();
        Interpreter.Options o = new Interpreter.Options().setNumThreads(opts.threads());
        if (opts.xnnpack()) {
            o.setUseXNNPACK(true); // false would be the same as not asking: 2.6.2 applies it only when true
        }
        Interpreter it = new Interpreter(model, o);
        try {
            for (Map.Entry<Integer, int[]> e : opts.inputShapes().entrySet()) {
                it.resizeInput(e.getKey(), e.getValue(), false);
            }
            it.allocateTensors();
            return it;
        } catch (RuntimeException e) {
            it.close();
            throw e;
        }
    }

    private static Object[] feeds(Interpreter it, List<byte[]> inputs) {
        int n = it.getInputTensorCount();
        if (inputs.size() != n) {
            throw new IllegalArgumentException("model has " + n + " inputs, got " + inputs.size());
        }
        Object[] feeds = new Object[n];
        for (int i = 0; i < n; i++) {
            Tensor t = it.getInputTensor(i);
            byte[] b = inputs.get(i);
            if (t.dataType() == DataType.STRING) {
                throw new IllegalArgumentException("input " + i + " (" + t.name() + ") is STRING: not supported");
            }
            if (b.length != t.numBytes()) {
                throw new IllegalArgumentException("input " + i + " (" + t.name() + ", " + t.dataType() + " "
                        + Arrays.toString(t.shape()) + ") needs " + t.numBytes() + " bytes, got " + b.length);
            }
            feeds[i] = direct(b);
        }
        return feeds;
    }

    private static List<OracleTensor> describeAll(Interpreter it, boolean inputs) {
        int n = inputs ? it.getInputTensorCount() : it.getOutputTensorCount();
        List<OracleTensor> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(tensor(i, inputs ? it.getInputTensor(i) : it.getOutputTensor(i), new byte[0]));
        }
        return list;
    }

    private static OracleTensor tensor(int index, Tensor t, byte[] data) {
        Tensor.QuantizationParams q = t.quantizationParams();
        return new OracleTensor(index, t.name(), t.dataType().name(), t.shape(), q.getScale(), q.getZeroPoint(),
                data);
    }

    private static ByteBuffer direct(byte[] b) {
        ByteBuffer bb = ByteBuffer.allocateDirect(b.length).order(ByteOrder.nativeOrder());
        bb.put(b).rewind();
        return bb;
    }

    private static String describe(RuntimeException e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getName() : m.strip();
    }
}
