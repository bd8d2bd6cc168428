package dev.slimfit.ui.graph;

import java.util.Arrays;

import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;

/**
 * Rasterises the whole graph at a small scale into ARGB pixels, in plain Java: edges as
 * one-pixel lines, nodes as boxes at least one pixel wide and tall, then the selection, search
 * and unsupported marks.
 *
 * <p>Why: at fit-all zoom a 5,000-op model puts ~5,000 boxes and ~6,000 polylines on screen,
 * and replaying them through the canvas cost the software render thread 11–19 ms a frame
 * (docs/graph-view-perf.md), over the 16 ms frame budget. Nodes are then a pixel or two tall,
 * so nothing is lost by drawing them once into an image and blitting that image while the user
 * pans; rasterising here takes about a millisecond, against tens for the canvas replaying the
 * same shapes. The minimap uses the same image, so both overviews show the same picture.
 */
final class OverviewRaster {

    /** Largest image (in pixels) worth rasterising; beyond it the canvas path is cheaper. */
    static final int MAX_PIXELS = 2_500_000;
    /** Largest image side; keeps one texture within what every pipeline accepts. */
    static final int MAX_SIDE = 4096;

    private final int width;
    private final int height;
    private final double scale;
    private final double originX;
    private final double originY;
    private final int[] argb;

    private OverviewRaster(int width, int height, double scale, double originX, double originY, int[] reuse) {
        this.width = width;
        this.height = height;
        this.scale = scale;
        this.originX = originX;
        this.originY = originY;
        if (reuse != null && reuse.length >= width * height) {
            java.util.Arrays.fill(reuse, 0, width * height, 0);
            this.argb = reuse;
        } else {
            this.argb = new int[width * height];
        }
    }

    /** Whether a raster of the whole graph at {@code scale} stays within the size limits. */
    static boolean fits(GraphGeometry g, double scale) {
        double w = g.width() * scale + 2;
        double h = g.height() * scale + 2;
        return w <= MAX_SIDE && h <= MAX_SIDE && w * h <= MAX_PIXELS;
    }

    /**
     * Draws the graph of {@code model} at {@code scale} pixels per world unit on a transparent
     * background. Pixel (0, 0) is world point (minX - 1/scale, minY - 1/scale): one pixel of
     * margin so marks on the border nodes are not cut. {@code marks} adds the unsupported,
     * search and selection outlines (the minimap leaves them out: it is not redrawn when the
     * selection changes, and at its scale the rings would hide the boxes).
     */
    static OverviewRaster draw(RenderModel model, GraphTheme theme, double scale, boolean marks) {
        return draw(model, theme, scale, marks, null);
    }

    /**
     * As {@link #draw(RenderModel, GraphTheme, double, boolean)}, drawing into the pixels of
     * {@code reuse} (a raster no longer shown) when they are enough: zooming redraws the raster
     * every frame, and a new array each time would keep the collector busy.
     */
    static OverviewRaster draw(RenderModel model, GraphTheme theme, double scale, boolean marks, OverviewRaster reuse) {
        GraphGeometry g = model.geometry();
        int w = (int) Math.ceil(g.width() * scale) + 3;
        int h = (int) Math.ceil(g.height() * scale) + 3;
        OverviewRaster r = new OverviewRaster(w, h, scale, g.minX - 1 / scale, g.minY - 1 / scale,
                reuse == null ? null : reuse.argb);
        r.drawEdges(g, argbOf(theme.edge()));
        int[] colors = new int[model.palette().length];
        for (int c = 0; c < colors.length; c++) {
            colors[c] = argbOf(model.palette()[c]);
        }
        int[] colorIndex = model.colorIndex();
        for (int i = 0; i < g.nodeCount(); i++) {
            r.fillBox(g, i, 0, colors[colorIndex[i]]);
        }
        if (marks) {
            r.outline(g, model.unsupported(), argbOf(theme.unsupported()));
            r.outline(g, model.searchHits(), argbOf(theme.searchHit()));
            r.outline(g, model.selected(), argbOf(theme.selection()));
        }
        return r;
    }

    /**
     * Draws only the part of the graph inside a {@code w} x {@code h}-pixel window whose top-left
     * pixel is world point ({@code wx0}, {@code wy0}), at {@code scale}: what the view shows
     * when the whole graph at this zoom would be too big for one image (a wide model zoomed in
     * with thousands of boxes on screen). Nodes and edges come from the spatial grids, so the
     * cost follows the window, not the graph.
     */
    static OverviewRaster drawRegion(RenderModel model, GraphTheme theme, double scale, double wx0, double wy0,
                                     int w, int h, OverviewRaster reuse) {
        GraphGeometry g = model.geometry();
        OverviewRaster r = new OverviewRaster(w, h, scale, wx0, wy0, reuse == null ? null : reuse.argb);
        double wx1 = wx0 + w / scale;
        double wy1 = wy0 + h / scale;
        SpatialGrid.IntBuffer hits = new SpatialGrid.IntBuffer();
        model.edgeGrid().query(wx0, wy0, wx1, wy1, hits);
        int edgeColor = argbOf(theme.edge());
        for (int k = 0; k < hits.size(); k++) {
            r.drawEdge(g, hits.get(k), edgeColor);
        }
        model.nodeGrid().query(wx0, wy0, wx1, wy1, hits);
        hits.sort();
        int[] colors = new int[model.palette().length];
        for (int c = 0; c < colors.length; c++) {
            colors[c] = argbOf(model.palette()[c]);
        }
        int[] colorIndex = model.colorIndex();
        java.util.BitSet inside = new java.util.BitSet(g.nodeCount());
        for (int k = 0; k < hits.size(); k++) {
            int i = hits.get(k);
            inside.set(i);
            r.fillBox(g, i, 0, colors[colorIndex[i]]);
        }
        java.util.BitSet[] marks = {model.unsupported(), model.searchHits(), model.selected()};
        Color[] markColors = {theme.unsupported(), theme.searchHit(), theme.selection()};
        for (int k = 0; k < marks.length; k++) {
            java.util.BitSet m = (java.util.BitSet) inside.clone();
            m.and(marks[k]);
            r.outline(g, m, argbOf(markColors[k]));
        }
        return r;
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    double scale() {
        return scale;
    }

    /** World x of the image's left edge. */
    double originX() {
        return originX;
    }

    /** World y of the image's top edge. */
    double originY() {
        return originY;
    }

    /** The pixel at (x, y), ARGB (for tests). */
    int argbAt(int x, int y) {
        return argb[y * width + x];
    }

    /** Writes the raster into the top-left corner of pixel rows {@code stride} ints long. */
    void writeInto(java.nio.IntBuffer pixels, int stride) {
        for (int row = 0; row < height; row++) {
            pixels.put(row * stride, argb, row * width, width);
        }
    }

    /** Copies the pixels into a new image. */
    WritableImage toImage() {
        WritableImage image = new WritableImage(width, height);
        image.getPixelWriter().setPixels(0, 0, width, height,
                PixelFormat.getIntArgbPreInstance(), argb, 0, width);
        return image;
    }

    static int argbOf(Color c) {
        // Opaque colours only in the raster, so premultiplied and straight ARGB agree.
        return 0xff000000 | (int) Math.round(c.getRed() * 255) << 16
                | (int) Math.round(c.getGreen() * 255) << 8 | (int) Math.round(c.getBlue() * 255);
    }

    private int px(double wx) {
        return (int) Math.floor((wx - originX) * scale);
    }

    private int py(double wy) {
        return (int) Math.floor((wy - originY) * scale);
    }

    private void drawEdges(GraphGeometry g, int color) {
        for (int e = 0; e < g.edgeCount(); e++) {
            drawEdge(g, e, color);
        }
    }

    private void drawEdge(GraphGeometry g, int e, int color) {
        int end = g.edgeStart[e + 1];
        for (int p = g.edgeStart[e]; p + 3 < end; p += 2) {
            line(px(g.edgePts[p]), py(g.edgePts[p + 1]), px(g.edgePts[p + 2]), py(g.edgePts[p + 3]), color);
        }
    }

    /** A one-pixel line, clipped to the raster; orthogonal routing makes almost all of them axis-parallel. */
    private void line(int x0, int y0, int x1, int y1, int color) {
        if (Math.max(x0, x1) < 0 || Math.max(y0, y1) < 0 || Math.min(x0, x1) >= width
                || Math.min(y0, y1) >= height) {
            return;
        }
        if (y0 == y1) {
            int a = Math.max(0, Math.min(x0, x1));
            int b = Math.min(width - 1, Math.max(x0, x1));
            Arrays.fill(argb, y0 * width + a, y0 * width + b + 1, color);
            return;
        }
        if (x0 == x1) {
            int a = Math.max(0, Math.min(y0, y1));
            int b = Math.min(height - 1, Math.max(y0, y1));
            for (int y = a; y <= b; y++) {
                argb[y * width + x0] = color;
            }
            return;
        }
        int steps = Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0));
        if (steps == 0) {
            set(x0, y0, color);
            return;
        }
        for (int k = 0; k <= steps; k++) {
            set(x0 + (int) Math.round((double) (x1 - x0) * k / steps),
                    y0 + (int) Math.round((double) (y1 - y0) * k / steps), color);
        }
    }

    /** Node i's box grown by {@code grow} pixels each side, at least one pixel. */
    private void fillBox(GraphGeometry g, int i, int grow, int color) {
        int x0 = px(g.nodeX[i]) - grow;
        int y0 = py(g.nodeY[i]) - grow;
        int x1 = Math.max(x0 + 1 + 2 * grow, px(g.nodeX[i] + g.nodeW[i]) + grow);
        int y1 = Math.max(y0 + 1 + 2 * grow, py(g.nodeY[i] + g.nodeH[i]) + grow);
        int a = Math.max(0, x0);
        int b = Math.min(width, x1);
        if (a >= b) {
            return;
        }
        for (int y = Math.max(0, y0); y < Math.min(height, y1); y++) {
            Arrays.fill(argb, y * width + a, y * width + b, color);
        }
    }

    /** A one-pixel ring just outside each marked node, so the mark shows on any fill. */
    private void outline(GraphGeometry g, java.util.BitSet marked, int color) {
        for (int i = marked.nextSetBit(0); i >= 0 && i < g.nodeCount(); i = marked.nextSetBit(i + 1)) {
            int x0 = px(g.nodeX[i]) - 1;
            int y0 = py(g.nodeY[i]) - 1;
            int x1 = Math.max(x0 + 2, px(g.nodeX[i] + g.nodeW[i]) + 1);
            int y1 = Math.max(y0 + 2, py(g.nodeY[i] + g.nodeH[i]) + 1);
            for (int x = x0; x <= x1; x++) {
                set(x, y0, color);
                set(x, y1, color);
            }
            for (int y = y0; y <= y1; y++) {
                set(x0, y, color);
                set(x1, y, color);
            }
        }
    }

    private void set(int x, int y, int color) {
        if (x >= 0 && y >= 0 && x < width && y < height) {
            argb[y * width + x] = color;
        }
    }
}
