package dev.slimfit.runtime.conformance;

import static org.junit.jupiter.api.Assertions.fail;

import dev.slimfit.model.Model;
import dev.slimfit.model.Subgraph;
import dev.slimfit.model.Tensor;
import dev.slimfit.model.TensorType;
import dev.slimfit.oracle.IsolatedOracle;
import dev.slimfit.oracle.OracleLimitations;
import dev.slimfit.oracle.OracleOptions;
import dev.slimfit.oracle.OracleResult;
import dev.slimfit.oracle.SharedModels;
import dev.slimfit.runtime.Interpreter;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.KernelRegistry;
import dev.slimfit.runtime.UnsupportedModelException;
import dev.slimfit.testing.Conformance;
import dev.slimfit.tflite.TfliteReader;
import dev.slimfit.tflite.TfliteWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every shared model (except malformed/) run by Slimfit and by TensorFlow Lite 2.6.2 (in a child
 * process, which survives native crashes) on 3 seeded inputs: every output, and every intermediate
 * tensor of subgraph 0 (the model rewritten with all operator outputs as extra subgraph outputs),
 * must match — integers bit for bit, float32 within 1e-4·max(1,|b|).
 *
 * <p>One dynamic test per model, so the suite tracks progress as kernels land. A model Slimfit
 * cannot run fails with "MISSING KERNELS: ..." when TFLite can run it; a model TFLite cannot judge
 * (OracleLimitations, or a clean TFLite failure) is reported, not failed. The summary table is
 * printed and written to {@code target/model-conformance.md}.
 */
class ModelConformanceTest {
    private static final int SEEDS = 3;
    /** Tensor types TFLite 2.6.2's Java API can hand back as outputs. */
    private static final Set<TensorType> READABLE = Set.of(TensorType.FLOAT32, TensorType.INT32, TensorType.UINT8,
            TensorType.INT64, TensorType.BOOL, TensorType.INT16, TensorType.INT8);
    private static final Map<String, String> TABLE = new TreeMap<>();

    @TestFactory
    Stream<DynamicTest> everySharedModelMatchesTflite() {
        return SharedModels.all().stream().map(m -> DynamicTest.dynamicTest(m, () -> check(m)));
    }

    @AfterAll
    static void writeTable() throws IOException {
        if (TABLE.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder("| model | result |\n|---|---|\n");
        TABLE.forEach((k, v) -> sb.append("| ").append(k).append(" | ").append(v.replace('\n', ' ')).append(" |\n"));
        System.out.println("Model conformance against TFLite 2.6.2:\n" + sb);
        Path target = Path.of("target");
        if (Files.isDirectory(target)) {
            Files.writeString(target.resolve("model-conformance.md"), sb.toString());
        }
    }

    private static void check(String path) throws Exception {
        byte[] file = SharedModels.read(path);
        Model model = TfliteReader.read(ByteBuffer.wrap(file), path);
        List<UnsupportedModelException.Problem> missing = Interpreter.unsupportedNodes(model, KernelRegistry.standard());
        var limitation = OracleLimitations.known(path);
        if (limitation.isPresent() && limitation.get().kind() != OracleLimitations.Kind.NONDETERMINISTIC) {
            record(path, "not runnable by TFLite: " + limitation.get().kind() + " — " + limitation.get().reason()
                    + slimfitNote(missing));
            return;
        }
        List<List<byte[]>> inputs = new ArrayList<>();
        for (int seed = 0; seed < SEEDS; seed++) {
            inputs.add(inputsFor(path, model, seed));
        }
        OracleResult probe = IsolatedOracle.shared().run(file, inputs.get(0), OracleOptions.DEFAULT);
        if (!probe.isOk()) {
            record(path, "not runnable by TFLite: " + probe.kind() + " — " + firstLine(probe.message())
                    + slimfitNote(missing));
            return;
        }
        if (!missing.isEmpty()) {
            String ops = missingOps(missing);
            record(path, "not runnable by Slimfit: missing " + ops);
            fail("MISSING KERNELS: " + ops + " (TFLite 2.6.2 runs this model)");
        }
        Stats stats = new Stats();
        compareRuns(path, model, file, inputs, stats, "output");
        Model withIntermediates = withAllIntermediates(model, stats);
        byte[] file2 = bytes(withIntermediates);
        Model reread = TfliteReader.read(ByteBuffer.wrap(file2), path + " (intermediates)");
        compareRuns(path, reread, file2, inputs, stats, "intermediate");
        record(path, stats.summary());
    }

    /** The seeded inputs; the one model whose input is an output shape gets the shape it was made for. */
    private static List<byte[]> inputsFor(String path, Model model, int seed) {
        List<byte[]> in = Conformance.inputs(model, seed);
        if (path.equals("int16/seanet_transpose_conv0.tflite")) {
            // OracleLimitations: any other output_shape makes 2.6.2 read uninitialised memory.
            ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            b.putInt(1).putInt(3).putInt(12).putInt(64);
            in.set(0, b.array());
        }
        return in;
    }

    /**
     * The project's float bar (1e-4 relative) is for model outputs, and the output run checks it.
     * Float intermediates deep inside a network carry accumulated rounding differences of a
     * different summation order (yolox_nano reaches 1.04e-4 at one node while its outputs pass),
     * so they are held to 1e-3 — loose enough for rounding, tight enough to catch a wrong kernel —
     * and their maximum error is still reported. Integer intermediates stay bit-exact.
     */
    static final double FLOAT_INTERMEDIATE_TOL = 1e-3;

    /**
     * Open deviations from the 1e-4 output bar, each measured and tracked in the interpreter
     * issue's note — listed here by name rather than hidden by a looser global tolerance. Empty:
     * style_transfer_dynamic_384 was held to 1e-2 (output 1.13e-3, intermediates 6.3e-3) until its
     * first diverging node was found — a float 1x1 CONV_2D on the 1x1x100 style bottleneck that
     * 2.6.2 sums in Eigen's SSE GEMV lane order (EigenGemv); its 1-ulp differences moved int8
     * codes of a hybrid conv downstream. It now meets the bar (measured: only the final LOGISTIC
     * differs, by 9.7e-8).
     */
    static final java.util.Map<String, Double> KNOWN_FLOAT_DRIFT = java.util.Map.of();

    private static void compareRuns(String path, Model model, byte[] file, List<List<byte[]>> inputs, Stats stats,
                                    String what) throws KernelException {
        Subgraph sg = model.mainSubgraph();
        for (int seed = 0; seed < inputs.size(); seed++) {
            OracleResult ref = IsolatedOracle.shared().run(file, inputs.get(seed), OracleOptions.DEFAULT);
            if (!ref.isOk()) {
                record(path, "TFLite failed on the " + what + " run: " + firstLine(ref.message()));
                fail("TFLite 2.6.2 failed on the " + what + " run of " + path + ": " + ref.message());
            }
            List<byte[]> got;
            try {
                got = Conformance.runOurs(model, inputs.get(seed), 1);
            } catch (KernelException e) {
                record(path, "Slimfit failed: " + firstLine(e.getMessage()));
                throw new AssertionError("Slimfit cannot run a model TFLite 2.6.2 runs (" + what + " run, seed " + seed
                        + "): " + e.getMessage(), e);
            }
            for (int o = 0; o < got.size(); o++) {
                Tensor t = sg.tensor(sg.outputs()[o]);
                String where = what + " run, seed " + seed + ", output " + o;
                try {
                    stats.observe(t.type(), ref.outputBytes(o), got.get(o));
                    Conformance.compare(t.name(), t.type(), ref.outputBytes(o), got.get(o),
                            what.equals("intermediate")
                                    ? Math.max(FLOAT_INTERMEDIATE_TOL, KNOWN_FLOAT_DRIFT.getOrDefault(path, 0.0))
                                    : KNOWN_FLOAT_DRIFT.getOrDefault(path, Conformance.FLOAT_TOL), where);
                } catch (AssertionError e) {
                    record(path, "MISMATCH at " + where + " '" + t.name() + "': " + firstLine(e.getMessage()));
                    throw e;
                }
            }
        }
    }

    /**
     * Subgraph 0 with every operator output appended to its outputs, except tensors TFLite's Java
     * API cannot return (float16 etc.) and tensors computed from constants only (e.g. DEQUANTIZE of
     * a weight): 2.6.2 evaluates those once into persistent memory and may not hand them back.
     * Downstream tensors still check them. (On mnist/conv_fc_mnist_weightonly_int8 the ±0 that
     * 2.6.2 shows for its DEQUANTIZE outputs are real: the int8 weights are per-channel and 2.6.2's
     * DEQUANTIZE uses the legacy per-tensor scale, 0 for such tensors, so its consumers see zero
     * weights and the softmax output is uniform 0.1.)
     */
    static Model withAllIntermediates(Model model, Stats stats) {
        Subgraph sg = model.mainSubgraph();
        Set<Integer> outs = new LinkedHashSet<>();
        for (int o : sg.outputs()) {
            outs.add(o);
        }
        Set<Integer> constantDerived = new java.util.HashSet<>();
        for (var op : sg.operators()) {
            boolean allConstant = op.inputs().length > 0;
            for (int t : op.inputs()) {
                if (t >= 0 && !constantDerived.contains(t) && (model.dataOf(sg.tensor(t)).isEmpty()
                        || sg.tensor(t).isVariable())) {
                    allConstant = false;
                }
            }
            for (int t : op.outputs()) {
                if (t >= 0 && allConstant) {
                    constantDerived.add(t);
                }
            }
        }
        for (var op : sg.operators()) {
            for (int t : op.outputs()) {
                if (t < 0 || outs.contains(t)) {
                    continue;
                }
                if (constantDerived.contains(t)) {
                    stats.constantOnly++;
                } else if (READABLE.contains(sg.tensor(t).type())) {
                    outs.add(t);
                    stats.intermediates++;
                } else {
                    stats.unreadable++;
                }
            }
        }
        List<Subgraph> subgraphs = new ArrayList<>(model.subgraphs());
        subgraphs.set(0, sg.withOutputs(outs.stream().mapToInt(Integer::intValue).toArray()));
        return model.withSubgraphs(subgraphs);
    }

    private static byte[] bytes(Model m) {
        ByteBuffer b = TfliteWriter.toBytes(m);
        byte[] a = new byte[b.remaining()];
        b.get(a);
        return a;
    }

    private static String missingOps(List<UnsupportedModelException.Problem> missing) {
        Set<String> ops = new LinkedHashSet<>();
        for (var p : missing) {
            ops.add(p.op() + " v" + p.version());
        }
        return String.join(", ", ops);
    }

    private static String slimfitNote(List<UnsupportedModelException.Problem> missing) {
        return missing.isEmpty() ? " (Slimfit has all its kernels)" : " (Slimfit misses " + missingOps(missing) + ")";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }

    private static synchronized void record(String model, String result) {
        TABLE.put(model, result);
    }

    /** Exactness bookkeeping of one model. */
    static final class Stats {
        int intermediates;
        int unreadable;
        int constantOnly;
        int compared;
        boolean allExact = true;
        double maxFloatError;

        void observe(TensorType type, byte[] expected, byte[] actual) {
            compared++;
            if (Arrays.equals(expected, actual)) {
                return;
            }
            allExact = false;
            if (type == TensorType.FLOAT32 && expected.length == actual.length) {
                ByteBuffer e = ByteBuffer.wrap(expected).order(ByteOrder.LITTLE_ENDIAN);
                ByteBuffer a = ByteBuffer.wrap(actual).order(ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < expected.length / 4; i++) {
                    float b = e.getFloat(4 * i);
                    float x = a.getFloat(4 * i);
                    if (!(Float.isNaN(b) && Float.isNaN(x))) {
                        maxFloatError = Math.max(maxFloatError, Math.abs(x - b) / Math.max(1, Math.abs(b)));
                    }
                }
            }
        }

        String summary() {
            String inter = intermediates + " intermediates" + (unreadable > 0 ? "; " + unreadable
                    + " skipped: types TFLite's Java API cannot return" : "") + (constantOnly > 0 ? "; " + constantOnly
                    + " skipped: computed from constants only" : "");
            return (allExact ? "exact" : String.format("max float error %.3g (relative to max(1,|b|))", maxFloatError))
                    + "; " + compared + " tensor comparisons over " + SEEDS + " seeds, " + inter;
        }
    }
}
