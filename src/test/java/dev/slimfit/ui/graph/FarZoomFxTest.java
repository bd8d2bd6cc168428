package dev.slimfit.ui.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;
import javafx.stage.Stage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The far-zoom level of detail of {@link GraphCanvas}: at fit-all zoom on a big graph the frame
 * is blitted from a cached {@link OverviewRaster}, the picture shows the nodes in their colours,
 * and a selection made while zoomed out appears at once (the cache is dropped, not reused stale).
 */
@ExtendWith(ApplicationExtension.class)
class FarZoomFxTest {

    private GraphSpec spec;
    private GraphCanvas view;

    @Start
    void start(Stage stage) {
        spec = SyntheticGraphs.cnn(1500, 3);
        view = new GraphCanvas();
        view.setGraph(spec, GraphLayout.layout(spec));
        view.setMinimapVisible(false);
        stage.setScene(new Scene(view, 900, 700));
        stage.show();
    }

    @Test
    void fitAllFramesComeFromTheCachedImageAndCloseUpFramesDoNot(FxRobot robot) {
        AtomicBoolean far = new AtomicBoolean();
        AtomicBoolean farAfterPan = new AtomicBoolean();
        AtomicBoolean near = new AtomicBoolean(true);
        robot.interact(() -> {
            view.fitToView();
            view.drawNow();
            far.set(view.lastFrameFromImage());
            view.panBy(5, 7);
            view.drawNow();
            farAfterPan.set(view.lastFrameFromImage());
            view.centerOn(spec.nodes().get(10).id());
            view.drawNow();
            near.set(view.lastFrameFromImage());
        });
        assertTrue(far.get(), "fit-all frame should be blitted, scale was " + view.getScale());
        assertTrue(farAfterPan.get());
        assertFalse(near.get(), "at zoom 1 nodes are drawn with text, not from the image");
    }

    @Test
    void selectingANodeWhileZoomedOutChangesThePicture(FxRobot robot) {
        AtomicReference<Image> before = new AtomicReference<>();
        AtomicReference<Image> after = new AtomicReference<>();
        robot.interact(() -> {
            view.fitToView();
            view.drawNow();
            before.set(view.snapshot(null, null));
            for (int i = 0; i < spec.nodeCount(); i += 40) {
                view.getSelectedNodes().add(spec.nodes().get(i).id());
            }
            view.drawNow();
            after.set(view.snapshot(null, null));
        });
        int selectionPixels = countColour(after.get(), OverviewRaster.argbOf(GraphTheme.light().selection()))
                - countColour(before.get(), OverviewRaster.argbOf(GraphTheme.light().selection()));
        assertTrue(selectionPixels > 100, "selection outlines drawn: " + selectionPixels + " pixels");
        assertNotEquals(0, countColour(after.get(), OverviewRaster.argbOf(GraphTheme.light().edge())));
    }

    @Test
    void theRasterShowsEachNodeInItsColourWithTheSelectionRingOutside() {
        RenderModel model = new RenderModel();
        GraphGeometry g = GraphLayout.layout(spec);
        model.setGraph(spec, g);
        model.recolor(CategoryPalette.colorer(spec));
        int node = 100;
        model.selected().set(node);
        double scale = 0.05;
        OverviewRaster r = OverviewRaster.draw(model, GraphTheme.light(), scale, true);
        int x = (int) Math.floor((g.nodeX(node) + g.nodeWidth(node) / 2 - r.originX()) * scale);
        int y = (int) Math.floor((g.nodeY(node) + g.nodeHeight(node) / 2 - r.originY()) * scale);
        assertEquals(OverviewRaster.argbOf(model.palette()[model.colorIndex()[node]]), r.argbAt(x, y));
        int left = (int) Math.floor((g.nodeX(node) - r.originX()) * scale) - 1;
        assertEquals(OverviewRaster.argbOf(GraphTheme.light().selection()), r.argbAt(left, y));
        assertEquals(0, r.argbAt(0, 0), "background stays transparent");
    }

    @Test
    void aRegionRasterIsExactlyThatWindowOfTheWholeRaster() {
        RenderModel model = new RenderModel();
        GraphGeometry g = GraphLayout.layout(spec);
        model.setGraph(spec, g);
        model.recolor(CategoryPalette.colorer(spec));
        double scale = 0.0625; // a power of two: both rasters map world to pixels exactly alike
        OverviewRaster whole = OverviewRaster.draw(model, GraphTheme.light(), scale, true);
        int ox = whole.width() / 4;
        int oy = whole.height() / 3;
        int w = Math.min(300, whole.width() - ox);
        int h = Math.min(400, whole.height() - oy);
        OverviewRaster region = OverviewRaster.drawRegion(model, GraphTheme.light(), scale,
                whole.originX() + ox / scale, whole.originY() + oy / scale, w, h, null);
        int painted = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                assertEquals(whole.argbAt(ox + x, oy + y), region.argbAt(x, y), "pixel " + x + "," + y);
                painted += region.argbAt(x, y) != 0 ? 1 : 0;
            }
        }
        assertTrue(painted > 1000, "the window is not empty: " + painted + " pixels");
    }

    private static int countColour(Image image, int argb) {
        PixelReader reader = image.getPixelReader();
        int count = 0;
        for (int y = 0; y < (int) image.getHeight(); y++) {
            for (int x = 0; x < (int) image.getWidth(); x++) {
                if ((reader.getArgb(x, y) | 0xff000000) == argb && (reader.getArgb(x, y) >>> 24) == 0xff) {
                    count++;
                }
            }
        }
        return count;
    }
}
