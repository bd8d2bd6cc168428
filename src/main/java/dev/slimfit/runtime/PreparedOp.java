package dev.slimfit.runtime;

/** A prepared node: {@link #eval()} computes its outputs from its inputs and allocates nothing. */
@FunctionalInterface
public interface PreparedOp {
    /** Runs the node. May resize outputs only for ops whose output shape depends on input values. */
    void eval() throws KernelException;
}
