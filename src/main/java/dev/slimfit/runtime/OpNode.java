package dev.slimfit.runtime;

import dev.slimfit.model.Operator;

/** One node of a prepared subgraph, as observers see it. */
public final class OpNode {
    private final int subgraph;
    private final int index;
    private final Operator op;
    private final RuntimeTensor[] inputs;
    private final RuntimeTensor[] outputs;
    PreparedOp prepared;
    /** Evaluated once at prepare time from constant inputs; skipped by invoke. */
    boolean folded;
    final Kernel kernel;
    final OpContext ctx;

    OpNode(int subgraph, int index, Operator op, RuntimeTensor[] inputs, RuntimeTensor[] outputs, Kernel kernel,
           OpContext ctx) {
        this.subgraph = subgraph;
        this.index = index;
        this.op = op;
        this.inputs = inputs;
        this.outputs = outputs;
        this.kernel = kernel;
        this.ctx = ctx;
    }

    public int subgraph() {
        return subgraph;
    }

    /** Position in the subgraph's operator list. */
    public int index() {
        return index;
    }

    public Operator operator() {
        return op;
    }

    /** "CONV_2D", or the custom code. */
    public String opName() {
        return op.code().displayName();
    }

    public int inputCount() {
        return inputs.length;
    }

    /** Input {@code i}, or null for an omitted optional input. */
    public RuntimeTensor input(int i) {
        return inputs[i];
    }

    public int outputCount() {
        return outputs.length;
    }

    public RuntimeTensor output(int i) {
        return outputs[i];
    }
}
