package dev.slimfit.tflite;

import java.io.IOException;

/**
 * A file that is not a TFLite model Slimfit can use: the message names the file and what is
 * wrong with it (which table, tensor or operator), in one line fit for an error dialog.
 */
public class TfliteFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public TfliteFormatException(String message) {
        super(message);
    }

    public TfliteFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
