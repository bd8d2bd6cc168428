package dev.slimfit.ui.common;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Dialogs a view-model may ask for, without knowing JavaFX: tests pass a recording fake.
 */
public interface DialogService {

    /** Shows an error with a headline (e.g. "Cannot open x.tflite") and the detail. */
    void showError(String headline, String detail);

    /** Shows an information message. */
    void showInfo(String headline, String detail);

    /** Asks for a file to open; empty when the user cancels. */
    Optional<Path> chooseOpenFile(String title, String description, String... extensions);

    /** Asks for a file to save to; empty when the user cancels. */
    Optional<Path> chooseSaveFile(String title, String initialName, String description, String... extensions);
}
