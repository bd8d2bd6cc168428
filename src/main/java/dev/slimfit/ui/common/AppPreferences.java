package dev.slimfit.ui.common;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * Remembered settings: recent files and window layout, in {@link Preferences}. The node is
 * {@code /dev/slimfit/ui} unless the system property {@code slimfit.prefs.node} names another,
 * which tests use to stay away from the user's own settings.
 */
public final class AppPreferences {
    /** How many recent files are kept. */
    public static final int MAX_RECENT = 8;
    private final Preferences node;

    /** Settings under {@code node}. */
    public AppPreferences(Preferences node) {
        this.node = node;
    }

    /** The app's node, or the one named by {@code slimfit.prefs.node}. */
    public static AppPreferences standard() {
        String name = System.getProperty("slimfit.prefs.node", "/dev/slimfit/ui");
        return new AppPreferences(Preferences.userRoot().node(name));
    }

    /** Recent files, most recent first. */
    public List<Path> recentFiles() {
        List<Path> out = new ArrayList<>();
        try {
            for (int i = 0; i < MAX_RECENT; i++) {
                String s = node.get("recent." + i, null);
                if (s != null) {
                    out.add(Path.of(s));
                }
            }
        } catch (IllegalStateException e) {
            // node removed: no recent files
        }
        return out;
    }

    /** Puts {@code file} first in the recent list. */
    public void addRecent(Path file) {
        List<Path> list = recentFiles();
        Path abs = file.toAbsolutePath().normalize();
        list.remove(abs);
        list.add(0, abs);
        try {
            for (int i = 0; i < MAX_RECENT; i++) {
                if (i < list.size()) {
                    node.put("recent." + i, list.get(i).toString());
                } else {
                    node.remove("recent." + i);
                }
            }
        } catch (IllegalStateException e) {
            return; // node removed
        }
        flush();
    }

    /** A remembered number, e.g. window width or a divider position. */
    public double getDouble(String key, double fallback) {
        try {
            return node.getDouble(key, fallback);
        } catch (IllegalStateException e) {
            return fallback; // node removed: behave as if nothing was remembered
        }
    }

    /** Remembers a number. */
    public void putDouble(String key, double value) {
        try {
            node.putDouble(key, value);
        } catch (IllegalStateException e) {
            // the node was removed (tests clean up before the window closes): nothing to remember
        }
    }

    /** Writes pending changes to the backing store. */
    public void flush() {
        try {
            node.flush();
        } catch (BackingStoreException | IllegalStateException e) {
            // settings are a convenience: losing them must not break the app
        }
    }
}
