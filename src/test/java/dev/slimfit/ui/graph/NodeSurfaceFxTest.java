package dev.slimfit.ui.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import javafx.geometry.Bounds;
import javafx.geometry.VPos;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.scene.paint.Color;
import javafx.scene.shape.Path;
import javafx.scene.shape.PathElement;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import javafx.stage.Stage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The retained drawing surface of the graph view ({@link NodeSurface}): canvas semantics kept
 * (text squeezed to its maximum width around its anchor, world text placed in screen coordinates
 * at the zoomed size), panning leaves the nodes and their paths alone, and {@link GraphCanvas}
 * uses it for close-ups and the far image but keeps the canvas for frames of thousands of boxes.
 */
@ExtendWith(ApplicationExtension.class)
class NodeSurfaceFxTest {

    private GraphSpec spec;
    private GraphCanvas view;

    @Start
    void start(Stage stage) {
        spec = SyntheticGraphs.cnn(1500, 3);
        view = new GraphCanvas();
        view.setGraph(spec, GraphLayout.layout(spec));
        view.setMinimapVisible(false);
        view.setLegendVisible(false);
        stage.setScene(new Scene(view, 900, 700));
        stage.show();
    }

    @Test
    void aTooWideTextIsSqueezedToItsMaximumWidthAroundItsAnchor(FxRobot robot) {
        AtomicReference<Bounds> bounds = new AtomicReference<>();
        robot.interact(() -> {
            NodeSurface s = new NodeSurface();
            s.begin();
            s.setFont(Font.font("System", 12));
            s.setTextAlign(TextAlignment.CENTER);
            s.setTextBaseline(VPos.CENTER);
            s.fillText("a label far wider than its box", 100, 50, 40);
            s.end();
            bounds.set(texts(s.node()).get(0).getBoundsInParent());
        });
        assertEquals(40, bounds.get().getWidth(), 0.5, "squeezed to maxWidth");
        assertEquals(100, bounds.get().getMinX() + bounds.get().getWidth() / 2, 0.5, "centred on x");
    }

    @Test
    void worldTextIsDrawnInScreenCoordinatesAtTheZoomedSizeOnTopOfTheShapes(FxRobot robot) {
        AtomicReference<Text> text = new AtomicReference<>();
        AtomicReference<javafx.geometry.Point2D> origin = new AtomicReference<>();
        AtomicReference<List<Node>> layers = new AtomicReference<>();
        robot.interact(() -> {
            NodeSurface s = new NodeSurface();
            s.begin();
            s.setTransform(2, 0, 0, 2, 10, 20);
            s.setFill(Color.RED);
            s.fillRect(0, 0, 50, 50);
            s.setFont(Font.font("System", 11));
            s.setTextAlign(TextAlignment.LEFT);
            s.setTextBaseline(VPos.TOP);
            s.fillText("x", 5, 5);
            s.end();
            text.set(texts(s.node()).get(0));
            origin.set(text.get().getParent().localToParent(text.get().getX(), text.get().getY()));
            layers.set(new ArrayList<>(((Group) s.node()).getChildren()));
        });
        assertEquals(22, text.get().getFont().getSize(), 1e-9);
        assertEquals(20, origin.get().getX(), 1e-9, "2 * 5 + 10");
        assertEquals(30, origin.get().getY(), 1e-9, "2 * 5 + 20");
        Group top = (Group) layers.get().get(layers.get().size() - 1);
        assertTrue(top.getChildren().contains(text.get()), "text is in the top layer");
    }

    @Test
    void panningChangesOnlyTheTransformNotTheNodesOrTheirPaths(FxRobot robot) {
        AtomicReference<List<Node>> before = new AtomicReference<>();
        AtomicReference<List<Node>> after = new AtomicReference<>();
        AtomicReference<PathElement> firstBefore = new AtomicReference<>();
        AtomicReference<PathElement> firstAfter = new AtomicReference<>();
        AtomicBoolean nodes = new AtomicBoolean();
        robot.interact(() -> {
            view.centerOn(spec.nodes().get(40).id());
            view.drawNow();
            view.panBy(0.5, 0.25); // the first pan at this zoom queries the wider window
            view.drawNow();
            nodes.set(view.lastFrameAsNodes());
            before.set(shapes(view));
            firstBefore.set(firstPath(view).getElements().get(0));
            // well past the 20-px margin, inside the half-view window: nodes enter the screen, yet
            // the surface keeps its nodes and paths
            view.panBy(0, -150);
            view.drawNow();
            after.set(shapes(view));
            firstAfter.set(firstPath(view).getElements().get(0));
        });
        assertTrue(nodes.get(), "a close-up is drawn as nodes");
        assertFalse(before.get().isEmpty());
        assertEquals(before.get(), after.get(), "same node objects in the same order");
        assertSame(firstBefore.get(), firstAfter.get(), "the edge path was not rebuilt");
    }

    @Test
    void thousandsOfBoxesOnScreenComeFromAnImageAndAtTextZoomFromTheCanvas(FxRobot robot) {
        // 40 chains of 50 ops side by side: at fit-all zoom (0.165, above the far-image zoom) all
        // 2,000 boxes are visible at once.
        GraphSpec.Builder b = GraphSpec.builder();
        for (int c = 0; c < 40; c++) {
            for (int k = 0; k < 50; k++) {
                int id = c * 50 + k;
                b.node(id, "Conv2D", "3x3", "Convolution");
                if (k > 0) {
                    b.edge(id - 1, id, "1x8x8x16");
                }
            }
        }
        GraphSpec grid = b.build();
        GraphGeometry gridGeometry = GraphLayout.layout(grid);
        AtomicBoolean close = new AtomicBoolean();
        AtomicBoolean far = new AtomicBoolean();
        AtomicBoolean farImage = new AtomicBoolean();
        AtomicBoolean many = new AtomicBoolean();
        AtomicBoolean manyImage = new AtomicBoolean();
        AtomicReference<Double> manyScale = new AtomicReference<>();
        AtomicReference<Integer> manyVisible = new AtomicReference<>();
        robot.interact(() -> {
            view.centerOn(spec.nodes().get(40).id());
            view.drawNow();
            close.set(view.lastFrameAsNodes());
            view.fitToView();
            view.drawNow();
            far.set(view.lastFrameAsNodes());
            farImage.set(view.lastFrameFromImage());
            view.setGraph(grid, gridGeometry);
            view.fitToView();
            view.drawNow();
            many.set(view.lastFrameAsNodes());
            manyImage.set(view.lastFrameFromImage());
            manyScale.set(view.getScale());
            manyVisible.set(view.lastVisibleNodeCount());
        });
        assertTrue(close.get());
        assertTrue(far.get() && farImage.get(), "fit-all shows the cached image as a node");
        assertTrue(manyScale.get() >= GraphRenderer.FAR_SCALE, "scale " + manyScale.get());
        assertTrue(manyVisible.get() > GraphRenderer.NODE_SURFACE_LIMIT, manyVisible.get() + " visible");
        assertTrue(many.get() && manyImage.get(), manyVisible.get() + " boxes at zoom " + manyScale.get()
                + " come from the image");

        // A window so big that all 2,000 boxes are on screen at zoom 0.44 (boxes without text),
        // where the image of the whole graph would pass its size limit: a region image of the
        // view; at text zoom (0.5), the canvas draws them.
        RenderModel model = new RenderModel();
        model.setGraph(grid, gridGeometry);
        GraphRenderer renderer = new GraphRenderer(GraphTheme.light(), model);
        Viewport vp = new Viewport();
        vp.set(0.44, 10, 10);
        assertFalse(OverviewRaster.fits(gridGeometry, 0.44), "the image would be too big at 0.44");
        assertTrue(renderer.fewShapes(gridGeometry.width() * 0.44 + 20, gridGeometry.height() * 0.44 + 20, vp));
        vp.set(0.5, 10, 10);
        assertFalse(renderer.fewShapes(gridGeometry.width() * 0.5 + 20, gridGeometry.height() * 0.5 + 20, vp));
        assertTrue(renderer.fewShapes(900, 700, vp), "a window's worth of them is few shapes");
    }

    @Test
    void aCloseUpShowsTheNodeInItsCategoryColour(FxRobot robot) {
        int index = 40;
        int id = spec.nodes().get(index).id();
        AtomicReference<Image> shot = new AtomicReference<>();
        robot.interact(() -> {
            view.centerOn(id);
            view.zoomAt(1.0 / view.getScale(), view.getWidth() / 2, view.getHeight() / 2);
            view.drawNow();
            shot.set(view.snapshot(null, null));
        });
        GraphGeometry g = view.getGeometry();
        double w = g.nodeWidth(index);
        double h = g.nodeHeight(index);
        int x = (int) Math.round(shot.get().getWidth() / 2 - w / 2 + 3);
        int y = (int) Math.round(shot.get().getHeight() / 2 - h / 2 + 3);
        Color expected = CategoryPalette.colorer(spec).colorOf(id);
        Color seen = shot.get().getPixelReader().getColor(x, y);
        assertEquals(expected.getRed(), seen.getRed(), 0.02, "red at " + x + "," + y);
        assertEquals(expected.getGreen(), seen.getGreen(), 0.02);
        assertEquals(expected.getBlue(), seen.getBlue(), 0.02);
    }

    private static List<Text> texts(Node root) {
        List<Text> out = new ArrayList<>();
        walk(root, n -> {
            if (n instanceof Text t) {
                out.add(t);
            }
        });
        return out;
    }

    private static List<Node> shapes(GraphCanvas view) {
        List<Node> out = new ArrayList<>();
        for (Node child : view.getChildrenUnmodifiable()) {
            if (child instanceof Group) {
                walk(child, n -> {
                    if (!(n instanceof Parent)) {
                        out.add(n);
                    }
                });
            }
        }
        return out;
    }

    private static Path firstPath(GraphCanvas view) {
        for (Node n : shapes(view)) {
            if (n instanceof Path p) {
                return p;
            }
        }
        throw new AssertionError("no path drawn");
    }

    private static void walk(Node n, java.util.function.Consumer<Node> visit) {
        visit.accept(n);
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                walk(c, visit);
            }
        }
    }
}
