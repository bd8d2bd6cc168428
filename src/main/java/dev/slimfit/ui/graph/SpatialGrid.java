package dev.slimfit.ui.graph;

import java.util.Arrays;

/**
 * Uniform-grid index over axis-aligned rectangles (node boxes, edge bounding boxes), answering
 * "which rectangles intersect this viewport" without allocating.
 *
 * <p>Items are bucketed into square cells (compressed-row layout: one offsets array, one item
 * array). Items that would span very many cells (long edges across the whole graph) go to a
 * short "large" list that every query tests directly, so the grid stays small. Queries are not
 * thread-safe: they share a de-duplication stamp array; use one index per thread.
 */
public final class SpatialGrid {

    private static final int MAX_CELLS_PER_ITEM = 64;
    private static final int MAX_CELLS = 1 << 20;

    private final double[] x0;
    private final double[] y0;
    private final double[] x1;
    private final double[] y1;
    private final double originX;
    private final double originY;
    private final double cell;
    private final int cols;
    private final int rows;
    private final int[] cellStart;
    private final int[] cellItems;
    private final int[] large;
    private final int[] stamp;
    private int query;

    /**
     * Builds an index over rectangles {@code [x0[i], x1[i]] x [y0[i], y1[i]]}; the arrays are
     * kept, not copied, and must not change afterwards.
     */
    public SpatialGrid(double[] x0, double[] y0, double[] x1, double[] y1) {
        int n = x0.length;
        this.x0 = x0;
        this.y0 = y0;
        this.x1 = x1;
        this.y1 = y1;
        this.stamp = new int[n];
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        double sumSize = 0;
        for (int i = 0; i < n; i++) {
            minX = Math.min(minX, x0[i]);
            minY = Math.min(minY, y0[i]);
            maxX = Math.max(maxX, x1[i]);
            maxY = Math.max(maxY, y1[i]);
            sumSize += Math.max(x1[i] - x0[i], y1[i] - y0[i]);
        }
        if (n == 0) {
            minX = minY = 0;
            maxX = maxY = 1;
        }
        double w = Math.max(1, maxX - minX);
        double h = Math.max(1, maxY - minY);
        // A cell about twice the typical item, but never so small that the grid explodes.
        double size = Math.max(1, n == 0 ? 1 : 2 * sumSize / n);
        size = Math.max(size, Math.sqrt(w * h / MAX_CELLS));
        this.originX = minX;
        this.originY = minY;
        this.cell = size;
        this.cols = (int) Math.min(MAX_CELLS, Math.floor(w / size) + 1);
        this.rows = (int) Math.min(MAX_CELLS / cols, Math.floor(h / size) + 1);

        int[] counts = new int[cols * rows + 1];
        int[] largeTmp = new int[n];
        int largeCount = 0;
        int[] starts = counts;
        int[] items = new int[0];
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < n; i++) {
                int c0 = col(x0[i]);
                int c1 = col(x1[i]);
                int r0 = row(y0[i]);
                int r1 = row(y1[i]);
                if ((long) (c1 - c0 + 1) * (r1 - r0 + 1) > MAX_CELLS_PER_ITEM) {
                    if (pass == 0) {
                        largeTmp[largeCount++] = i;
                    }
                    continue;
                }
                for (int r = r0; r <= r1; r++) {
                    for (int c = c0; c <= c1; c++) {
                        if (pass == 0) {
                            counts[r * cols + c + 1]++;
                        } else {
                            items[counts[r * cols + c]++] = i;
                        }
                    }
                }
            }
            if (pass == 0) {
                for (int k = 1; k < counts.length; k++) {
                    counts[k] += counts[k - 1];
                }
                starts = counts.clone();
                items = new int[counts[counts.length - 1]];
            }
        }
        this.cellStart = starts;
        this.cellItems = items;
        this.large = Arrays.copyOf(largeTmp, largeCount);
    }

    private int col(double x) {
        return (int) Math.max(0, Math.min(cols - 1, Math.floor((x - originX) / cell)));
    }

    private int row(double y) {
        return (int) Math.max(0, Math.min(rows - 1, Math.floor((y - originY) / cell)));
    }

    /** Number of indexed rectangles. */
    public int size() {
        return stamp.length;
    }

    /**
     * Collects every rectangle intersecting {@code [qx0, qx1] x [qy0, qy1]} (touching counts)
     * into {@code out}, each once, in no particular order.
     */
    public void query(double qx0, double qy0, double qx1, double qy1, IntBuffer out) {
        out.clear();
        if (++query == Integer.MAX_VALUE) {
            Arrays.fill(stamp, 0);
            query = 1;
        }
        for (int i : large) {
            if (intersects(i, qx0, qy0, qx1, qy1)) {
                out.add(i);
            }
        }
        if (qx1 < originX || qy1 < originY
                || qx0 > originX + cols * cell || qy0 > originY + rows * cell) {
            return;
        }
        int c0 = col(qx0);
        int c1 = col(qx1);
        int r0 = row(qy0);
        int r1 = row(qy1);
        for (int r = r0; r <= r1; r++) {
            for (int c = c0; c <= c1; c++) {
                int cellIndex = r * cols + c;
                for (int k = cellStart[cellIndex], end = cellStart[cellIndex + 1]; k < end; k++) {
                    int i = cellItems[k];
                    if (stamp[i] != query) {
                        stamp[i] = query;
                        if (intersects(i, qx0, qy0, qx1, qy1)) {
                            out.add(i);
                        }
                    }
                }
            }
        }
    }

    private boolean intersects(int i, double qx0, double qy0, double qx1, double qy1) {
        return x0[i] <= qx1 && x1[i] >= qx0 && y0[i] <= qy1 && y1[i] >= qy0;
    }

    /** A growable int list reused across queries so the drawing path does not allocate. */
    public static final class IntBuffer {
        private int[] data = new int[256];
        private int size;

        /** Empties the buffer, keeping its capacity. */
        public void clear() {
            size = 0;
        }

        /** Appends a value. */
        public void add(int value) {
            if (size == data.length) {
                data = Arrays.copyOf(data, size * 2);
            }
            data[size++] = value;
        }

        /** Number of values. */
        public int size() {
            return size;
        }

        /** Value at {@code index}. */
        public int get(int index) {
            return data[index];
        }

        /** Makes this a copy of {@code other}. */
        public void copyFrom(IntBuffer other) {
            if (data.length < other.size) {
                data = new int[other.data.length];
            }
            System.arraycopy(other.data, 0, data, 0, other.size);
            size = other.size;
        }

        /** Sorts the values ascending (used to get a stable drawing order). */
        public void sort() {
            Arrays.sort(data, 0, size);
        }
    }
}
