package dev.slimfit.ui.graph;

/**
 * Pan/zoom state of a graph view, toolkit-free: {@code screen = world * scale + translate}.
 * Mutable; owned by one view and used on its thread.
 */
public final class Viewport {

    /** Largest zoom: beyond this text only gets blurrier. */
    public static final double MAX_SCALE = 4.0;
    private static final double ABSOLUTE_MIN_SCALE = 0.0005;

    private double scale = 1;
    private double tx;
    private double ty;
    private double minScale = 0.05;

    /** Current zoom factor (screen pixels per world unit). */
    public double scale() {
        return scale;
    }

    /** Screen x of world x = 0. */
    public double translateX() {
        return tx;
    }

    /** Screen y of world y = 0. */
    public double translateY() {
        return ty;
    }

    /** Smallest zoom allowed; the view sets it to a fraction of the fit-all zoom. */
    public double minScale() {
        return minScale;
    }

    void setMinScale(double minScale) {
        this.minScale = Math.max(ABSOLUTE_MIN_SCALE, Math.min(minScale, 1.0));
        this.scale = clamp(scale);
    }

    /** World x shown at screen x {@code sx}. */
    public double toWorldX(double sx) {
        return (sx - tx) / scale;
    }

    /** World y shown at screen y {@code sy}. */
    public double toWorldY(double sy) {
        return (sy - ty) / scale;
    }

    /** Screen x of world x {@code wx}. */
    public double toScreenX(double wx) {
        return wx * scale + tx;
    }

    /** Screen y of world y {@code wy}. */
    public double toScreenY(double wy) {
        return wy * scale + ty;
    }

    /** Moves the content by a screen-space offset. */
    public void panBy(double dx, double dy) {
        tx += dx;
        ty += dy;
    }

    /** Multiplies the zoom by {@code factor}, keeping the world point under (sx, sy) in place. */
    public void zoomAt(double factor, double sx, double sy) {
        double wx = toWorldX(sx);
        double wy = toWorldY(sy);
        scale = clamp(scale * factor);
        tx = sx - wx * scale;
        ty = sy - wy * scale;
    }

    /** Sets the zoom and translation directly (scale is clamped). */
    public void set(double scale, double translateX, double translateY) {
        this.scale = clamp(scale);
        this.tx = translateX;
        this.ty = translateY;
    }

    /**
     * Zoom at which the world rectangle fits a screen of {@code w x h} with {@code margin}
     * pixels around, capped at 1 so small graphs are not blown up.
     */
    public static double fitScale(double worldW, double worldH, double w, double h, double margin) {
        double sx = (w - 2 * margin) / Math.max(1, worldW);
        double sy = (h - 2 * margin) / Math.max(1, worldH);
        return Math.max(ABSOLUTE_MIN_SCALE, Math.min(1.0, Math.min(sx, sy)));
    }

    /** Fits and centres the world rectangle in a screen of {@code w x h}. */
    public void fit(double minX, double minY, double maxX, double maxY,
                    double w, double h, double margin) {
        scale = clamp(fitScale(maxX - minX, maxY - minY, w, h, margin));
        centerOn((minX + maxX) / 2, (minY + maxY) / 2, w, h);
    }

    /** Puts world point (wx, wy) at the centre of a screen of {@code w x h}, keeping the zoom. */
    public void centerOn(double wx, double wy, double w, double h) {
        tx = w / 2 - wx * scale;
        ty = h / 2 - wy * scale;
    }

    private double clamp(double s) {
        return Math.max(minScale, Math.min(MAX_SCALE, s));
    }
}
