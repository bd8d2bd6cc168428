package dev.slimfit.ui;

import dev.slimfit.ui.common.AppPreferences;
import java.util.prefs.Preferences;

import javafx.stage.Stage;

/**
 * The real main window on TestFX's stage, with its own throw-away preferences node, for the
 * end-to-end flows; {@link #close} undoes what TestFX would otherwise carry into the next class.
 */
final class AppWindowFixture {
    final Stage stage;
    final Preferences node;
    final SlimfitApp.Window window;

    /** Creates and shows the window; {@code name} keeps the preferences nodes of tests apart. */
    AppWindowFixture(Stage stage, String name) {
        this.stage = stage;
        this.node = Preferences.userRoot().node("/dev/slimfit/test/" + name + System.nanoTime());
        this.window = SlimfitApp.createWindow(stage, new AppPreferences(node));
        stage.show();
    }

    /** Closes the stages and drops this window's handlers and preferences. */
    void close() throws Exception {
        org.testfx.api.FxToolkit.cleanupStages();
        // TestFX reuses the primary stage for the next test class: drop this window's handlers
        org.testfx.api.FxToolkit.setupFixture(() -> {
            stage.setOnShown(null);
            stage.setOnHiding(null);
        });
        node.removeNode();
    }
}
