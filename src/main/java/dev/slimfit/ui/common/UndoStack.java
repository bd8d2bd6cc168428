package dev.slimfit.ui.common;

import java.util.ArrayDeque;
import java.util.Deque;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Undo/redo history of {@link Command}s, with properties the Edit menu binds to. Toolkit-free
 * apart from JavaFX beans.
 */
public final class UndoStack {

    /** An edit that can be undone and redone. */
    public interface Command {
        /** Short description for the menu, e.g. "Set int8 on 3 layers". */
        String description();

        /** Applies the edit. */
        void execute();

        /** Reverts the edit. */
        void undo();
    }

    private final Deque<Command> done = new ArrayDeque<>();
    private final Deque<Command> undone = new ArrayDeque<>();
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper undoText = new ReadOnlyStringWrapper("Undo");
    private final ReadOnlyStringWrapper redoText = new ReadOnlyStringWrapper("Redo");

    /** Executes {@code c} and records it; clears the redo history. */
    public void execute(Command c) {
        c.execute();
        done.push(c);
        undone.clear();
        update();
    }

    /** Undoes the last command, if any. */
    public void undo() {
        if (!done.isEmpty()) {
            Command c = done.pop();
            c.undo();
            undone.push(c);
            update();
        }
    }

    /** Redoes the last undone command, if any. */
    public void redo() {
        if (!undone.isEmpty()) {
            Command c = undone.pop();
            c.execute();
            done.push(c);
            update();
        }
    }

    /** Forgets all history (e.g. after opening another model). */
    public void clear() {
        done.clear();
        undone.clear();
        update();
    }

    private void update() {
        canUndo.set(!done.isEmpty());
        canRedo.set(!undone.isEmpty());
        undoText.set(done.isEmpty() ? "Undo" : "Undo " + done.peek().description());
        redoText.set(undone.isEmpty() ? "Redo" : "Redo " + undone.peek().description());
    }

    /** True when there is something to undo. */
    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    /** True when there is something to redo. */
    public ReadOnlyBooleanProperty canRedoProperty() {
        return canRedo.getReadOnlyProperty();
    }

    /** Menu text for Undo. */
    public ReadOnlyStringProperty undoTextProperty() {
        return undoText.getReadOnlyProperty();
    }

    /** Menu text for Redo. */
    public ReadOnlyStringProperty redoTextProperty() {
        return redoText.getReadOnlyProperty();
    }
}
