package dev.slimfit.runtime.kernels.seq;

import dev.slimfit.model.Model;
import dev.slimfit.model.Operator;
import dev.slimfit.model.Subgraph;
import dev.slimfit.model.Tensor;
import dev.slimfit.oracle.SharedModels;
import dev.slimfit.tflite.TfliteReader;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Test helpers: real shared models, and single operators cut out of them with their real weights. */
final class ModelSlices {
    private ModelSlices() {
    }

    /** A shared model (skips the test when ../shared is absent). */
    static Model shared(String relative) {
        try {
            return TfliteReader.read(ByteBuffer.wrap(SharedModels.read(relative)), relative);
        } catch (Exception e) {
            throw new AssertionError("cannot read " + relative + ": " + e.getMessage(), e);
        }
    }

    /** Indices of the operators of subgraph 0 whose code name is {@code opName}. */
    static List<Integer> find(Model m, String opName) {
        List<Integer> out = new ArrayList<>();
        List<Operator> ops = m.mainSubgraph().operators();
        for (int i = 0; i < ops.size(); i++) {
            if (ops.get(i).code().displayName().equals(opName)) {
                out.add(i);
            }
        }
        return out;
    }

    /**
     * Subgraph 0 reduced to operator {@code index}: its non-constant, non-variable inputs become the
     * model inputs and its outputs the model outputs; all tensors and buffers are kept as they are.
     */
    static Model slice(Model m, int index) {
        Subgraph sg = m.mainSubgraph();
        Operator op = sg.operators().get(index);
        List<Integer> in = new ArrayList<>();
        for (int t : op.inputs()) {
            if (t < 0) {
                continue;
            }
            Tensor tensor = sg.tensor(t);
            if (!tensor.isVariable() && m.dataOf(tensor).isEmpty() && !in.contains(t)) {
                in.add(t);
            }
        }
        Subgraph cut = sg.withOperators(List.of(op))
                .withInputs(in.stream().mapToInt(Integer::intValue).toArray())
                .withOutputs(op.outputs());
        List<Subgraph> subgraphs = new ArrayList<>(m.subgraphs());
        subgraphs.set(0, cut);
        return withDummyInputIfNone(m.withSubgraphs(subgraphs));
    }

    /**
     * TFLite's Java API refuses to run a model without inputs: give such a model (e.g. one op on
     * constants) an unused float input.
     */
    static Model withDummyInputIfNone(Model m) {
        Subgraph sg = m.mainSubgraph();
        if (sg.inputs().length > 0) {
            return m;
        }
        List<Tensor> tensors = new ArrayList<>(sg.tensors());
        tensors.add(Tensor.of("unused_input", dev.slimfit.model.TensorType.FLOAT32, new int[] {1}, 0));
        List<Subgraph> subgraphs = new ArrayList<>(m.subgraphs());
        subgraphs.set(0, sg.withTensors(tensors).withInputs(new int[] {tensors.size() - 1}));
        return m.withSubgraphs(subgraphs);
    }
}
