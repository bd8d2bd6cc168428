package dev.slimfit.optimize.quantize;

/**
 * The quantizer refuses a request (unknown layer, scheme an op cannot take, model already
 * quantized, missing activation ranges). Thrown before anything is written; the message says
 * what is wrong and how to fix it, and {@link #subject()} says which input is at fault, so a
 * caller can name the right file (the recipe, the model or the calibration data).
 */
public class QuantizationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Which input the refusal is about. */
    public enum Subject {
        /** The plan or recipe (a layer it names, a scheme it asks of an op). */
        PLAN,
        /** The source model itself (e.g. already quantized). */
        MODEL,
        /** The calibration data (missing, or not covering every tensor). */
        CALIBRATION
    }

    private final Subject subject;

    /** A refusal about the source model. */
    public QuantizationException(String message) {
        this(Subject.MODEL, message);
    }

    public QuantizationException(Subject subject, String message) {
        super(message);
        this.subject = subject;
    }

    public Subject subject() {
        return subject;
    }
}
