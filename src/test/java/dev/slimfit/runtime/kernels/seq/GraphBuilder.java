package dev.slimfit.runtime.kernels.seq;

import dev.slimfit.model.Buffer;
import dev.slimfit.model.BuiltinOp;
import dev.slimfit.model.Model;
import dev.slimfit.model.OpOptions;
import dev.slimfit.model.Operator;
import dev.slimfit.model.OperatorCode;
import dev.slimfit.model.Subgraph;
import dev.slimfit.model.Tensor;
import dev.slimfit.model.TensorType;
import dev.slimfit.testing.SingleOpModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds small multi-subgraph models (control flow tests). Buffers are shared by all subgraphs. */
final class GraphBuilder {
    private final List<Buffer> buffers = new ArrayList<>(List.of(Buffer.empty()));
    private final List<Subgraph> subgraphs = new ArrayList<>();

    /** One subgraph under construction. */
    final class Graph {
        private final List<Tensor> tensors = new ArrayList<>();
        private final List<Operator> ops = new ArrayList<>();
        private int[] inputs = new int[0];
        private int[] outputs = new int[0];

        int tensor(String name, TensorType type, int... shape) {
            tensors.add(new Tensor(name, type, shape, null, 0, null, false, null, true, null));
            return tensors.size() - 1;
        }

        int constant(String name, TensorType type, int[] shape, Object values) {
            buffers.add(Buffer.of(SingleOpModel.toBytes(values)));
            tensors.add(new Tensor(name, type, shape, null, buffers.size() - 1, null, false, null, true, null));
            return tensors.size() - 1;
        }

        Graph op(BuiltinOp op, int[] in, int[] out, String optionsTable, Map<String, ?> options) {
            OpOptions o = optionsTable == null ? null : OpOptions.of(optionsTable, options);
            ops.add(Operator.of(OperatorCode.builtin(op, 1), in, out, o));
            return this;
        }

        Graph raw(Operator op) {
            ops.add(op);
            return this;
        }

        Graph io(int[] in, int[] out) {
            inputs = in;
            outputs = out;
            return this;
        }

        int done(String name) {
            subgraphs.add(new Subgraph(name, tensors, inputs, outputs, ops));
            return subgraphs.size() - 1;
        }
    }

    Graph graph() {
        return new Graph();
    }

    Model build() {
        return new Model(3, "slimfit control-flow test", subgraphs, buffers, List.of(), List.of(), null, null);
    }

    static int[] ids(int... t) {
        return t;
    }
}
