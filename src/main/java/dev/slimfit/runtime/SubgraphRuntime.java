package dev.slimfit.runtime;

import dev.slimfit.model.Buffer;
import dev.slimfit.model.Model;
import dev.slimfit.model.Operator;
import dev.slimfit.model.Subgraph;
import dev.slimfit.model.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * One subgraph ready to run: its runtime tensors (constants decoded once from the model's
 * buffers), its nodes with their kernels, and the prepared closures.
 */
public final class SubgraphRuntime {
    private final Interpreter interpreter;
    private final int index;
    private final Subgraph subgraph;
    private final RuntimeTensor[] tensors;
    private final OpNode[] nodes;
    private final int[] inputs;
    private final int[] outputs;
    private boolean prepared;
    /** Per node (by index), the warnings its kernel raised at its latest prepare. */
    private final java.util.Map<Integer, List<NodeWarning>> warnings = new java.util.TreeMap<>();

    SubgraphRuntime(Interpreter interpreter, Model model, int index) throws UnsupportedModelException {
        this.interpreter = interpreter;
        this.index = index;
        this.subgraph = model.subgraphs().get(index);
        this.inputs = subgraph.inputs();
        this.outputs = subgraph.outputs();
        this.tensors = new RuntimeTensor[subgraph.tensors().size()];
        for (int i = 0; i < tensors.length; i++) {
            tensors[i] = makeTensor(model, i, subgraph.tensor(i));
        }
        List<UnsupportedModelException.Problem> problems = new ArrayList<>();
        this.nodes = new OpNode[subgraph.operators().size()];
        KernelRegistry registry = interpreter.options().registry();
        for (int n = 0; n < nodes.length; n++) {
            Operator op = subgraph.operators().get(n);
            RuntimeTensor[] in = pick(op.inputs());
            RuntimeTensor[] out = pick(op.outputs());
            RuntimeTensor[] inter = op.intermediates() == null ? new RuntimeTensor[0] : pick(op.intermediates());
            KernelRegistry.Entry entry = registry.find(op.code()).orElse(null);
            if (entry == null) {
                problems.add(problem(n, op, op.code().isCustom() ? "custom op not supported" : "op not supported"));
                continue;
            }
            if (op.code().version() > entry.maxVersion()) {
                problems.add(problem(n, op, "version " + op.code().version() + " is newer than the supported "
                        + entry.maxVersion()));
            }
            OpContext ctx = new OpContext(n, op, in, out, inter, this);
            nodes[n] = new OpNode(index, n, op, in, out, entry.kernel(), ctx);
        }
        if (!problems.isEmpty()) {
            throw new UnsupportedModelException(problems);
        }
    }

    private UnsupportedModelException.Problem problem(int n, Operator op, String reason) {
        StringJoiner in = new StringJoiner(", ", "(", ")");
        for (int t : op.inputs()) {
            in.add(t < 0 ? "-" : subgraph.tensor(t).type().toString());
        }
        StringJoiner out = new StringJoiner(", ", "(", ")");
        for (int t : op.outputs()) {
            out.add(subgraph.tensor(t).type().toString());
        }
        return new UnsupportedModelException.Problem(index, n, op.code().displayName(), op.code().version(),
                in + " -> " + out, reason);
    }

    private RuntimeTensor[] pick(int[] idx) {
        RuntimeTensor[] out = new RuntimeTensor[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = idx[i] < 0 ? null : tensors[idx[i]];
        }
        return out;
    }

    private static RuntimeTensor makeTensor(Model model, int i, Tensor t) {
        Buffer data = model.dataOf(t);
        boolean constant = !data.isEmpty() && !t.isVariable();
        RuntimeTensor rt = new RuntimeTensor(i, t.name(), t.type(), t.shape(), t.quantization(), constant,
                t.isVariable(), t);
        if (!data.isEmpty()) {
            rt.setData(ConstantDecoder.decode(t.type(), data.data()));
        } else {
            rt.allocate();
        }
        return rt;
    }

    /** Runs every node's prepare; problems are collected and reported together. */
    void prepare() throws KernelException {
        prepareFrom(0);
        prepared = true;
    }

    /**
     * Ops that only decode constant weights (float16 or int8 → float, sparse → dense). When all
     * their inputs are constant they run once, here, and their outputs become constants, as
     * TFLite's DEQUANTIZE/DENSIFY do: the consuming conv/FC then sees (and can pack) real weights
     * at prepare time instead of an activation that has no values yet.
     */
    private static final java.util.Set<dev.slimfit.model.BuiltinOp> FOLDABLE = java.util.EnumSet.of(
            dev.slimfit.model.BuiltinOp.DEQUANTIZE, dev.slimfit.model.BuiltinOp.DENSIFY);

    private static boolean foldable(OpNode node) {
        if (node.operator().code().op().filter(FOLDABLE::contains).isEmpty() || node.inputCount() == 0) {
            return false;
        }
        for (int i = 0; i < node.inputCount(); i++) {
            if (node.input(i) == null || !node.input(i).isConstant()) {
                return false;
            }
        }
        return true;
    }

    /** Prepares nodes {@code first..end} (after a node changed an output's shape while running). */
    private void prepareFrom(int first) throws KernelException {
        for (int n = first; n < nodes.length; n++) {
            OpNode node = nodes[n];
            warnings.remove(n);
            try {
                node.prepared = node.kernel.prepare(node.ctx);
                node.folded = false;
                if (foldable(node)) {
                    node.prepared.eval();
                    for (int o = 0; o < node.outputCount(); o++) {
                        node.output(o).markConstant();
                    }
                    node.folded = true;
                }
            } catch (KernelException | RuntimeException e) {
                if (hasUnknownShapeInput(node)) {
                    // An input is produced by an op whose output shape depends on values (a
                    // dynamic tensor, as TFLite calls it): its shape is known only when the model
                    // runs, so this node is prepared then, just before it runs.
                    node.prepared = null;
                    continue;
                }
                String reason = e.getMessage() == null ? e.toString() : e.getMessage();
                throw new UnsupportedModelException(List.of(problem(node.index(), node.operator(), reason)));
            }
        }
    }

    /** True when an input comes from an earlier node and has no shape yet (rank 0, not a scalar by design). */
    private boolean hasUnknownShapeInput(OpNode node) {
        for (int i = 0; i < node.inputCount(); i++) {
            RuntimeTensor t = node.input(i);
            if (t != null && !t.isConstant() && t.rank() == 0 && producedInside(t.index())) {
                return true;
            }
        }
        return false;
    }

    private boolean producedInside(int tensor) {
        for (int in : inputs) {
            if (in == tensor) {
                return false;
            }
        }
        return tensor >= 0 && !subgraph.tensor(tensor).isVariable();
    }

    /** Prepares a node deferred because its input shapes were unknown; now they are known. */
    private void prepareDeferred(OpNode node) throws KernelException {
        try {
            node.prepared = node.kernel.prepare(node.ctx);
        } catch (KernelException | RuntimeException e) {
            String reason = e.getMessage() == null ? e.toString() : e.getMessage();
            throw new UnsupportedModelException(List.of(problem(node.index(), node.operator(), reason)));
        }
    }

    private static int outputGenerations(OpNode node) {
        int g = 0;
        for (int i = 0; i < node.outputCount(); i++) {
            g += node.output(i).shapeGeneration();
        }
        return g;
    }

    /** Runs the nodes in order; the observer (nullable) sees each; {@code cancel} is polled between nodes. */
    public void invoke(InvokeObserver observer, BooleanSupplier cancel) throws KernelException {
        if (!prepared) {
            prepare();
        }
        for (OpNode node : nodes) {
            if (cancel != null && cancel.getAsBoolean()) {
                throw new CancellationException("cancelled before node " + node.index());
            }
            if (node.folded) {
                continue;
            }
            int generation = outputGenerations(node);
            if (node.prepared == null) {
                prepareDeferred(node);
            }
            try {
                if (observer == null) {
                    node.prepared.eval();
                } else if (observer instanceof IntermediateObserver io) {
                    node.ctx.startTap(io, node);
                    long t0 = System.nanoTime();
                    try {
                        node.prepared.eval();
                    } finally {
                        node.ctx.stopTap();
                    }
                    observer.afterOp(node, System.nanoTime() - t0);
                } else {
                    long t0 = System.nanoTime();
                    node.prepared.eval();
                    observer.afterOp(node, System.nanoTime() - t0);
                }
            } catch (KernelException | RuntimeException e) {
                throw new KernelException("subgraph " + index + ", node " + node.index() + " (" + node.opName()
                        + "): " + (e.getMessage() == null ? e.toString() : e.getMessage()), e);
            }
            // As TFLite does for dynamic tensors: an output whose shape depends on input values
            // changed, so every later node is prepared again for the new shapes.
            if (outputGenerations(node) != generation) {
                prepareFrom(node.index() + 1);
            }
        }
    }

    /** Marks the subgraph for re-preparation (after an input was resized). */
    void invalidate() {
        prepared = false;
    }

    synchronized void warn(int node, String op, String message) {
        List<NodeWarning> list = warnings.computeIfAbsent(node, k -> new ArrayList<>());
        NodeWarning w = new NodeWarning(index, node, op, message);
        if (!list.contains(w)) {
            list.add(w);
        }
    }

    /** The warnings kernels raised while preparing this subgraph's nodes, in node order. */
    public synchronized List<NodeWarning> warnings() {
        List<NodeWarning> out = new ArrayList<>();
        warnings.values().forEach(out::addAll);
        return out;
    }

    Interpreter interpreter() {
        return interpreter;
    }

    public int index() {
        return index;
    }

    public Subgraph subgraph() {
        return subgraph;
    }

    /** All runtime tensors, by model tensor index. */
    public List<RuntimeTensor> tensors() {
        return Arrays.asList(tensors);
    }

    public RuntimeTensor tensor(int i) {
        return tensors[i];
    }

    public List<OpNode> nodes() {
        return Arrays.asList(nodes);
    }

    public int inputCount() {
        return inputs.length;
    }

    public RuntimeTensor input(int i) {
        return tensors[inputs[i]];
    }

    public int outputCount() {
        return outputs.length;
    }

    public RuntimeTensor output(int i) {
        return tensors[outputs[i]];
    }

    /** Resizes input {@code i}; the next invoke re-prepares. */
    public void resizeInput(int i, int[] shape) {
        input(i).resize(shape);
        prepared = false;
    }

    /** Restores variable tensors to their initial values. */
    void resetVariables(Model model) {
        for (RuntimeTensor t : tensors) {
            if (t.isVariable()) {
                Buffer data = model.dataOf(subgraph.tensor(t.index()));
                if (data.isEmpty()) {
                    // As TFLite's ResetVariableTensor: int8 state starts at its zero point, the rest at 0.
                    ConstantDecoder.fill(t.data(), t.type() == dev.slimfit.model.TensorType.INT8 ? t.zeroPoint() : 0);
                } else {
                    t.setData(ConstantDecoder.decode(t.type(), data.data()));
                }
            }
        }
    }
}
