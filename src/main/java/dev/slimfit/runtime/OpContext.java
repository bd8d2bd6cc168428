package dev.slimfit.runtime;

import dev.slimfit.model.OpOptions;
import dev.slimfit.model.Operator;
import dev.slimfit.model.TensorType;
import java.util.Arrays;

/**
 * What a kernel sees of its node while preparing: the operator and its options, the runtime
 * tensors of its inputs, outputs and intermediates, the thread splitter, and (for control-flow
 * ops) the interpreter's other subgraphs and resource variables.
 */
public final class OpContext {
    private final int nodeIndex;
    private final Operator op;
    private final RuntimeTensor[] inputs;
    private final RuntimeTensor[] outputs;
    private final RuntimeTensor[] intermediates;
    private final SubgraphRuntime owner;
    /** Set only while an {@link IntermediateObserver} watches this node's eval. */
    private IntermediateObserver tap;
    private OpNode tapNode;

    OpContext(int nodeIndex, Operator op, RuntimeTensor[] inputs, RuntimeTensor[] outputs,
              RuntimeTensor[] intermediates, SubgraphRuntime owner) {
        this.nodeIndex = nodeIndex;
        this.op = op;
        this.inputs = inputs;
        this.outputs = outputs;
        this.intermediates = intermediates;
        this.owner = owner;
    }

    /** The node's position in its subgraph's execution order. */
    public int nodeIndex() {
        return nodeIndex;
    }

    public Operator operator() {
        return op;
    }

    /** Builtin options, or null. */
    public OpOptions options() {
        return op.options();
    }

    /** The operator version from the file. */
    public int version() {
        return op.code().version();
    }

    public int inputCount() {
        return inputs.length;
    }

    /** Input {@code i}, or null when the optional input is omitted (-1) or absent. */
    public RuntimeTensor input(int i) {
        return i < inputs.length ? inputs[i] : null;
    }

    /** Input {@code i}, or an error naming the missing input. */
    public RuntimeTensor requireInput(int i) throws KernelException {
        RuntimeTensor t = input(i);
        if (t == null) {
            throw new KernelException("input " + i + " is missing");
        }
        return t;
    }

    public int outputCount() {
        return outputs.length;
    }

    public RuntimeTensor output(int i) {
        return outputs[i];
    }

    public int intermediateCount() {
        return intermediates.length;
    }

    public RuntimeTensor intermediate(int i) {
        return i < intermediates.length ? intermediates[i] : null;
    }

    /**
     * True while an {@link IntermediateObserver} watches this node's eval: only then should a
     * kernel spend time reporting its internal values through {@link #tap}.
     */
    public boolean tapping() {
        return tap != null;
    }

    /** Reports intermediate {@code slot}'s values to the watching observer (no-op when none). */
    public void tap(int slot, float[] values, int offset, int length) {
        IntermediateObserver t = tap;
        if (t != null) {
            t.intermediate(tapNode, slot, values, offset, length);
        }
    }

    void startTap(IntermediateObserver observer, OpNode node) {
        tap = observer;
        tapNode = node;
    }

    void stopTap() {
        tap = null;
        tapNode = null;
    }

    /** The interpreter's thread splitter. */
    public Parallel parallel() {
        return owner.interpreter().parallel();
    }

    /** Another subgraph of the model, prepared on first use (for WHILE, IF, CALL_ONCE, composites). */
    public SubgraphRuntime subgraph(int index) throws KernelException {
        return owner.interpreter().subgraph(index);
    }

    /** The interpreter's resource variables (VAR_HANDLE / READ_VARIABLE / ASSIGN_VARIABLE). */
    public ResourceVariables resources() {
        return owner.interpreter().resources();
    }

    /**
     * Records a warning about this node (see {@link NodeWarning}); call from prepare. Warnings of a
     * node are replaced each time it is prepared again, so repeated prepares do not pile them up.
     */
    public void warn(String message) {
        owner.warn(nodeIndex, op.code().displayName(), message);
    }

    /** Checks that input {@code i} has one of the given types. */
    public TensorType expectType(RuntimeTensor t, TensorType... allowed) throws KernelException {
        for (TensorType a : allowed) {
            if (t.type() == a) {
                return a;
            }
        }
        throw new KernelException("tensor " + t + " has type " + t.type() + "; supported: "
                + Arrays.toString(allowed));
    }
}
