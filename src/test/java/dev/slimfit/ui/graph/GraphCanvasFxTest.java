package dev.slimfit.ui.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Headless (Monocle) checks of the interactive behaviour of {@link GraphCanvas}. */
@ExtendWith(ApplicationExtension.class)
class GraphCanvasFxTest {

    private GraphSpec spec;
    private GraphCanvas view;

    @Start
    void start(Stage stage) {
        spec = SyntheticGraphs.cnn(80, 11);
        view = new GraphCanvas();
        view.setGraph(spec, GraphLayout.layout(spec));
        stage.setScene(new Scene(view, 800, 600));
        stage.show();
    }

    @Test
    void clickOnANodeSelectsExactlyThatNode(FxRobot robot) {
        int id = spec.nodes().get(20).id();
        robot.interact(() -> view.centerOn(id));
        robot.clickOn(screenPointOf(20), MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Set.of(id), Set.copyOf(view.getSelectedNodes()));
    }

    @Test
    void shiftClickAddsAndRemovesNodes(FxRobot robot) {
        int first = spec.nodes().get(20).id();
        int second = spec.nodes().get(21).id();
        robot.interact(() -> view.centerOn(first));
        robot.clickOn(screenPointOf(20), MouseButton.PRIMARY);
        robot.press(KeyCode.SHIFT).clickOn(screenPointOf(21), MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Set.of(first, second), Set.copyOf(view.getSelectedNodes()));
        robot.clickOn(screenPointOf(20), MouseButton.PRIMARY).release(KeyCode.SHIFT);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Set.of(second), Set.copyOf(view.getSelectedNodes()));
    }

    @Test
    void centerOnMovesTheViewportOntoTheNode(FxRobot robot) {
        int index = spec.nodeCount() - 3;
        GraphGeometry g = view.getGeometry();
        double cx = g.nodeX(index) + g.nodeWidth(index) / 2;
        double cy = g.nodeY(index) + g.nodeHeight(index) / 2;
        AtomicReference<Bounds> before = new AtomicReference<>();
        AtomicReference<Bounds> after = new AtomicReference<>();
        robot.interact(() -> {
            view.fitToView();
            view.centerOn(spec.nodes().get(0).id());
            before.set(view.getVisibleWorldBounds());
            view.centerOn(spec.nodes().get(index).id());
            after.set(view.getVisibleWorldBounds());
        });
        assertNotEquals(before.get().getCenterY(), after.get().getCenterY(), 1.0);
        assertEquals(cx, after.get().getCenterX(), 0.5);
        assertEquals(cy, after.get().getCenterY(), 0.5);
        assertTrue(view.getScale() >= 0.9, "zoomed in enough to read the node");
    }

    @Test
    void aTallGraphOpensOnItsTopAtReadableZoomAndASmallOneWhole(FxRobot robot) {
        AtomicReference<Double> tallScale = new AtomicReference<>();
        AtomicReference<Bounds> tallVisible = new AtomicReference<>();
        AtomicReference<Double> smallScale = new AtomicReference<>();
        AtomicReference<Bounds> smallVisible = new AtomicReference<>();
        GraphSpec small = SyntheticGraphs.cnn(6, 2);
        GraphGeometry smallGeometry = GraphLayout.layout(small);
        robot.interact(() -> {
            view.setGraph(spec, view.getGeometry());
            view.layout();
            tallScale.set(view.getScale());
            tallVisible.set(view.getVisibleWorldBounds());
            view.setGraph(small, smallGeometry);
            view.layout();
            smallScale.set(view.getScale());
            smallVisible.set(view.getVisibleWorldBounds());
        });
        GraphGeometry g = GraphLayout.layout(spec);
        assertEquals(1.0, tallScale.get(), 1e-9, "80 ops do not fit readably in 800x600");
        assertTrue(tallVisible.get().getMinY() <= g.minY() && tallVisible.get().getMaxY() < g.maxY(),
                "the top of the graph is in view: " + tallVisible.get());
        assertTrue(smallScale.get() >= GraphRenderer.TEXT_SCALE, "scale " + smallScale.get());
        assertTrue(smallVisible.get().getMinY() <= smallGeometry.minY()
                && smallVisible.get().getMaxY() >= smallGeometry.maxY(), "the whole small graph is in view");
        robot.interact(() -> view.setGraph(spec, g));
    }

    @Test
    void clickOnEmptySpaceClearsTheSelection(FxRobot robot) {
        int id = spec.nodes().get(20).id();
        robot.interact(() -> {
            view.centerOn(id);
            view.getSelectedNodes().add(id);
        });
        Point2D empty = WaitForAsyncUtils.waitForAsyncFx(5_000, () -> {
            for (double y = 5; y < view.getHeight(); y += 9) {
                for (double x = 200; x < view.getWidth() - 220; x += 9) {
                    if (view.nodeAt(x, y).isEmpty()) {
                        return view.localToScreen(x, y);
                    }
                }
            }
            throw new AssertionError("no empty spot in view");
        });
        robot.clickOn(empty, MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(view.getSelectedNodes().isEmpty());
    }

    @Test
    void shiftDragSelectsTheNodesInsideTheRectangle(FxRobot robot) {
        robot.interact(() -> view.centerOn(spec.nodes().get(20).id()));
        Point2D a = screenPointOf(20);
        Point2D b = screenPointOf(22);
        double pad = 120;
        Point2D from = new Point2D(Math.min(a.getX(), b.getX()) - pad, Math.min(a.getY(), b.getY()) - 40);
        Point2D to = new Point2D(Math.max(a.getX(), b.getX()) + pad, Math.max(a.getY(), b.getY()) + 40);
        robot.press(KeyCode.SHIFT).drag(from, MouseButton.PRIMARY).dropTo(to).release(KeyCode.SHIFT);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(view.getSelectedNodes().contains(spec.nodes().get(20).id()));
        assertTrue(view.getSelectedNodes().contains(spec.nodes().get(22).id()));
        assertTrue(view.getSelectedNodes().size() < spec.nodeCount(), "not everything");
    }

    /** Screen position of the centre of the node at {@code index}, as currently shown. */
    private Point2D screenPointOf(int index) {
        return WaitForAsyncUtils.waitForAsyncFx(5_000, () -> {
            GraphGeometry g = view.getGeometry();
            Bounds world = view.getVisibleWorldBounds();
            double s = view.getScale();
            double x = (g.nodeX(index) + g.nodeWidth(index) / 2 - world.getMinX()) * s;
            double y = (g.nodeY(index) + g.nodeHeight(index) / 2 - world.getMinY()) * s;
            return view.localToScreen(x, y);
        });
    }
}
