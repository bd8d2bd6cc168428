package dev.slimfit.runtime;

/**
 * An op implementation, TFLM style: {@link #prepare} runs once per node (checks types and shapes,
 * resizes outputs, precomputes quantized multipliers and activation ranges) and returns the
 * {@link PreparedOp} whose {@code eval} does only arithmetic. A kernel object is stateless and
 * shared; all per-node state lives in the returned closure.
 */
@FunctionalInterface
public interface Kernel {
    /**
     * Prepares one node.
     *
     * @throws KernelException when the node's types, shapes or options are not supported; the
     *                         message says what (the interpreter adds which node it is)
     */
    PreparedOp prepare(OpContext ctx) throws KernelException;
}
