package dev.slimfit.ui;

import dev.slimfit.ui.common.DialogService;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** A {@link DialogService} for view-model tests: records messages, answers file prompts from a queue. */
public final class RecordingDialogs implements DialogService {
    /** Errors shown, as "headline | detail". */
    public final List<String> errors = new ArrayList<>();
    /** Files to answer the next prompts with. */
    public final Deque<Path> answers = new ArrayDeque<>();

    @Override
    public void showError(String headline, String detail) {
        errors.add(headline + " | " + detail);
    }

    @Override
    public void showInfo(String headline, String detail) {
        // nothing to check
    }

    @Override
    public Optional<Path> chooseOpenFile(String title, String description, String... extensions) {
        return Optional.ofNullable(answers.poll());
    }

    @Override
    public Optional<Path> chooseSaveFile(String title, String initialName, String description, String... extensions) {
        return Optional.ofNullable(answers.poll());
    }
}
