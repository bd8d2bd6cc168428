package dev.slimfit.runtime;

import dev.slimfit.model.BuiltinOp;
import dev.slimfit.model.OperatorCode;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which kernel runs which op: one explicit list of builtin ops (with the highest operator version
 * each kernel was checked against) and custom ops by name. Built by
 * {@link dev.slimfit.runtime.kernels.StandardKernels}.
 */
public final class KernelRegistry {
    /** A registered kernel and the versions it handles. */
    public record Entry(Kernel kernel, int maxVersion) {
    }

    private final Map<BuiltinOp, Entry> builtins = new EnumMap<>(BuiltinOp.class);
    private final Map<String, Entry> customs = new TreeMap<>();

    /** Registers a builtin op for versions 1..{@code maxVersion}. */
    public KernelRegistry register(BuiltinOp op, int maxVersion, Kernel kernel) {
        if (builtins.putIfAbsent(op, new Entry(kernel, maxVersion)) != null) {
            throw new IllegalStateException(op + " is registered twice");
        }
        return this;
    }

    /** Registers a custom op by its custom code. */
    public KernelRegistry registerCustom(String name, int maxVersion, Kernel kernel) {
        if (customs.putIfAbsent(name, new Entry(kernel, maxVersion)) != null) {
            throw new IllegalStateException("custom op " + name + " is registered twice");
        }
        return this;
    }

    /** The entry for an operator code, ignoring versions. */
    public Optional<Entry> find(OperatorCode code) {
        if (code.isCustom()) {
            return Optional.ofNullable(code.customCode() == null ? null : customs.get(code.customCode()));
        }
        return code.op().map(builtins::get);
    }

    /** The builtin ops with a kernel. */
    public Set<BuiltinOp> builtinOps() {
        return Collections.unmodifiableSet(builtins.keySet());
    }

    /** The custom ops with a kernel. */
    public Set<String> customOps() {
        return Collections.unmodifiableSet(customs.keySet());
    }

    /** The standard registry with every kernel Slimfit has. */
    public static KernelRegistry standard() {
        return dev.slimfit.runtime.kernels.StandardKernels.create();
    }
}
