package dev.slimfit.cli;

/**
 * A failure caused by the user's input (a path, an argument), with a complete one-line message
 * of the form {@code <file>: <problem>}; printed as is, never with a stack trace unless --debug.
 */
final class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UserError(String message) {
        super(message);
    }

    UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
