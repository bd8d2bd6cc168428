package dev.slimfit.runtime.kernels.seq;

/**
 * Float activations of TFLite's {@code tensor_utils::ApplyActivationToVector} for the recurrent
 * kernels (LSTM cell/hidden activation, SVDF, RNN): TfLiteFusedActivation codes, with sigmoid as
 * {@code 1/(1+exp(-x))} and tanh as {@code tanhf} (computed in double here, rounded once).
 *
 * <p>Option values come from the schema's ActivationFunctionType (0..5); TFLite's
 * {@code ConvertActivation} turns anything else into NONE, see {@link #fromOption}.
 */
final class Activations {
    static final int NONE = 0;
    static final int RELU = 1;
    static final int RELU_N1_TO_1 = 2;
    static final int RELU6 = 3;
    static final int TANH = 4;
    static final int SIGN_BIT = 5;
    static final int SIGMOID = 6;

    private Activations() {
    }

    /** The TfLiteFusedActivation TFLite 2.6.2 parses from a schema ActivationFunctionType value. */
    static int fromOption(int value) {
        return value >= NONE && value <= SIGN_BIT ? value : NONE;
    }

    static float apply(int act, float x) {
        switch (act) {
            case RELU:
                return Math.max(0f, x);
            case RELU_N1_TO_1:
                return Math.max(-1f, Math.min(1f, x));
            case RELU6:
                return Math.max(0f, Math.min(6f, x));
            case TANH:
                return (float) Math.tanh(x);
            case SIGN_BIT:
                return x < 0 || (x == 0 && 1 / x < 0) ? 1f : 0f;
            case SIGMOID:
                return 1.0f / (1.0f + (float) Math.exp(-x));
            default:
                return x;
        }
    }
}
