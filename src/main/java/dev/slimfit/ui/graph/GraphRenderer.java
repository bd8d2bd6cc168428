package dev.slimfit.ui.graph;

import java.util.BitSet;

import javafx.geometry.VPos;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;

/**
 * Draws the visible part of a laid-out graph on a {@link GraphSurface}. Culls nodes and
 * edges through {@link SpatialGrid}s, batches all edges into one stroked path, and lowers the
 * level of detail as the zoom drops: below {@link #TEXT_SCALE} nodes become plain coloured boxes
 * filled one path per colour, and below {@link #FAR_SCALE} (or with more boxes on screen than
 * {@link #NODE_SURFACE_LIMIT}) the whole frame is one blit of a cached {@link OverviewRaster}.
 * Panning allocates nothing once the scratch buffers have grown; a frame that changes what is
 * drawn on the node surface allocates its new path elements.
 */
final class GraphRenderer {

    /** Below this zoom nodes are drawn without text. */
    static final double TEXT_SCALE = 0.45;
    /** From this zoom on edge labels are drawn. */
    static final double EDGE_LABEL_SCALE = 0.9;
    /** From this zoom on arrow heads are drawn. */
    static final double ARROW_SCALE = 0.25;
    /**
     * Below this zoom (nodes 2–3 px tall) the whole graph is drawn from a cached
     * {@link OverviewRaster} instead of shape by shape.
     */
    static final double FAR_SCALE = 0.08;
    /** Pixels drawn around the view by a region raster, so short pans reuse it. */
    static final int REGION_MARGIN = 128;
    /** Largest region raster (a 4K screen's view and margin). */
    static final double REGION_MAX_PIXELS = 10_000_000;
    /** Frames with more visible nodes than this are drawn on the canvas. */
    static final int NODE_SURFACE_LIMIT = 600;
    private static final double ARROW = 7;
    private static final double RADIUS = 5;

    private final GraphTheme theme;
    private final RenderModel model;
    private final SpatialGrid.IntBuffer visibleNodes = new SpatialGrid.IntBuffer();
    private final SpatialGrid.IntBuffer visibleEdges = new SpatialGrid.IntBuffer();
    private int[] sortScratch = new int[0];
    private int[] colorCounts = new int[0];
    /** The extended query window of retained frames at a steady zoom (see draw). */
    private final SpatialGrid.IntBuffer windowNodes = new SpatialGrid.IntBuffer();
    private final SpatialGrid.IntBuffer windowEdges = new SpatialGrid.IntBuffer();
    private double windowScale = Double.NaN;
    private double windowX0;
    private double windowY0;
    private double windowX1;
    private double windowY1;
    private double lastScale = Double.NaN;
    /** The nodes {@link #fewShapes} found, and the world rectangle it queried (draw reuses them). */
    private final SpatialGrid.IntBuffer countScratch = new SpatialGrid.IntBuffer();
    private final double[] countRect = {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
    private OverviewRaster far;
    /** The last raster, whose pixel array the next one may reuse (far is dropped on invalidate). */
    private OverviewRaster spareRaster;
    /** Whether {@link #far} is the whole graph (else the view's region). */
    private boolean farWhole;
    private javafx.scene.image.WritableImage farImage;
    private java.nio.IntBuffer farPixels;
    private javafx.scene.image.PixelBuffer<java.nio.IntBuffer> farBuffer;
    private boolean lastFar;

    GraphRenderer(GraphTheme theme, RenderModel model) {
        this.theme = theme;
        this.model = model;
    }

    /** Number of nodes drawn by the last frame (for tests and the harness). */
    int lastVisibleNodes() {
        return visibleNodes.size();
    }

    void draw(GraphSurface gc, double w, double h, Viewport vp) {
        gc.setTransform(1, 0, 0, 1, 0, 0);
        gc.fillBackground(theme.background(), w, h);
        visibleNodes.clear();
        visibleEdges.clear();
        lastFar = false;
        GraphGeometry g = model.geometry();
        if (g == null) {
            return;
        }
        double s = vp.scale();
        double margin = 20 / s;
        double wx0 = vp.toWorldX(0) - margin;
        double wy0 = vp.toWorldY(0) - margin;
        double wx1 = vp.toWorldX(w) + margin;
        double wy1 = vp.toWorldY(h) + margin;
        if (gc.retained() && s == windowScale && wx0 >= windowX0 && wy0 >= windowY0 && wx1 <= windowX1
                && wy1 <= windowY1) {
            // Panning inside the window queried before: the same nodes and edges, so the retained
            // surface changes nothing but its transform.
            visibleNodes.copyFrom(windowNodes);
            visibleEdges.copyFrom(windowEdges);
        } else {
            if (countRect[0] == wx0 && countRect[1] == wy0 && countRect[2] == wx1 && countRect[3] == wy1) {
                visibleNodes.copyFrom(countScratch); // fewShapes just asked the grid the same question
            } else {
                model.nodeGrid().query(wx0, wy0, wx1, wy1, visibleNodes);
            }
            if (fromImage(g, s, visibleNodes.size(), w, h)) {
                windowScale = Double.NaN;
                drawFar(gc, vp, w, h);
                return;
            }
            if (gc.retained() && s == lastScale) {
                // A pan at a steady zoom: query half a view more on every side and keep it while
                // the view stays inside, so entering nodes do not reshuffle the surface every frame.
                double mx = (wx1 - wx0) / 2;
                double my = (wy1 - wy0) / 2;
                windowX0 = wx0 - mx;
                windowY0 = wy0 - my;
                windowX1 = wx1 + mx;
                windowY1 = wy1 + my;
                windowScale = s;
                model.nodeGrid().query(windowX0, windowY0, windowX1, windowY1, visibleNodes);
                model.edgeGrid().query(windowX0, windowY0, windowX1, windowY1, visibleEdges);
                visibleNodes.sort();
                windowNodes.copyFrom(visibleNodes);
                windowEdges.copyFrom(visibleEdges);
            } else {
                windowScale = Double.NaN;
                model.edgeGrid().query(wx0, wy0, wx1, wy1, visibleEdges);
                visibleNodes.sort();
            }
        }
        lastScale = s;
        gc.setTransform(s, 0, 0, s, vp.translateX(), vp.translateY());
        drawEdges(gc, g, s);
        if (s < TEXT_SCALE) {
            drawBoxes(gc, g, s);
        } else {
            drawDetailedNodes(gc, g, s);
            if (s >= EDGE_LABEL_SCALE) {
                drawEdgeLabels(gc, g);
            }
        }
        gc.setTransform(1, 0, 0, 1, 0, 0);
    }

    /**
     * Whether a frame of this view is few shapes (the one cached image, or up to
     * {@link #NODE_SURFACE_LIMIT} visible nodes), which are cheaper as scene-graph nodes
     * ({@link NodeSurface}) than through a canvas. Thousands of visible boxes that the image cannot
     * show (too big at this zoom) stay on the canvas: rebuilding their paths as scene-graph
     * elements on every pan would cost the FX thread more than the canvas saves the render thread.
     */
    boolean fewShapes(double w, double h, Viewport vp) {
        GraphGeometry g = model.geometry();
        double s = vp.scale();
        if (g == null) {
            return true;
        }
        double margin = 20 / s;
        countRect[0] = vp.toWorldX(0) - margin;
        countRect[1] = vp.toWorldY(0) - margin;
        countRect[2] = vp.toWorldX(w) + margin;
        countRect[3] = vp.toWorldY(h) + margin;
        model.nodeGrid().query(countRect[0], countRect[1], countRect[2], countRect[3], countScratch);
        return countScratch.size() <= NODE_SURFACE_LIMIT || fromImage(g, s, countScratch.size(), w, h);
    }

    /**
     * Whether the frame is the cached raster: always below {@link #FAR_SCALE}, and also below
     * {@link #TEXT_SCALE} (boxes without text) when more than {@link #NODE_SURFACE_LIMIT} nodes are
     * on screen, e.g. a wide model at fit-all zoom. The raster is the whole graph when that fits
     * its size limit, else the view and a margin ({@link #REGION_MARGIN}); only a view too big
     * for that (over {@link #REGION_MAX_PIXELS}) falls back to shapes.
     */
    private static boolean fromImage(GraphGeometry g, double s, int visible, double w, double h) {
        if (!(s < FAR_SCALE || s < TEXT_SCALE && visible > NODE_SURFACE_LIMIT)) {
            return false;
        }
        double rw = Math.ceil(w) + 2 * REGION_MARGIN;
        double rh = Math.ceil(h) + 2 * REGION_MARGIN;
        return OverviewRaster.fits(g, s) || rw <= OverviewRaster.MAX_SIDE && rh <= OverviewRaster.MAX_SIDE
                && rw * rh <= REGION_MAX_PIXELS;
    }

    /** Forgets the far image; call when colours, selection or search hits change. */
    void invalidate() {
        far = null;
        countRect[0] = Double.NaN;
        windowScale = Double.NaN;
    }

    /** Whether the last frame was blitted from the far image (for tests). */
    boolean lastFrameFromImage() {
        return lastFar;
    }

    /**
     * Far zoom and many boxes: blits the cached raster, unscaled. Panning only moves it (a region
     * raster is redrawn once the view leaves it). A zoom re-rasterises it at the new scale into the
     * same image (grown with some slack when it must): a scaled blit costs the software renderer
     * about 35 ns a destination pixel (20 ms for a wide graph's 600x850-px overview),
     * re-rasterising and uploading the pixels a fraction of that.
     */
    private void drawFar(GraphSurface gc, Viewport vp, double w, double h) {
        double s = vp.scale();
        GraphGeometry g = model.geometry();
        boolean whole = OverviewRaster.fits(g, s);
        double vx0 = vp.toWorldX(0);
        double vy0 = vp.toWorldY(0);
        boolean reuse = far != null && s == far.scale() && (whole ? farWhole
                : !farWhole && far.originX() <= vx0 && far.originY() <= vy0
                        && far.originX() + far.width() / s >= vp.toWorldX(w)
                        && far.originY() + far.height() / s >= vp.toWorldY(h));
        if (!reuse) {
            OverviewRaster spare = far == null ? spareRaster : far;
            if (whole) {
                far = OverviewRaster.draw(model, theme, s, true, spare);
            } else {
                far = OverviewRaster.drawRegion(model, theme, s, vx0 - REGION_MARGIN / s, vy0 - REGION_MARGIN / s,
                        (int) Math.ceil(w) + 2 * REGION_MARGIN, (int) Math.ceil(h) + 2 * REGION_MARGIN, spare);
            }
            farWhole = whole;
            spareRaster = far;
            if (farImage == null || farImage.getWidth() < far.width() || farImage.getHeight() < far.height()) {
                int iw = Math.max(far.width(), Math.min(OverviewRaster.MAX_SIDE, (int) Math.ceil(far.width() * 1.25) + 16));
                int ih = Math.max(far.height(), Math.min(OverviewRaster.MAX_SIDE, (int) Math.ceil(far.height() * 1.25) + 16));
                // Shared pixels in the renderer's own format: no conversion, and only the part
                // written is uploaded.
                farPixels = java.nio.ByteBuffer.allocateDirect(4 * iw * ih).order(java.nio.ByteOrder.nativeOrder())
                        .asIntBuffer();
                farBuffer = new javafx.scene.image.PixelBuffer<>(iw, ih, farPixels,
                        javafx.scene.image.PixelFormat.getIntArgbPreInstance());
                farImage = new javafx.scene.image.WritableImage(farBuffer);
            }
            OverviewRaster r = far;
            farBuffer.updateBuffer(b -> {
                r.writeInto(farPixels, (int) farImage.getWidth());
                return new javafx.geometry.Rectangle2D(0, 0, r.width(), r.height());
            });
        }
        // snap to whole pixels so the 1-px lines stay sharp
        gc.drawImage(farImage, far.width(), far.height(), Math.round(vp.toScreenX(far.originX())),
                Math.round(vp.toScreenY(far.originY())));
        lastFar = true;
    }

    private void drawEdges(GraphSurface gc, GraphGeometry g, double s) {
        double lineWidth = Math.max(1.0, 1.25 * Math.min(s, 2)) / s;
        gc.setLineWidth(lineWidth);
        boolean arrows = s >= ARROW_SCALE;
        for (int pass = 0; pass < 2; pass++) {
            boolean highlight = pass == 1;
            if (highlight && model.selected().isEmpty()) {
                break;
            }
            gc.beginPath();
            int count = 0;
            for (int k = 0; k < visibleEdges.size(); k++) {
                int e = visibleEdges.get(k);
                if (model.touchesSelection(e) != highlight) {
                    continue;
                }
                int p = g.edgeStart[e];
                int end = g.edgeStart[e + 1];
                gc.moveTo(g.edgePts[p], g.edgePts[p + 1]);
                for (p += 2; p < end; p += 2) {
                    gc.lineTo(g.edgePts[p], g.edgePts[p + 1]);
                }
                count++;
            }
            if (count == 0) {
                continue;
            }
            Color color = highlight ? theme.edgeHighlight() : theme.edge();
            gc.setLineWidth(highlight ? lineWidth * 2 : lineWidth);
            gc.setStroke(color);
            gc.stroke();
            if (arrows) {
                drawArrowHeads(gc, g, highlight, color);
            }
        }
    }

    private void drawArrowHeads(GraphSurface gc, GraphGeometry g, boolean highlight, Color c) {
        gc.beginPath();
        for (int k = 0; k < visibleEdges.size(); k++) {
            int e = visibleEdges.get(k);
            int end = g.edgeStart[e + 1];
            if (model.touchesSelection(e) != highlight || end - g.edgeStart[e] < 4) {
                continue;
            }
            double x1 = g.edgePts[end - 2];
            double y1 = g.edgePts[end - 1];
            double dx = x1 - g.edgePts[end - 4];
            double dy = y1 - g.edgePts[end - 3];
            double len = Math.hypot(dx, dy);
            if (len == 0) {
                continue;
            }
            dx /= len;
            dy /= len;
            double bx = x1 - dx * ARROW;
            double by = y1 - dy * ARROW;
            gc.moveTo(x1, y1);
            gc.lineTo(bx - dy * ARROW * 0.45, by + dx * ARROW * 0.45);
            gc.lineTo(bx + dy * ARROW * 0.45, by - dx * ARROW * 0.45);
            gc.closePath();
        }
        gc.setFill(c);
        gc.fill();
    }

    /** Low detail: one filled path per colour, then the few outlined nodes. */
    private void drawBoxes(GraphSurface gc, GraphGeometry g, double s) {
        int colors = model.palette().length;
        int n = visibleNodes.size();
        if (colorCounts.length < colors + 1) {
            colorCounts = new int[colors + 1];
        }
        if (sortScratch.length < n) {
            sortScratch = new int[Math.max(n, sortScratch.length * 2)];
        }
        java.util.Arrays.fill(colorCounts, 0, colors + 1, 0);
        int[] colorIndex = model.colorIndex();
        for (int k = 0; k < n; k++) {
            colorCounts[colorIndex[visibleNodes.get(k)] + 1]++;
        }
        for (int c = 1; c <= colors; c++) {
            colorCounts[c] += colorCounts[c - 1];
        }
        for (int k = 0; k < n; k++) {
            int i = visibleNodes.get(k);
            sortScratch[colorCounts[colorIndex[i]]++] = i;
        }
        int from = 0;
        for (int c = 0; c < colors; c++) {
            int to = colorCounts[c];
            if (to > from) {
                gc.beginPath();
                for (int k = from; k < to; k++) {
                    int i = sortScratch[k];
                    gc.rect(g.nodeX[i], g.nodeY[i], g.nodeW[i], g.nodeH[i]);
                }
                gc.setFill(model.palette()[c]);
                gc.fill();
            }
            from = to;
        }
        for (int k = 0; k < n; k++) {
            int i = visibleNodes.get(k);
            drawMarks(gc, g, i, s, false);
        }
    }

    private void drawDetailedNodes(GraphSurface gc, GraphGeometry g, double s) {
        gc.setTextAlign(TextAlignment.CENTER);
        gc.setTextBaseline(VPos.CENTER);
        double border = 1 / s;
        for (int k = 0; k < visibleNodes.size(); k++) {
            int i = visibleNodes.get(k);
            double x = g.nodeX[i];
            double y = g.nodeY[i];
            double w = g.nodeW[i];
            double h = g.nodeH[i];
            double header = Math.min(h, GraphLayout.HEADER_HEIGHT);
            if (model.searchHits().get(i)) {
                gc.setFill(theme.searchHit());
                gc.fillRoundRect(x - 4, y - 4, w + 8, h + 8, 2 * RADIUS + 5, 2 * RADIUS + 5);
            }
            gc.setFill(model.palette()[model.colorIndex()[i]]);
            gc.fillRoundRect(x, y, w, h, 2 * RADIUS, 2 * RADIUS);
            String sub = model.sublabel(i);
            if (h > header + 1) {
                gc.setFill(theme.nodeBody());
                gc.fillRect(x, y + header, w, h - header - RADIUS);
                gc.fillRoundRect(x, y + h - 2 * RADIUS, w, 2 * RADIUS, 2 * RADIUS, 2 * RADIUS);
            }
            gc.setLineWidth(border);
            gc.setStroke(theme.nodeBorder());
            gc.strokeRoundRect(x, y, w, h, 2 * RADIUS, 2 * RADIUS);
            gc.setFont(theme.labelFont());
            gc.setFill(model.lightText()[i] ? Color.WHITE : Color.BLACK);
            gc.fillText(model.label(i), x + w / 2, y + header / 2 + 0.5, w - 8);
            if (h > header + 1 && !sub.isEmpty()) {
                gc.setFont(theme.sublabelFont());
                gc.setFill(theme.sublabel());
                gc.fillText(sub, x + w / 2, y + header + (h - header) / 2, w - 8);
            }
            drawMarks(gc, g, i, s, true);
        }
    }

    /** Selection outline, search halo (low detail only) and the unsupported badge. */
    private void drawMarks(GraphSurface gc, GraphGeometry g, int i, double s, boolean detailed) {
        boolean selected = model.selected().get(i);
        boolean hit = !detailed && model.searchHits().get(i);
        boolean unsupported = model.unsupported().get(i);
        if (!selected && !hit && !unsupported) {
            return;
        }
        double x = g.nodeX[i];
        double y = g.nodeY[i];
        double w = g.nodeW[i];
        double h = g.nodeH[i];
        double px = 1 / s;
        if (hit) {
            gc.setStroke(theme.searchHit());
            gc.setLineWidth(4 * px);
            gc.strokeRect(x - 3 * px, y - 3 * px, w + 6 * px, h + 6 * px);
        }
        if (unsupported) {
            // Outside the box, so the flag shows on any fill colour.
            double o = Math.max(1.5 * px, 0.75);
            gc.setStroke(theme.unsupported());
            gc.setLineWidth(Math.max(2 * px, 1));
            gc.strokeRoundRect(x - o, y - o, w + 2 * o, h + 2 * o, 2 * RADIUS + o, 2 * RADIUS + o);
            if (detailed) {
                double r = 7;
                gc.setFill(theme.unsupported());
                gc.fillOval(x + w - r, y - r, 2 * r, 2 * r);
                gc.setFill(Color.WHITE);
                gc.setFont(theme.labelFont());
                gc.fillText("!", x + w, y + 0.5);
            }
        }
        if (selected) {
            gc.setStroke(theme.selection());
            gc.setLineWidth(Math.max(2.5 * px, 1.5));
            double o = Math.max(3 * px, 1.5);
            gc.strokeRoundRect(x - o, y - o, w + 2 * o, h + 2 * o, 2 * RADIUS + o, 2 * RADIUS + o);
        }
    }

    private void drawEdgeLabels(GraphSurface gc, GraphGeometry g) {
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setTextBaseline(VPos.CENTER);
        gc.setFont(theme.edgeLabelFont());
        gc.setFill(theme.edgeLabel());
        for (int k = 0; k < visibleEdges.size(); k++) {
            int e = visibleEdges.get(k);
            double x = model.labelX(e);
            if (!Double.isNaN(x)) {
                gc.fillText(model.edgeLabel(e), x, model.labelY(e));
            }
        }
    }
}
