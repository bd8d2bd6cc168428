package dev.slimfit.ui.compare;

import java.util.function.Function;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;

/**
 * One side (original or optimized) of the compare view: the same row list as the other side, so
 * rows line up; cells that differ from the other side are highlighted.
 */
final class SideTable extends TableView<ModelDiff.Row> {
    private final boolean left;

    SideTable(CompareViewModel vm, boolean left) {
        this.left = left;
        setId(left ? "compare-original" : "compare-optimized");
        setItems(vm.rows());
        setPlaceholder(new Label("Nothing to compare yet."));
        setColumnResizePolicy(CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        col("#", 34, s -> String.valueOf(s.index()), false);
        col("Op", 150, ModelDiff.Side::op, true);
        col("Output tensor", 200, ModelDiff.Side::output, false);
        col("Output type", 170, ModelDiff.Side::outType, true);
        col("Weights", 230, ModelDiff.Side::weights, true);
        setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(ModelDiff.Row r, boolean empty) {
                super.updateItem(r, empty);
                getStyleClass().removeAll("diff", "added", "removed");
                if (!empty && r != null) {
                    switch (r.status()) {
                        case CHANGED -> getStyleClass().add("diff");
                        case ADDED -> getStyleClass().add("added");
                        case REMOVED -> getStyleClass().add("removed");
                        default -> { }
                    }
                }
            }
        });
    }

    private ModelDiff.Side mine(ModelDiff.Row r) {
        return left ? r.original() : r.optimized();
    }

    private ModelDiff.Side other(ModelDiff.Row r) {
        return left ? r.optimized() : r.original();
    }

    private void col(String title, double width, Function<ModelDiff.Side, String> f, boolean compare) {
        TableColumn<ModelDiff.Row, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setCellValueFactory(v -> {
            ModelDiff.Side s = mine(v.getValue());
            return new ReadOnlyStringWrapper(s == null ? "" : f.apply(s));
        });
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                setTooltip(empty || text == null || text.isEmpty() ? null : new javafx.scene.control.Tooltip(text));
                getStyleClass().remove("diff-cell");
                ModelDiff.Row r = empty || getTableRow() == null ? null : getTableRow().getItem();
                if (compare && r != null && r.original() != null && r.optimized() != null
                        && !f.apply(r.original()).equals(f.apply(r.optimized()))) {
                    getStyleClass().add("diff-cell");
                }
                if (r != null && other(r) != null && mine(r) == null) {
                    setText(empty ? null : "");
                }
            }
        });
        getColumns().add(c);
    }

    /** The vertical scroll bar, once the skin exists. */
    ScrollBar verticalBar() {
        for (Node n : lookupAll(".scroll-bar")) {
            if (n instanceof ScrollBar sb && sb.getOrientation() == Orientation.VERTICAL) {
                return sb;
            }
        }
        return null;
    }
}
