package dev.slimfit.ui.graph;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;
import javafx.collections.SetChangeListener;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.scene.canvas.Canvas;
import javafx.scene.paint.Color;

/**
 * Interactive graph view that draws only the visible part of a laid-out
 * {@link GraphSpec}, with pan, zoom, fit, a minimap, a legend, selection and search highlight.
 *
 * <p>Usage: lay out off the FX thread with {@link GraphLayout#layoutAsync}, then call
 * {@link #setGraph} on the FX thread. Mouse: drag pans, wheel zooms around the cursor, click
 * selects, Shift/Ctrl-click toggles, Shift-drag selects the nodes inside a rectangle. Keys:
 * arrows pan, +/- zoom, Ctrl+0 fits, Esc clears the selection. Redraws are coalesced to one per
 * pulse. Everything here must be used on the FX thread.
 */
public class GraphCanvas extends javafx.scene.layout.Region {

    private static final double FIT_MARGIN = 24;
    private static final double OVERLAY_MARGIN = 12;
    /** centerOn zooms in to at least this so the node's text is readable. */
    private static final double READABLE_SCALE = 0.9;

    private final RenderModel model = new RenderModel();
    private final Viewport viewport = new Viewport();
    private final Canvas canvas = new Canvas();
    private final CanvasSurface canvasSurface = new CanvasSurface(canvas);
    private final NodeSurface nodeSurface = new NodeSurface();
    private final javafx.scene.shape.Rectangle band = new javafx.scene.shape.Rectangle();
    /** Keeps the node surface's shapes (which run past the edges) inside the view. */
    private final javafx.scene.shape.Rectangle surfaceClip = new javafx.scene.shape.Rectangle();
    private final GraphTheme theme;
    private final GraphRenderer renderer;
    private final Minimap minimap;
    private final LegendOverlay legend = new LegendOverlay();
    private final ObservableSet<Integer> selectedNodes =
            FXCollections.observableSet(new LinkedHashSet<>());
    private final SpatialGrid.IntBuffer hits = new SpatialGrid.IntBuffer();
    private NodeColorer colorer;
    private boolean dirty = true;
    private boolean fitPending;
    private boolean startPending;
    private boolean legendWanted = true;
    private boolean bandActive;
    private double bandX0;
    private double bandY0;
    private double bandX1;
    private double bandY1;

    /** A view with the light theme. */
    public GraphCanvas() {
        this(GraphTheme.light());
    }

    /** A view with the given theme. */
    public GraphCanvas(GraphTheme theme) {
        this.theme = Objects.requireNonNull(theme);
        this.renderer = new GraphRenderer(theme, model);
        this.minimap = new Minimap(model, theme, this::centerOnWorld);
        canvas.setManaged(false);
        setBackground(new javafx.scene.layout.Background(
                new javafx.scene.layout.BackgroundFill(theme.background(), null, null)));
        nodeSurface.node().setClip(surfaceClip);
        band.setManaged(false);
        band.setMouseTransparent(true);
        band.setVisible(false);
        band.setFill(Color.rgb(30, 111, 217, 0.12));
        band.setStroke(theme.selection());
        band.setStrokeWidth(1);
        band.setStrokeType(javafx.scene.shape.StrokeType.INSIDE);
        getChildren().addAll(canvas, nodeSurface.node(), band, legend, minimap);
        setFocusTraversable(true);
        setMinSize(0, 0);
        setPrefSize(800, 600);
        selectedNodes.addListener((SetChangeListener<Integer>) change -> {
            int index = model.spec() == null ? -1 : model.spec().indexOf(
                    change.wasAdded() ? change.getElementAdded() : change.getElementRemoved());
            if (index >= 0) {
                model.selected().set(index, change.wasAdded());
            }
            renderer.invalidate();
            requestRedraw();
        });
        new GraphInput(this).install();
    }

    /**
     * Shows a graph. {@code geometry} must come from laying out {@code spec}. Clears selection and
     * search hits, colours by category unless a colourer was set, and shows the opening view
     * ({@link #showStart}).
     */
    public void setGraph(GraphSpec spec, GraphGeometry geometry) {
        model.setGraph(Objects.requireNonNull(spec), Objects.requireNonNull(geometry));
        selectedNodes.clear();
        model.recolor(colorer != null ? colorer : CategoryPalette.colorer(spec));
        renderer.invalidate();
        minimap.rebuild();
        fitPending = false;
        startPending = true;
        requestRedraw();
    }

    /**
     * The view a model opens on: the whole graph when its labels are readable at the zoom that
     * fits it; otherwise the top of the graph (its inputs) at zoom 1, centred, as Netron opens a
     * model. Fit (Ctrl+0) and the minimap give the overview.
     */
    public void showStart() {
        GraphGeometry g = sizedGeometry(true);
        if (g == null) {
            return;
        }
        startPending = false;
        double fit = Viewport.fitScale(g.width(), g.height(), getWidth(), getHeight(), FIT_MARGIN);
        if (fit >= GraphRenderer.TEXT_SCALE) {
            fitToView();
            return;
        }
        fitPending = false;
        updateMinScale();
        double s = 1.0;
        double cx = (g.minX + g.maxX) / 2;
        if (g.width() * s > getWidth() - 2 * FIT_MARGIN) {
            // wider than the view: centre on the top-most node (the first input, usually)
            int top = 0;
            for (int i = 1; i < g.nodeX.length; i++) {
                if (g.nodeY[i] < g.nodeY[top] || (g.nodeY[i] == g.nodeY[top] && g.nodeX[i] < g.nodeX[top])) {
                    top = i;
                }
            }
            cx = g.nodeX[top] + g.nodeW[top] / 2;
        }
        viewport.set(s, getWidth() / 2 - cx * s, FIT_MARGIN - g.minY * s);
        requestRedraw();
    }

    /** The graph shown, or null. */
    public GraphSpec getSpec() {
        return model.spec();
    }

    /** The geometry shown, or null. */
    public GraphGeometry getGeometry() {
        return model.geometry();
    }

    /** Ids of the selected nodes; observe it, or change it to select programmatically. */
    public ObservableSet<Integer> getSelectedNodes() {
        return selectedNodes;
    }

    /** Sets how nodes are coloured; null means by category ({@link CategoryPalette}). */
    public void setNodeColorer(NodeColorer colorer) {
        this.colorer = colorer;
        refreshColors();
    }

    /** Re-asks the colourer for every node, after the data behind it changed. */
    public void refreshColors() {
        if (model.spec() != null) {
            model.recolor(colorer != null ? colorer : CategoryPalette.colorer(model.spec()));
            renderer.invalidate();
            minimap.rebuild();
            requestRedraw();
        }
    }

    /** Sets the legend entries; an empty list hides the legend. */
    public void setLegend(List<LegendEntry> entries) {
        legend.setEntries(List.copyOf(entries));
        legend.setVisible(legendWanted && !entries.isEmpty());
        requestLayout();
    }

    /** Shows or hides the legend overlay. */
    public void setLegendVisible(boolean visible) {
        legendWanted = visible;
        legend.setVisible(visible && !legend.getChildren().isEmpty());
    }

    /** Shows or hides the minimap overlay. */
    public void setMinimapVisible(boolean visible) {
        minimap.setVisible(visible);
    }

    /** Highlights these node ids as search results (unknown ids are ignored). */
    public void setSearchHits(Collection<Integer> nodeIds) {
        model.searchHits().clear();
        if (model.spec() != null) {
            for (int id : nodeIds) {
                int index = model.spec().indexOf(id);
                if (index >= 0) {
                    model.searchHits().set(index);
                }
            }
        }
        renderer.invalidate();
        requestRedraw();
    }

    /** Scrolls so the node is centred, zooming in first if its text would not be readable. */
    public void centerOn(int nodeId) {
        int i = model.spec() == null ? -1 : model.spec().indexOf(nodeId);
        if (i < 0) {
            return;
        }
        GraphGeometry g = model.geometry();
        fitPending = false;
        startPending = false;
        if (viewport.scale() < READABLE_SCALE) {
            viewport.set(1.0, viewport.translateX(), viewport.translateY());
        }
        centerOnWorld(g.nodeX[i] + g.nodeW[i] / 2, g.nodeY[i] + g.nodeH[i] / 2);
    }

    /**
     * The geometry, once there is one and the view has a size; otherwise null, and when only the
     * size is missing the start view (or the fit) is done at the next layout.
     */
    private GraphGeometry sizedGeometry(boolean start) {
        GraphGeometry g = model.geometry();
        if (g != null && (getWidth() <= 0 || getHeight() <= 0)) {
            if (start) {
                startPending = true;
            } else {
                fitPending = true;
            }
            requestLayout();
            return null;
        }
        return g;
    }

    /** Zooms and scrolls so the whole graph is visible. */
    public void fitToView() {
        GraphGeometry g = sizedGeometry(false);
        if (g == null) {
            return;
        }
        fitPending = false;
        startPending = false;
        updateMinScale();
        viewport.fit(g.minX, g.minY, g.maxX, g.maxY, getWidth(), getHeight(), FIT_MARGIN);
        requestRedraw();
    }

    /** Zooms by {@code factor} around the screen point (x, y) of this view. */
    public void zoomAt(double factor, double x, double y) {
        fitPending = false;
        startPending = false;
        viewport.zoomAt(factor, x, y);
        requestRedraw();
    }

    /** Moves the content by (dx, dy) screen pixels. */
    public void panBy(double dx, double dy) {
        fitPending = false;
        startPending = false;
        viewport.panBy(dx, dy);
        requestRedraw();
    }

    /** Current zoom factor (screen pixels per world unit). */
    public double getScale() {
        return viewport.scale();
    }

    /** The part of the world (layout coordinates) currently visible. */
    public Bounds getVisibleWorldBounds() {
        double x0 = viewport.toWorldX(0);
        double y0 = viewport.toWorldY(0);
        return new BoundingBox(x0, y0, viewport.toWorldX(getWidth()) - x0,
                viewport.toWorldY(getHeight()) - y0);
    }

    /** Id of the topmost node under the view point (x, y), if any. */
    public OptionalInt nodeAt(double x, double y) {
        int i = indexAt(x, y);
        return i < 0 ? OptionalInt.empty() : OptionalInt.of(model.spec().nodes().get(i).id());
    }

    int indexAt(double x, double y) {
        if (model.geometry() == null) {
            return -1;
        }
        double wx = viewport.toWorldX(x);
        double wy = viewport.toWorldY(y);
        model.nodeGrid().query(wx, wy, wx, wy, hits);
        int best = -1;
        for (int k = 0; k < hits.size(); k++) {
            best = Math.max(best, hits.get(k));
        }
        return best;
    }

    /** Ids of nodes lying entirely inside the view rectangle spanned by two points. */
    List<Integer> nodesInside(double x0, double y0, double x1, double y1) {
        return model.idsInside(viewport.toWorldX(Math.min(x0, x1)), viewport.toWorldY(Math.min(y0, y1)),
                viewport.toWorldX(Math.max(x0, x1)), viewport.toWorldY(Math.max(y0, y1)), hits);
    }

    void setBand(boolean active, double x0, double y0, double x1, double y1) {
        bandActive = active;
        bandX0 = Math.min(x0, x1);
        bandY0 = Math.min(y0, y1);
        bandX1 = Math.max(x0, x1);
        bandY1 = Math.max(y0, y1);
        requestRedraw();
    }

    private void centerOnWorld(double wx, double wy) {
        fitPending = false;
        startPending = false;
        viewport.centerOn(wx, wy, getWidth(), getHeight());
        requestRedraw();
    }

    private void updateMinScale() {
        GraphGeometry g = model.geometry();
        double fit = Viewport.fitScale(g.width(), g.height(), getWidth(), getHeight(), FIT_MARGIN);
        viewport.setMinScale(fit * 0.5);
    }

    /** Marks the view for redrawing at the next pulse. */
    void requestRedraw() {
        dirty = true;
        requestLayout();
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            surfaceClip.setWidth(w);
            surfaceClip.setHeight(h);
            dirty = true;
        }
        legend.autosize();
        legend.relocate(OVERLAY_MARGIN, OVERLAY_MARGIN);
        minimap.relocate(w - minimap.getWidth() - OVERLAY_MARGIN,
                h - minimap.getHeight() - OVERLAY_MARGIN);
        if (fitPending && w > 0 && h > 0) {
            fitToView();
        }
        if (startPending && w > 0 && h > 0) {
            showStart();
        }
        if (dirty) {
            drawNow();
        }
    }

    /** Draws immediately (the harness times this; normally redraws wait for the pulse). */
    void drawNow() {
        dirty = false;
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        if (model.geometry() != null) {
            updateMinScale();
        }
        // Few shapes (up to some hundred nodes, or the far image): scene-graph nodes, drawn straight
        // into the window. Thousands of boxes: the canvas. See NodeSurface.
        boolean nodes = renderer.fewShapes(w, h, viewport);
        GraphSurface surface = nodes ? nodeSurface : canvasSurface;
        canvas.setVisible(!nodes);
        nodeSurface.node().setVisible(nodes);
        surface.begin();
        renderer.draw(surface, w, h, viewport);
        surface.end();
        if (!nodes) {
            nodeSurface.begin();
            nodeSurface.end();
        }
        band.setVisible(bandActive);
        if (bandActive) {
            band.setX(bandX0);
            band.setY(bandY0);
            band.setWidth(bandX1 - bandX0);
            band.setHeight(bandY1 - bandY0);
        }
        minimap.showViewport(viewport, w, h);
    }

    /** Whether the last frame was blitted from the cached far-zoom image (for tests). */
    boolean lastFrameFromImage() {
        return renderer.lastFrameFromImage();
    }

    /** Whether the last frame was drawn as scene-graph nodes rather than on the canvas (for tests). */
    boolean lastFrameAsNodes() {
        return nodeSurface.node().isVisible();
    }

    /** Nodes drawn by the last frame (for the scale harness and tests). */
    int lastVisibleNodeCount() {
        return renderer.lastVisibleNodes();
    }
}
