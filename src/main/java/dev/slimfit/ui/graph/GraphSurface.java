package dev.slimfit.ui.graph;

import javafx.geometry.VPos;
import javafx.scene.image.Image;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * What {@link GraphRenderer} draws on: the subset of the canvas drawing API it uses, with the
 * canvas's meaning. Two implementations: {@link CanvasSurface} (immediate, into a
 * {@link javafx.scene.canvas.Canvas}) and {@link NodeSurface} (retained, into reused scene-graph
 * nodes, which the renderer draws straight into the window without the canvas's full-size
 * intermediate image).
 *
 * <p>A frame is {@link #begin()}, drawing calls, {@link #end()}. Within a frame every transform
 * other than the identity must be the same one (the world-to-screen transform).
 */
interface GraphSurface {

    /** True when what was drawn stays (nodes): drawing the same thing again then costs nothing. */
    boolean retained();

    /** Starts a frame. */
    void begin();

    /** Ends a frame. */
    void end();

    /**
     * Paints the whole surface (w x h, identity transform) with the background colour. The node
     * surface leaves this to the region behind it, so the window is not filled twice.
     */
    void fillBackground(Color color, double w, double h);

    void setTransform(double mxx, double myx, double mxy, double myy, double mxt, double myt);

    void setFill(Color color);

    void setStroke(Color color);

    void setLineWidth(double width);

    void setFont(Font font);

    void setTextAlign(TextAlignment align);

    void setTextBaseline(VPos baseline);

    void fillRect(double x, double y, double w, double h);

    void strokeRect(double x, double y, double w, double h);

    void fillRoundRect(double x, double y, double w, double h, double arcWidth, double arcHeight);

    void strokeRoundRect(double x, double y, double w, double h, double arcWidth, double arcHeight);

    void fillOval(double x, double y, double w, double h);

    /** Text at (x, y), squeezed horizontally to {@code maxWidth} if wider (canvas semantics). */
    void fillText(String text, double x, double y, double maxWidth);

    void fillText(String text, double x, double y);

    /** Draws the top-left {@code w} x {@code h} pixels of {@code image} at (x, y), unscaled. */
    void drawImage(Image image, double w, double h, double x, double y);

    void beginPath();

    void moveTo(double x, double y);

    void lineTo(double x, double y);

    void rect(double x, double y, double w, double h);

    void closePath();

    /** Strokes the current path with the stroke colour and line width. */
    void stroke();

    /** Fills the current path with the fill colour (non-zero winding). */
    void fill();
}
