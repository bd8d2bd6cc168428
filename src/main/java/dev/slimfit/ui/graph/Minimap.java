package dev.slimfit.ui.graph;

import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;

/**
 * Overview in a corner of the graph view: the whole graph as an {@link OverviewRaster} image (drawn once per
 * graph or colouring) and the current viewport as a rectangle (redrawn per frame, cheap).
 * Clicking or dragging moves the viewport there.
 */
final class Minimap extends Region {

    /** Receives the world point the user pointed at. */
    @FunctionalInterface
    interface Navigator {
        void centerOn(double worldX, double worldY);
    }

    static final double MAX_SIZE = 190;
    private static final double PAD = 6;
    private static final double MIN_SIZE = 110;

    private final RenderModel model;
    private final GraphTheme theme;
    private final Navigator navigator;
    private final Canvas base = new Canvas();
    private final Canvas overlay = new Canvas();
    private double mapScale = 1;
    private double offX = PAD;
    private double offY = PAD;

    Minimap(RenderModel model, GraphTheme theme, Navigator navigator) {
        this.model = model;
        this.theme = theme;
        this.navigator = navigator;
        getChildren().addAll(base, overlay);
        // No drop shadow: it is re-rendered every frame because the viewport box changes, and
        // blurs are expensive in the software pipeline.
        setStyle("-fx-background-color: rgba(255,255,255,0.95); -fx-border-color: #b9c0cb;"
                + " -fx-border-width: 1;");
        setMouseTransparent(false);
        addEventHandler(MouseEvent.MOUSE_PRESSED, this::navigate);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::navigate);
        setManaged(false);
    }

    private void navigate(MouseEvent event) {
        event.consume();
        GraphGeometry g = model.geometry();
        if (g == null || event.getButton() != MouseButton.PRIMARY) {
            return;
        }
        navigator.centerOn(g.minX + (event.getX() - offX) / mapScale,
                g.minY + (event.getY() - offY) / mapScale);
    }

    /** Resizes to the graph's aspect ratio and redraws the overview. */
    void rebuild() {
        GraphGeometry g = model.geometry();
        if (g == null) {
            resize(0, 0);
            return;
        }
        double inner = MAX_SIZE - 2 * PAD;
        mapScale = Math.min(inner / Math.max(1, g.width()), inner / Math.max(1, g.height()));
        double w = Math.max(MIN_SIZE, g.width() * mapScale + 2 * PAD);
        double h = Math.max(MIN_SIZE, g.height() * mapScale + 2 * PAD);
        offX = (w - g.width() * mapScale) / 2;
        offY = (h - g.height() * mapScale) / 2;
        resize(w, h);
        base.setWidth(w);
        base.setHeight(h);
        overlay.setWidth(w);
        overlay.setHeight(h);
        GraphicsContext gc = base.getGraphicsContext2D();
        gc.clearRect(0, 0, w, h);
        // One image, rasterised in Java, instead of thousands of canvas rectangles.
        OverviewRaster raster = OverviewRaster.draw(model, theme, mapScale, false);
        gc.drawImage(raster.toImage(), offX + (raster.originX() - g.minX) * mapScale,
                offY + (raster.originY() - g.minY) * mapScale);
    }

    /** Draws the rectangle of what a {@code viewW x viewH} view shows through {@code vp}. */
    void showViewport(Viewport vp, double viewW, double viewH) {
        GraphGeometry g = model.geometry();
        GraphicsContext gc = overlay.getGraphicsContext2D();
        gc.clearRect(0, 0, overlay.getWidth(), overlay.getHeight());
        if (g == null) {
            return;
        }
        double x0 = offX + (vp.toWorldX(0) - g.minX) * mapScale;
        double y0 = offY + (vp.toWorldY(0) - g.minY) * mapScale;
        double x1 = offX + (vp.toWorldX(viewW) - g.minX) * mapScale;
        double y1 = offY + (vp.toWorldY(viewH) - g.minY) * mapScale;
        gc.setFill(Color.rgb(30, 111, 217, 0.12));
        gc.fillRect(x0, y0, x1 - x0, y1 - y0);
        gc.setStroke(Color.rgb(30, 111, 217, 0.9));
        gc.setLineWidth(1.5);
        gc.strokeRect(x0, y0, x1 - x0, y1 - y0);
    }
}
