package dev.slimfit.ui.common;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

import javafx.scene.control.Alert;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** {@link DialogService} with JavaFX alerts and file choosers, owned by the main window. */
public final class FxDialogService implements DialogService {
    private final Supplier<Window> owner;
    private File lastDirectory;

    /** Dialogs owned by the window {@code owner} returns at the time they open. */
    public FxDialogService(Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public void showError(String headline, String detail) {
        show(Alert.AlertType.ERROR, "Slimfit \u2014 error", headline, detail, "error-dialog");
    }

    @Override
    public void showInfo(String headline, String detail) {
        show(Alert.AlertType.INFORMATION, "Slimfit", headline, detail, "info-dialog");
    }

    private void show(Alert.AlertType type, String title, String headline, String detail, String id) {
        Alert a = new Alert(type, detail);
        a.setTitle(title);
        a.setHeaderText(headline);
        a.getDialogPane().setId(id);
        a.getDialogPane().setPrefWidth(520);
        Window w = owner.get();
        if (w != null) {
            a.initOwner(w);
            if (w.getScene() != null) {
                a.getDialogPane().getStylesheets().addAll(w.getScene().getStylesheets());
            }
        }
        a.show();
    }

    @Override
    public Optional<Path> chooseOpenFile(String title, String description, String... extensions) {
        FileChooser fc = chooser(title, description, extensions);
        File f = fc.showOpenDialog(owner.get());
        return remember(f);
    }

    @Override
    public Optional<Path> chooseSaveFile(String title, String initialName, String description, String... extensions) {
        FileChooser fc = chooser(title, description, extensions);
        fc.setInitialFileName(initialName);
        return remember(fc.showSaveDialog(owner.get()));
    }

    private FileChooser chooser(String title, String description, String... extensions) {
        FileChooser fc = new FileChooser();
        fc.setTitle(title);
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(description, extensions));
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("All files", "*"));
        if (lastDirectory != null && lastDirectory.isDirectory()) {
            fc.setInitialDirectory(lastDirectory);
        }
        return fc;
    }

    private Optional<Path> remember(File f) {
        if (f == null) {
            return Optional.empty();
        }
        lastDirectory = f.getParentFile();
        return Optional.of(f.toPath());
    }
}
