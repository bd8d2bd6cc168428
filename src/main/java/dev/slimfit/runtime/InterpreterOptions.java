package dev.slimfit.runtime;

/**
 * How to run: thread count and the kernel registry.
 *
 * @param threads  kernel threads (1 = everything on the caller's thread)
 * @param registry the kernels to use
 */
public record InterpreterOptions(int threads, KernelRegistry registry) {
    public InterpreterOptions {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
    }

    /** One thread, the standard kernels. */
    public static InterpreterOptions defaults() {
        return new InterpreterOptions(1, KernelRegistry.standard());
    }

    public InterpreterOptions withThreads(int n) {
        return new InterpreterOptions(n, registry);
    }
}
