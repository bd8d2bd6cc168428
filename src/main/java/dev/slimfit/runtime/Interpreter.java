package dev.slimfit.runtime;

import dev.slimfit.model.BuiltinOp;
import dev.slimfit.model.Model;
import dev.slimfit.model.Operator;
import dev.slimfit.model.SignatureDef;
import dev.slimfit.model.Subgraph;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Slimfit's TFLite interpreter: plan → prepare → invoke over an immutable {@link Model}.
 *
 * <p>Creating an interpreter plans the entry subgraph (every unsupported node is named in one
 * {@link UnsupportedModelException} before anything runs) and prepares it. Other subgraphs
 * (control flow, signatures) are built on first use.
 *
 * <pre>{@code
 * try (Interpreter it = Interpreter.create(model, InterpreterOptions.defaults())) {
 *     it.input(0).copyFrom(bytes);
 *     it.invoke();
 *     ByteBuffer out = it.output(0).toByteBuffer();
 * }
 * }</pre>
 */
public final class Interpreter implements AutoCloseable {
    private final Model model;
    private final InterpreterOptions options;
    private final Parallel parallel;
    private final ResourceVariables resources = new ResourceVariables();
    private final SubgraphRuntime[] subgraphs;
    private final int entry;

    private Interpreter(Model model, InterpreterOptions options, int entry) {
        this.model = model;
        this.options = options;
        this.entry = entry;
        this.parallel = new Parallel(options.threads());
        this.subgraphs = new SubgraphRuntime[model.subgraphs().size()];
    }

    /** An interpreter on subgraph 0 with the default options. */
    public static Interpreter create(Model model) throws KernelException {
        return create(model, InterpreterOptions.defaults());
    }

    /** An interpreter on subgraph 0. */
    public static Interpreter create(Model model, InterpreterOptions options) throws KernelException {
        return create(model, options, 0);
    }

    /** An interpreter whose entry point is the subgraph of signature {@code key}. */
    public static Interpreter forSignature(Model model, String key, InterpreterOptions options)
            throws KernelException {
        for (SignatureDef s : model.signatureDefs()) {
            if (s.key().equals(key)) {
                return create(model, options, s.subgraphIndex());
            }
        }
        throw new KernelException("the model has no signature '" + key + "'");
    }

    private static Interpreter create(Model model, InterpreterOptions options, int entry) throws KernelException {
        Interpreter it = new Interpreter(model, options, entry);
        try {
            it.subgraph(entry);
        } catch (KernelException | RuntimeException e) {
            it.close();
            throw e;
        }
        return it;
    }

    /**
     * Every node of the model (all subgraphs) that the registry has no kernel for, without
     * preparing anything: what the UI flags on the graph.
     */
    public static List<UnsupportedModelException.Problem> unsupportedNodes(Model model, KernelRegistry registry) {
        List<UnsupportedModelException.Problem> out = new ArrayList<>();
        for (int s = 0; s < model.subgraphs().size(); s++) {
            Subgraph sg = model.subgraphs().get(s);
            for (int n = 0; n < sg.operators().size(); n++) {
                Operator op = sg.operators().get(n);
                KernelRegistry.Entry e = registry.find(op.code()).orElse(null);
                if (e == null || op.code().version() > e.maxVersion()) {
                    out.add(new UnsupportedModelException.Problem(s, n, op.code().displayName(),
                            op.code().version(), "", e == null ? "op not supported" : "version too new"));
                }
            }
        }
        return out;
    }

    public Model model() {
        return model;
    }

    InterpreterOptions options() {
        return options;
    }

    Parallel parallel() {
        return parallel;
    }

    ResourceVariables resources() {
        return resources;
    }

    /** Subgraph {@code index}, planned and prepared on first use. */
    public SubgraphRuntime subgraph(int index) throws KernelException {
        if (index < 0 || index >= subgraphs.length) {
            throw new KernelException("subgraph " + index + " does not exist (the model has " + subgraphs.length + ")");
        }
        if (subgraphs[index] == null) {
            SubgraphRuntime sg = new SubgraphRuntime(this, model, index);
            subgraphs[index] = sg;
            sg.resetVariables(model);
            try {
                sg.prepare();
            } catch (KernelException | RuntimeException e) {
                subgraphs[index] = null;
                throw e;
            }
        }
        return subgraphs[index];
    }

    /** The entry subgraph. */
    public SubgraphRuntime main() {
        return subgraphs[entry];
    }

    public int inputCount() {
        return main().inputCount();
    }

    public RuntimeTensor input(int i) {
        return main().input(i);
    }

    public int outputCount() {
        return main().outputCount();
    }

    public RuntimeTensor output(int i) {
        return main().output(i);
    }

    /** Resizes an input of the entry subgraph; the next invoke re-prepares every node. */
    public void resizeInput(int i, int[] shape) {
        main().resizeInput(i, shape);
    }

    /** Runs the entry subgraph. */
    public void invoke() throws KernelException {
        main().invoke(null, null);
    }

    /** Runs the entry subgraph with an observer (nullable) and a cancel flag polled between nodes. */
    public void invoke(InvokeObserver observer, BooleanSupplier cancel) throws KernelException {
        main().invoke(observer, cancel);
    }

    /** Restores all variable tensors and resource variables to their initial state. */
    public void resetVariables() {
        for (SubgraphRuntime sg : subgraphs) {
            if (sg != null) {
                sg.resetVariables(model);
            }
        }
        resources.clear();
    }

    /**
     * The warnings kernels raised while preparing the subgraphs built so far (the entry subgraph
     * and any control-flow subgraph already used): nodes that run as TFLite 2.6.2 runs them but
     * whose result the model's author probably did not intend.
     */
    public List<NodeWarning> warnings() {
        List<NodeWarning> out = new ArrayList<>();
        for (SubgraphRuntime sg : subgraphs) {
            if (sg != null) {
                out.addAll(sg.warnings());
            }
        }
        return out;
    }

    /** True when {@code op} has a kernel in this interpreter's registry. */
    public boolean supports(BuiltinOp op) {
        return options.registry().builtinOps().contains(op);
    }

    @Override
    public void close() {
        parallel.close();
    }
}
