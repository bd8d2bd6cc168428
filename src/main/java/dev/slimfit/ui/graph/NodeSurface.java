package dev.slimfit.ui.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javafx.geometry.VPos;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.paint.Color;
import javafx.scene.shape.ClosePath;
import javafx.scene.shape.LineTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import javafx.scene.shape.PathElement;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import javafx.scene.transform.Affine;

/**
 * {@link GraphSurface} that keeps what was drawn as scene-graph nodes, reused from frame to frame.
 *
 * <p>Why: a {@link javafx.scene.canvas.Canvas} is rendered into its own full-size image which is
 * then blended into the window, every frame, however little is on it. In the software pipeline
 * (no GPU) that blend, plus the fill under it, was about half of the render thread's time at close
 * zoom. Nodes are drawn straight into the window. Panning only changes one {@link Affine}; the
 * nodes, their paths and texts are left alone unless what is drawn changes.
 *
 * <p>Drawing calls made under the identity transform go to a screen layer, the others to a world
 * layer whose transform is the frame's (single) non-identity transform; the screen layer is below.
 * Text drawn under the world transform goes to a third layer on top, scaled to screen units (the
 * layer only translates, so panning moves no text), with its font size snapped to half pixels: a scaled text is rasterised from glyph outlines
 * on every frame, while a text at a plain size comes from the glyph cache, so zooming would
 * otherwise re-rasterise every label on every frame. The text lies above all shapes, which only
 * matters where shapes overlap text (they do not in a layout).
 */
final class NodeSurface implements GraphSurface {

    private static final int MOVE = 0;
    private static final int LINE = 1;
    private static final int CLOSE = 2;

    private final Group root = new Group();
    private final Group screenLayer = new Group();
    private final Group worldLayer = new Group();
    private final Group textLayer = new Group();
    private final Affine world = new Affine();
    /** The world transform's translation, for the text layer (its texts carry the scale). */
    private final javafx.scene.transform.Translate textShift = new javafx.scene.transform.Translate();

    private final List<Rectangle> rects = new ArrayList<>();
    private final List<Text> texts = new ArrayList<>();
    private final List<PathSlot> paths = new ArrayList<>();
    private final List<ImageView> images = new ArrayList<>();
    private int rectsUsed;
    private int textsUsed;
    private int pathsUsed;
    private int imagesUsed;

    private final List<Node> screenFrame = new ArrayList<>();
    private final List<Node> worldFrame = new ArrayList<>();
    private final List<Node> textFrame = new ArrayList<>();
    private final java.util.Map<Font, java.util.Map<Double, Font>> sizedFonts = new java.util.HashMap<>();

    private boolean identity = true;
    private boolean worldSet;
    private Color fill = Color.BLACK;
    private Color stroke = Color.BLACK;
    private double lineWidth = 1;
    private Font font = Font.getDefault();
    private TextAlignment align = TextAlignment.LEFT;
    private VPos baseline = VPos.BASELINE;

    private double[] pathData = new double[256];
    private int pathLength;

    NodeSurface() {
        worldLayer.getTransforms().add(world);
        textLayer.getTransforms().add(textShift);
        root.getChildren().addAll(screenLayer, worldLayer, textLayer);
        root.setManaged(false);
        root.setMouseTransparent(true);
        root.setAutoSizeChildren(false);
    }

    /** The node to put in the scene. */
    Node node() {
        return root;
    }

    /** Number of nodes the last frame used (for tests). */
    int nodeCount() {
        return screenLayer.getChildren().size() + worldLayer.getChildren().size()
                + textLayer.getChildren().size();
    }

    @Override
    public boolean retained() {
        return true;
    }

    @Override
    public void begin() {
        rectsUsed = 0;
        textsUsed = 0;
        pathsUsed = 0;
        imagesUsed = 0;
        screenFrame.clear();
        worldFrame.clear();
        textFrame.clear();
        identity = true;
        worldSet = false;
        pathLength = 0;
    }

    @Override
    public void end() {
        replaceIfChanged(screenLayer, screenFrame);
        replaceIfChanged(worldLayer, worldFrame);
        replaceIfChanged(textLayer, textFrame);
    }

    private static void replaceIfChanged(Group layer, List<Node> frame) {
        List<Node> current = layer.getChildren();
        boolean same = current.size() == frame.size();
        for (int i = 0; same && i < frame.size(); i++) {
            same = current.get(i) == frame.get(i);
        }
        if (!same) {
            layer.getChildren().setAll(frame);
        }
    }

    @Override
    public void fillBackground(Color color, double w, double h) {
        // The owner's region background is the same colour (GraphCanvas sets it).
    }

    @Override
    public void setTransform(double mxx, double myx, double mxy, double myy, double mxt, double myt) {
        identity = mxx == 1 && myx == 0 && mxy == 0 && myy == 1 && mxt == 0 && myt == 0;
        if (identity) {
            return;
        }
        if (worldSet && !(world.getMxx() == mxx && world.getMyx() == myx && world.getMxy() == mxy
                && world.getMyy() == myy && world.getTx() == mxt && world.getTy() == myt)) {
            throw new IllegalStateException("one world transform per frame");
        }
        world.setToTransform(mxx, mxy, mxt, myx, myy, myt);
        textShift.setX(mxt);
        textShift.setY(myt);
        worldSet = true;
    }

    @Override
    public void setFill(Color color) {
        fill = color;
    }

    @Override
    public void setStroke(Color color) {
        stroke = color;
    }

    @Override
    public void setLineWidth(double width) {
        lineWidth = width;
    }

    @Override
    public void setFont(Font font) {
        this.font = font;
    }

    @Override
    public void setTextAlign(TextAlignment align) {
        this.align = align;
    }

    @Override
    public void setTextBaseline(VPos baseline) {
        this.baseline = baseline;
    }

    @Override
    public void fillRect(double x, double y, double w, double h) {
        rect(x, y, w, h, 0, 0, true);
    }

    @Override
    public void strokeRect(double x, double y, double w, double h) {
        rect(x, y, w, h, 0, 0, false);
    }

    @Override
    public void fillRoundRect(double x, double y, double w, double h, double arcWidth, double arcHeight) {
        rect(x, y, w, h, arcWidth, arcHeight, true);
    }

    @Override
    public void strokeRoundRect(double x, double y, double w, double h, double arcWidth, double arcHeight) {
        rect(x, y, w, h, arcWidth, arcHeight, false);
    }

    @Override
    public void fillOval(double x, double y, double w, double h) {
        rect(x, y, w, h, w, h, true);
    }

    private void rect(double x, double y, double w, double h, double arcW, double arcH, boolean filled) {
        Rectangle r;
        if (rectsUsed < rects.size()) {
            r = rects.get(rectsUsed);
        } else {
            r = new Rectangle();
            rects.add(r);
        }
        rectsUsed++;
        r.setX(x);
        r.setY(y);
        r.setWidth(w);
        r.setHeight(h);
        r.setArcWidth(arcW);
        r.setArcHeight(arcH);
        if (filled) {
            r.setFill(fill);
            r.setStroke(null);
        } else {
            r.setFill(null);
            r.setStroke(stroke);
            r.setStrokeWidth(lineWidth);
        }
        add(r);
    }

    @Override
    public void fillText(String text, double x, double y) {
        fillText(text, x, y, Double.POSITIVE_INFINITY);
    }

    @Override
    public void fillText(String text, double x, double y, double maxWidth) {
        Text t;
        if (textsUsed < texts.size()) {
            t = texts.get(textsUsed);
        } else {
            t = new Text();
            texts.add(t);
        }
        textsUsed++;
        Font f = font;
        double maxW = maxWidth;
        if (!identity) {
            double s = world.getMxx();
            f = sized(font, Math.round(font.getSize() * s * 2) / 2.0);
            // scaled here, translated by the layer: panning moves no text
            x = world.getMxx() * x;
            y = world.getMyy() * y;
            maxW = maxWidth * s;
        }
        t.setText(text);
        t.setFont(f);
        t.setFill(fill);
        t.setTextOrigin(baseline);
        double width = t.getLayoutBounds().getWidth();
        double drawn = Math.min(width, maxW);
        double factor = switch (align) {
            case CENTER -> 0.5;
            case RIGHT -> 1.0;
            default -> 0.0;
        };
        // The canvas squeezes a too-wide text to maxWidth; a node scales about its centre.
        double left = x - drawn * factor;
        t.setScaleX(width > 0 ? drawn / width : 1);
        t.setX(left + drawn / 2 - width / 2);
        t.setY(y);
        (identity ? screenFrame : textFrame).add(t);
    }

    /** {@code base} at another size; cached, since a frame asks for the same few sizes. */
    private Font sized(Font base, double size) {
        return sizedFonts.computeIfAbsent(base, b -> new java.util.HashMap<>()).computeIfAbsent(size,
                z -> Font.font(base.getFamily(), fontWeight(base), fontPosture(base), Math.max(1, z)));
    }

    private static javafx.scene.text.FontWeight fontWeight(Font f) {
        String style = f.getStyle().toLowerCase(java.util.Locale.ROOT);
        return style.contains("bold") ? javafx.scene.text.FontWeight.BOLD : javafx.scene.text.FontWeight.NORMAL;
    }

    private static javafx.scene.text.FontPosture fontPosture(Font f) {
        String style = f.getStyle().toLowerCase(java.util.Locale.ROOT);
        return style.contains("italic") || style.contains("oblique") ? javafx.scene.text.FontPosture.ITALIC
                : javafx.scene.text.FontPosture.REGULAR;
    }

    @Override
    public void drawImage(Image image, double w, double h, double x, double y) {
        ImageView v;
        if (imagesUsed < images.size()) {
            v = images.get(imagesUsed);
        } else {
            v = new ImageView();
            v.setPreserveRatio(false);
            v.setSmooth(false);
            images.add(v);
        }
        imagesUsed++;
        v.setImage(image);
        javafx.geometry.Rectangle2D view = v.getViewport();
        if (view == null || view.getWidth() != w || view.getHeight() != h) {
            v.setViewport(new javafx.geometry.Rectangle2D(0, 0, w, h));
        }
        v.setX(x);
        v.setY(y);
        add(v);
    }

    @Override
    public void beginPath() {
        pathLength = 0;
    }

    @Override
    public void moveTo(double x, double y) {
        push(MOVE, x, y);
    }

    @Override
    public void lineTo(double x, double y) {
        push(LINE, x, y);
    }

    @Override
    public void rect(double x, double y, double w, double h) {
        push(MOVE, x, y);
        push(LINE, x + w, y);
        push(LINE, x + w, y + h);
        push(LINE, x, y + h);
        push(CLOSE, 0, 0);
    }

    @Override
    public void closePath() {
        push(CLOSE, 0, 0);
    }

    private void push(int op, double x, double y) {
        if (pathLength + 3 > pathData.length) {
            pathData = Arrays.copyOf(pathData, pathData.length * 2);
        }
        pathData[pathLength++] = op;
        pathData[pathLength++] = x;
        pathData[pathLength++] = y;
    }

    @Override
    public void stroke() {
        Path p = nextPath();
        p.setFill(null);
        p.setStroke(stroke);
        p.setStrokeWidth(lineWidth);
        add(p);
    }

    @Override
    public void fill() {
        Path p = nextPath();
        p.setFill(fill);
        p.setStroke(null);
        add(p);
    }

    /** The next pooled path, its elements replaced only if the path data changed. */
    private Path nextPath() {
        PathSlot slot;
        if (pathsUsed < paths.size()) {
            slot = paths.get(pathsUsed);
        } else {
            slot = new PathSlot();
            paths.add(slot);
        }
        pathsUsed++;
        if (!Arrays.equals(slot.data, 0, slot.length, pathData, 0, pathLength)) {
            if (slot.data.length < pathLength) {
                slot.data = new double[pathData.length];
            }
            System.arraycopy(pathData, 0, slot.data, 0, pathLength);
            slot.length = pathLength;
            List<PathElement> elements = new ArrayList<>(pathLength / 3);
            for (int i = 0; i < pathLength; i += 3) {
                int op = (int) pathData[i];
                elements.add(op == MOVE ? new MoveTo(pathData[i + 1], pathData[i + 2])
                        : op == LINE ? new LineTo(pathData[i + 1], pathData[i + 2]) : new ClosePath());
            }
            slot.path.getElements().setAll(elements);
        }
        return slot.path;
    }

    private void add(Node n) {
        (identity ? screenFrame : worldFrame).add(n);
    }

    private static final class PathSlot {
        final Path path = new Path();
        double[] data = new double[0];
        int length;
    }
}
