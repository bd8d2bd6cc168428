package dev.slimfit.ui.graph;

import java.util.Objects;

import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.Image;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/** {@link GraphSurface} that draws into a canvas (immediate mode). */
final class CanvasSurface implements GraphSurface {

    private final Canvas canvas;
    private GraphicsContext gc;

    CanvasSurface(Canvas canvas) {
        this.canvas = Objects.requireNonNull(canvas);
    }

    @Override
    public boolean retained() {
        return false;
    }

    @Override
    public void begin() {
        gc = canvas.getGraphicsContext2D();
    }

    @Override
    public void end() {
        gc.setTransform(1, 0, 0, 1, 0, 0);
    }

    /** The context of the current frame (for overlays GraphCanvas draws itself). */
    GraphicsContext context() {
        return gc;
    }

    @Override
    public void fillBackground(Color color, double w, double h) {
        gc.setFill(color);
        gc.fillRect(0, 0, w, h);
    }

    @Override
    public void setTransform(double mxx, double myx, double mxy, double myy, double mxt, double myt) {
        gc.setTransform(mxx, myx, mxy, myy, mxt, myt);
    }

    @Override
    public void setFill(Color color) {
        gc.setFill(color);
    }

    @Override
    public void setStroke(Color color) {
        gc.setStroke(color);
    }

    @Override
    public void setLineWidth(double width) {
        gc.setLineWidth(width);
    }

    @Override
    public void setFont(Font font) {
        gc.setFont(font);
    }

    @Override
    public void setTextAlign(TextAlignment align) {
        gc.setTextAlign(align);
    }

    @Override
    public void setTextBaseline(VPos baseline) {
        gc.setTextBaseline(baseline);
    }

    @Override
    public void fillRect(double x, double y, double w, double h) {
        gc.fillRect(x, y, w, h);
    }

    @Override
    public void strokeRect(double x, double y, double w, double h) {
        gc.strokeRect(x, y, w, h);
    }

    @Override
    public void fillRoundRect(double x, double y, double w, double h, double arcWidth, double arcHeight) {
        gc.fillRoundRect(x, y, w, h, arcWidth, arcHeight);
    }

    @Override
    public void strokeRoundRect(double x, double y, double w, double h, double arcWidth, double arcHeight) {
        gc.strokeRoundRect(x, y, w, h, arcWidth, arcHeight);
    }

    @Override
    public void fillOval(double x, double y, double w, double h) {
        gc.fillOval(x, y, w, h);
    }

    @Override
    public void fillText(String text, double x, double y, double maxWidth) {
        gc.fillText(text, x, y, maxWidth);
    }

    @Override
    public void fillText(String text, double x, double y) {
        gc.fillText(text, x, y);
    }

    @Override
    public void drawImage(Image image, double w, double h, double x, double y) {
        gc.setImageSmoothing(false);
        gc.drawImage(image, 0, 0, w, h, x, y, w, h);
        gc.setImageSmoothing(true);
    }

    @Override
    public void beginPath() {
        gc.beginPath();
    }

    @Override
    public void moveTo(double x, double y) {
        gc.moveTo(x, y);
    }

    @Override
    public void lineTo(double x, double y) {
        gc.lineTo(x, y);
    }

    @Override
    public void rect(double x, double y, double w, double h) {
        gc.rect(x, y, w, h);
    }

    @Override
    public void closePath() {
        gc.closePath();
    }

    @Override
    public void stroke() {
        gc.stroke();
    }

    @Override
    public void fill() {
        gc.fill();
    }
}
