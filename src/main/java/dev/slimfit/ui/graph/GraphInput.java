package dev.slimfit.ui.graph;

import java.util.List;
import java.util.Set;

import javafx.scene.Cursor;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.input.ZoomEvent;

/**
 * Mouse and keyboard handling of a {@link GraphCanvas}: drag to pan, Shift-drag for a selection
 * rectangle, click to select, Shift/Ctrl-click to toggle, wheel to zoom around the cursor,
 * arrows to pan, +/- to zoom, Ctrl+0 to fit, Esc to clear the selection.
 */
final class GraphInput {

    private static final double DRAG_THRESHOLD = 4;
    private static final double KEY_PAN = 80;
    private static final double KEY_ZOOM = 1.25;
    /** Zoom per wheel delta unit: one 40-unit notch zooms by about 6%. */
    private static final double WHEEL_BASE = 1.0015;

    private enum Mode { NONE, PAN, BAND }

    private final GraphCanvas view;
    private Mode mode = Mode.NONE;
    private boolean dragged;
    private double pressX;
    private double pressY;
    private double lastX;
    private double lastY;

    GraphInput(GraphCanvas view) {
        this.view = view;
    }

    void install() {
        view.addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        view.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        view.addEventHandler(MouseEvent.MOUSE_RELEASED, this::released);
        view.addEventHandler(ScrollEvent.SCROLL, this::scrolled);
        view.addEventHandler(ZoomEvent.ZOOM, e -> view.zoomAt(e.getZoomFactor(), e.getX(), e.getY()));
        view.addEventHandler(KeyEvent.KEY_PRESSED, this::keyPressed);
    }

    private void pressed(MouseEvent e) {
        view.requestFocus();
        pressX = lastX = e.getX();
        pressY = lastY = e.getY();
        dragged = false;
        mode = e.getButton() == MouseButton.PRIMARY && e.isShiftDown() ? Mode.BAND : Mode.PAN;
    }

    private void dragged(MouseEvent e) {
        if (mode == Mode.NONE) {
            return;
        }
        if (!dragged && Math.hypot(e.getX() - pressX, e.getY() - pressY) < DRAG_THRESHOLD) {
            return;
        }
        dragged = true;
        if (mode == Mode.PAN) {
            view.setCursor(Cursor.CLOSED_HAND);
            view.panBy(e.getX() - lastX, e.getY() - lastY);
        } else {
            view.setBand(true, pressX, pressY, e.getX(), e.getY());
        }
        lastX = e.getX();
        lastY = e.getY();
    }

    private void released(MouseEvent e) {
        Mode was = mode;
        mode = Mode.NONE;
        view.setCursor(Cursor.DEFAULT);
        if (was == Mode.BAND && dragged) {
            view.setBand(false, 0, 0, 0, 0);
            view.getSelectedNodes().addAll(view.nodesInside(pressX, pressY, e.getX(), e.getY()));
        } else if (!dragged && e.getButton() == MouseButton.PRIMARY) {
            click(e);
        }
    }

    private void click(MouseEvent e) {
        Set<Integer> selection = view.getSelectedNodes();
        boolean toggle = e.isShiftDown() || e.isShortcutDown() || e.isControlDown();
        var hit = view.nodeAt(e.getX(), e.getY());
        if (hit.isEmpty()) {
            if (!toggle) {
                selection.clear();
            }
            return;
        }
        int id = hit.getAsInt();
        if (toggle) {
            if (!selection.remove(id)) {
                selection.add(id);
            }
        } else if (selection.size() != 1 || !selection.contains(id)) {
            selection.retainAll(List.of(id));
            selection.add(id);
        }
    }

    private void scrolled(ScrollEvent e) {
        if (e.getDeltaY() != 0) {
            view.zoomAt(Math.pow(WHEEL_BASE, e.getDeltaY()), e.getX(), e.getY());
        }
        e.consume();
    }

    private void keyPressed(KeyEvent e) {
        double step = e.isShiftDown() ? KEY_PAN * 4 : KEY_PAN;
        double cx = view.getWidth() / 2;
        double cy = view.getHeight() / 2;
        switch (e.getCode()) {
            case LEFT -> view.panBy(step, 0);
            case RIGHT -> view.panBy(-step, 0);
            case UP -> view.panBy(0, step);
            case DOWN -> view.panBy(0, -step);
            case PLUS, ADD, EQUALS -> view.zoomAt(KEY_ZOOM, cx, cy);
            case MINUS, SUBTRACT -> view.zoomAt(1 / KEY_ZOOM, cx, cy);
            case DIGIT0, NUMPAD0 -> {
                if (e.isShortcutDown() || e.isControlDown()) {
                    view.fitToView();
                } else {
                    return;
                }
            }
            case ESCAPE -> view.getSelectedNodes().clear();
            default -> {
                return;
            }
        }
        e.consume();
    }
}
