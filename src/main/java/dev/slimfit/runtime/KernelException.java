package dev.slimfit.runtime;

/** A node that cannot be prepared or run; the message names the problem. */
public class KernelException extends Exception {
    private static final long serialVersionUID = 1L;

    public KernelException(String message) {
        super(message);
    }

    public KernelException(String message, Throwable cause) {
        super(message, cause);
    }
}
