package dev.slimfit.runtime.kernels.seq;

import dev.slimfit.model.OpOptions;
import dev.slimfit.model.TensorType;
import dev.slimfit.runtime.Kernel;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.PreparedOp;
import dev.slimfit.runtime.ResourceVariables;
import dev.slimfit.runtime.RuntimeTensor;

/**
 * VAR_HANDLE, READ_VARIABLE and ASSIGN_VARIABLE as TFLite 2.6.2 (var_handle.cc,
 * read_variable.cc, assign_variable.cc): a handle is the interpreter-wide id of the variable named
 * by (container, shared_name); assigning stores a copy of the value (its type and shape too), and
 * reading an unassigned variable fails the invoke.
 */
public final class ResourceVariableOps {
    private ResourceVariableOps() {
    }

    /** VAR_HANDLE: writes the variable's id into the resource output. */
    public static final Kernel VAR_HANDLE = ctx -> {
        OpOptions o = ctx.options();
        Object container = o == null ? null : o.get("container");
        Object name = o == null ? null : o.get("sharedName");
        int id = ctx.resources().idOf((container == null ? "" : container) + "\u0000" + (name == null ? "" : name));
        RuntimeTensor out = ctx.output(0);
        if (out.type() != TensorType.RESOURCE) {
            throw new KernelException("VAR_HANDLE output must be a resource tensor, got " + out);
        }
        return () -> out.ints()[0] = id;
    };

    /** READ_VARIABLE: copies the variable's current value into the output. */
    public static final Kernel READ_VARIABLE = ctx -> {
        RuntimeTensor handle = resource(ctx);
        RuntimeTensor out = ctx.output(0);
        ResourceVariables vars = ctx.resources();
        return () -> {
            RuntimeTensor value = vars.get(handle.ints()[0]);
            if (value == null) {
                throw new KernelException("READ_VARIABLE: variable " + handle.ints()[0] + " is not initialized");
            }
            if (value.type() != out.type()) {
                throw new KernelException("READ_VARIABLE: variable holds " + value.type() + ", output is " + out.type());
            }
            SubgraphCall.copy(value, out);
        };
    };

    /** ASSIGN_VARIABLE: stores a copy of input 1 as the variable's value. */
    public static final Kernel ASSIGN_VARIABLE = ctx -> {
        RuntimeTensor handle = resource(ctx);
        RuntimeTensor value = ctx.requireInput(1);
        ResourceVariables vars = ctx.resources();
        return () -> {
            int id = handle.ints()[0];
            RuntimeTensor v = vars.get(id);
            if (v == null || v.type() != value.type()) {
                // First assignment (or a new type): the variable gets its own storage, as TFLite's ResourceVariable.
                v = RuntimeTensor.of("resource_variable_" + id, value.type(), value.shape(), value.quantization());
                vars.put(id, v);
            }
            SubgraphCall.copy(value, v);
        };
    };

    private static RuntimeTensor resource(OpContext ctx) throws KernelException {
        RuntimeTensor handle = ctx.requireInput(0);
        if (handle.type() != TensorType.RESOURCE) {
            throw new KernelException("input 0 must be a resource handle, got " + handle);
        }
        return handle;
    }
}
