package dev.slimfit.runtime.kernels.shape;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimfit.model.Buffer;
import dev.slimfit.model.BuiltinOp;
import dev.slimfit.model.Model;
import dev.slimfit.model.Operator;
import dev.slimfit.model.Subgraph;
import dev.slimfit.model.Tensor;
import dev.slimfit.oracle.InProcessOracle;
import dev.slimfit.oracle.OracleLimitations;
import dev.slimfit.oracle.OracleOptions;
import dev.slimfit.oracle.SharedModels;
import dev.slimfit.runtime.KernelRegistry;
import dev.slimfit.runtime.kernels.ShapeKernels;
import dev.slimfit.testing.Conformance;
import dev.slimfit.tflite.TfliteReader;
import dev.slimfit.tflite.TfliteWriter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shape-family node of the shared real models (mobilenets, deeplab, SSD, ...), cut out as a
 * single-op model with its real shapes, options, quantization and constants, and checked against
 * TFLite 2.6.2 on seeded inputs. Nodes whose seeded inputs TFLite itself rejects (e.g. computed
 * indices) are skipped.
 */
class RealModelShapeOpsTest {
    static Stream<String> models() {
        Assumptions.assumeTrue(SharedModels.available(), "shared models not available");
        return SharedModels.all().stream().filter(OracleLimitations::safeInProcess);
    }

    @ParameterizedTest
    @MethodSource("models")
    void shapeNodesMatchTflite(String name) throws Exception {
        Model model = TfliteReader.read(ByteBuffer.wrap(SharedModels.read(name)), name);
        KernelRegistry shape = new KernelRegistry();
        ShapeKernels.register(shape);
        Subgraph sg = model.mainSubgraph();
        Set<String> seen = new HashSet<>();
        int checked = 0;
        for (Operator op : sg.operators()) {
            if (op.code().isCustom() || op.code().op().isEmpty() || !shape.builtinOps().contains(op.code().op().get())) {
                continue;
            }
            BuiltinOp kind = op.code().op().get();
            if ((kind == BuiltinOp.GATHER || kind == BuiltinOp.GATHER_ND) && !isConstant(model, sg, op.input(1))
                    || kind == BuiltinOp.SCATTER_ND && !isConstant(model, sg, op.input(0))) {
                // Seeded indices are out of range; 2.6.2 does not bounds-check GATHER_ND (it reads
                // outside the tensor) while we refuse, so such nodes cannot be compared.
                continue;
            }
            Model single = extract(model, sg, op);
            if (single == null || !seen.add(signature(single))) {
                continue;
            }
            byte[] file = bytes(single);
            Model reread = TfliteReader.read(ByteBuffer.wrap(file), "node");
            if (!InProcessOracle.get().run(file, Conformance.inputs(reread, 0), OracleOptions.DEFAULT).isOk()) {
                continue;
            }
            try {
                Conformance.check(reread, 2);
            } catch (AssertionError e) {
                throw new AssertionError(name + ": " + op.code().op().get() + " " + op + ": " + e.getMessage(), e);
            }
            checked++;
        }
        Assumptions.assumeTrue(checked > 0, "no shape-family nodes in " + name);
        assertTrue(checked > 0);
    }

    private static byte[] bytes(Model m) {
        ByteBuffer b = TfliteWriter.toBytes(m);
        byte[] a = new byte[b.remaining()];
        b.get(a);
        return a;
    }

    private static String signature(Model m) {
        StringBuilder sb = new StringBuilder();
        Subgraph s = m.mainSubgraph();
        sb.append(s.operators().get(0));
        for (Tensor t : s.tensors()) {
            sb.append(t).append(t.quantization());
        }
        for (Buffer b : m.buffers()) {
            sb.append(Arrays.hashCode(b.bytes()));
        }
        return sb.toString();
    }

    /** The node as a one-op model: constants keep their data, other inputs become model inputs. */
    private static Model extract(Model model, Subgraph sg, Operator op) {
        List<Tensor> tensors = new ArrayList<>();
        List<Buffer> buffers = new ArrayList<>(List.of(Buffer.empty()));
        List<Integer> modelInputs = new ArrayList<>();
        int[] ins = new int[op.inputCount()];
        for (int i = 0; i < ins.length; i++) {
            int ti = op.input(i);
            if (ti < 0) {
                ins[i] = -1;
                continue;
            }
            Tensor t = sg.tensor(ti);
            if (t.isVariable() || t.sparsity() != null || hasDynamicDims(t)) {
                return null;
            }
            Buffer data = model.dataOf(t);
            if (data != null && !data.isEmpty()) {
                buffers.add(Buffer.of(data.bytes()));
                tensors.add(t.withBuffer(buffers.size() - 1));
            } else {
                tensors.add(t.withBuffer(0));
                modelInputs.add(tensors.size() - 1);
            }
            ins[i] = tensors.size() - 1;
        }
        if (modelInputs.isEmpty()) {
            return null;
        }
        int[] outs = new int[op.outputCount()];
        for (int i = 0; i < outs.length; i++) {
            tensors.add(sg.tensor(op.output(i)).withBuffer(0));
            outs[i] = tensors.size() - 1;
        }
        Operator node = Operator.of(op.code(), ins, outs, op.options());
        Subgraph s = new Subgraph("main", tensors, modelInputs.stream().mapToInt(Integer::intValue).toArray(), outs,
                List.of(node));
        return new Model(3, "node", List.of(s), buffers, List.of(), List.of(), null, null);
    }

    private static boolean isConstant(Model model, Subgraph sg, int tensor) {
        return tensor >= 0 && !model.dataOf(sg.tensor(tensor)).isEmpty();
    }

    private static boolean hasDynamicDims(Tensor t) {
        int[] sig = t.shapeSignature();
        return sig != null && Arrays.stream(sig).anyMatch(d -> d < 0);
    }
}
