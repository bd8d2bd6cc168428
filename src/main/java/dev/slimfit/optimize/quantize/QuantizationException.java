package dev.slimfit.optimize.quantize;

/**
 * The quantizer refuses a request (unknown layer, scheme an op cannot take, model already
 * quantized, missing activation ranges). Thrown before anything is written; the message says
 * what is wrong and how to fix it.
 */
public class QuantizationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public QuantizationException(String message) {
        super(message);
    }
}
