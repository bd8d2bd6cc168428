package dev.slimfit.model;

/** Fused activation functions, numbered as in the schema's {@code ActivationFunctionType}. */
public enum Activation {
    NONE, RELU, RELU_N1_TO_1, RELU6, TANH, SIGN_BIT;

    /** The activation for a schema code. */
    public static Activation of(int code) {
        if (code < 0 || code >= values().length) {
            throw new IllegalArgumentException("unknown fused activation code " + code);
        }
        return values()[code];
    }
}
