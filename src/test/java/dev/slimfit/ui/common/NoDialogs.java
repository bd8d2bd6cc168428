package dev.slimfit.ui.common;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A {@link DialogService} for tests: records messages, answers file choosers with a preset path. */
public final class NoDialogs implements DialogService {
    /** Messages shown, "error: headline" or "info: headline". */
    public final List<String> shown = new ArrayList<>();
    /** Answer of the next save chooser (null: cancelled). */
    public Path saveAnswer;

    @Override
    public void showError(String headline, String detail) {
        shown.add("error: " + headline + " — " + detail);
    }

    @Override
    public void showInfo(String headline, String detail) {
        shown.add("info: " + headline);
    }

    @Override
    public Optional<Path> chooseOpenFile(String title, String description, String... extensions) {
        return Optional.empty();
    }

    @Override
    public Optional<Path> chooseSaveFile(String title, String initialName, String description, String... extensions) {
        return Optional.ofNullable(saveAnswer);
    }
}
