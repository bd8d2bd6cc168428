package dev.slimfit.ui.wizard;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javafx.collections.ListChangeListener;
import javafx.geometry.Rectangle2D;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

/**
 * Draws the decision tree top-down with the user's path highlighted; answers are pills on the
 * edges. Clicking an answer pill of a question on the path answers it; clicking a question on the
 * path goes back to it. Laid out in tree units and scaled to fit, so it works at any size.
 */
final class DecisionTreeCanvas extends Region {
    private static final double BOX_W = 176;
    private static final double BOX_H = 50;
    private static final double COL = 196;
    private static final double ROW = 92;
    private static final Color ACCENT = Color.web("#c05a2b");
    private static final Color PATH = Color.web("#2f6f9f");
    private static final Color LINE = Color.web("#c3c9d2");
    private static final Color TEXT = Color.web("#2b303a");
    private static final Color MUTED = Color.web("#6b7380");

    private final WizardViewModel vm;
    private final Canvas canvas = new Canvas();
    private final Map<String, double[]> pos = new HashMap<>(); // id -> {cx, top} in tree units
    private final List<Hit> hits = new ArrayList<>();
    private double scale = 1;
    private double offX;
    private double offY;
    private double unitsW;
    private double unitsH;

    private record Hit(Rectangle2D box, String question, String answer) {
    }

    DecisionTreeCanvas(WizardViewModel vm) {
        this.vm = vm;
        setId("wizard-tree");
        getChildren().add(canvas);
        setMinSize(300, 200);
        setPrefSize(1240, 470);
        setStyle("-fx-background-color: white; -fx-border-color: #e1e4e9; -fx-border-radius: 6; "
                + "-fx-background-radius: 6;");
        int[] leaf = {0};
        layout(DecisionTree.ROOT, 0, leaf);
        unitsW = leaf[0] * COL;
        unitsH = pos.values().stream().mapToDouble(p -> p[1]).max().orElse(0) + BOX_H;
        vm.path().addListener((ListChangeListener<String>) c -> draw());
        canvas.setOnMouseClicked(e -> click((e.getX() - offX) / scale, (e.getY() - offY) / scale));
    }

    /** Assigns leaves consecutive columns and centres parents over their children. */
    private double layout(String id, int depth, int[] leaf) {
        List<DecisionTree.Node> kids = vm.tree().children(id);
        double cx;
        if (kids.isEmpty()) {
            cx = (leaf[0]++ + 0.5) * COL;
        } else {
            double sum = 0;
            for (DecisionTree.Node k : kids) {
                sum += layout(k.id(), depth + 1, leaf);
            }
            cx = sum / kids.size();
        }
        pos.put(id, new double[] {cx, depth * ROW});
        return cx;
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        draw();
    }

    private void draw() {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, w, h);
        if (w <= 0 || h <= 0) {
            return;
        }
        double pad = 16;
        scale = Math.min(1.25, Math.min((w - 2 * pad) / unitsW, (h - 2 * pad) / unitsH));
        offX = (w - unitsW * scale) / 2;
        offY = (h - unitsH * scale) / 2;
        g.save();
        g.translate(offX, offY);
        g.scale(scale, scale);
        hits.clear();
        List<String> path = vm.path();
        for (DecisionTree.Node n : vm.tree().nodes()) {
            for (DecisionTree.Answer a : n.answers()) {
                edge(g, n, a, path);
            }
        }
        for (DecisionTree.Node n : vm.tree().nodes()) {
            box(g, n, path);
        }
        g.restore();
    }

    private void edge(GraphicsContext g, DecisionTree.Node from, DecisionTree.Answer a, List<String> path) {
        double[] p = pos.get(from.id());
        double[] c = pos.get(a.target());
        boolean taken = path.contains(from.id()) && path.contains(a.target());
        boolean offered = path.contains(from.id()) && !taken && !vm.answers().containsKey(from.id());
        double x1 = p[0];
        double y1 = p[1] + BOX_H;
        double x2 = c[0];
        double y2 = c[1];
        double my = (y1 + y2) / 2;
        g.setStroke(taken ? PATH : LINE);
        g.setLineWidth(taken ? 3 : 1.4);
        g.beginPath();
        g.moveTo(x1, y1);
        g.bezierCurveTo(x1, my, x2, my, x2, y2);
        g.stroke();
        double lx = x1 + (x2 - x1) * 0.5;
        double ly = my;
        g.setFont(Font.font("SansSerif", FontWeight.BOLD, 11));
        double tw = 9 + 6.5 * a.label().length();
        Rectangle2D r = new Rectangle2D(lx - tw / 2, ly - 10, tw, 20);
        g.setFill(taken ? PATH : offered ? Color.web("#fdf1ea") : Color.WHITE);
        g.fillRoundRect(r.getMinX(), r.getMinY(), r.getWidth(), r.getHeight(), 18, 18);
        g.setStroke(taken ? PATH : offered ? ACCENT : LINE);
        g.setLineWidth(offered ? 1.6 : 1);
        g.strokeRoundRect(r.getMinX(), r.getMinY(), r.getWidth(), r.getHeight(), 18, 18);
        g.setFill(taken ? Color.WHITE : offered ? ACCENT : MUTED);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        g.fillText(a.label(), lx, ly);
        if (path.contains(from.id())) {
            hits.add(new Hit(r, from.id(), a.id()));
        }
    }

    private void box(GraphicsContext g, DecisionTree.Node n, List<String> path) {
        double[] p = pos.get(n.id());
        double x = p[0] - BOX_W / 2;
        double y = p[1];
        boolean onPath = path.contains(n.id());
        boolean current = !path.isEmpty() && path.get(path.size() - 1).equals(n.id());
        Color fill = n.isOutcome() ? (current ? Color.web("#e3f1e7") : Color.web("#f4f8f5")) : Color.WHITE;
        if (current && !n.isOutcome()) {
            fill = Color.web("#fdf1ea");
        }
        g.setFill(fill);
        g.fillRoundRect(x, y, BOX_W, BOX_H, 12, 12);
        g.setStroke(current ? (n.isOutcome() ? Color.web("#2e7d4f") : ACCENT) : onPath ? PATH : LINE);
        g.setLineWidth(current ? 3 : onPath ? 2 : 1);
        if (n.isOutcome()) {
            g.setLineDashes();
        }
        g.strokeRoundRect(x, y, BOX_W, BOX_H, 12, 12);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        g.setFill(onPath || current ? TEXT : MUTED);
        g.setFont(Font.font("SansSerif", FontWeight.BOLD, 12));
        g.fillText(n.title(), p[0], y + 17, BOX_W - 12);
        g.setFill(MUTED);
        g.setFont(Font.font("SansSerif", 10));
        g.fillText(n.detail(), p[0], y + 35, BOX_W - 10);
        if (onPath && !n.isOutcome()) {
            hits.add(new Hit(new Rectangle2D(x, y, BOX_W, BOX_H), n.id(), null));
        }
    }

    private void click(double x, double y) {
        for (Hit h : hits) {
            if (h.box().contains(x, y)) {
                if (h.answer() == null) {
                    vm.revisit(h.question());
                } else {
                    vm.answer(h.question(), h.answer());
                }
                return;
            }
        }
    }
}
