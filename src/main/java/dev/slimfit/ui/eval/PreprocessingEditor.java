package dev.slimfit.ui.eval;

import dev.slimfit.eval.Preprocessing;
import dev.slimfit.ui.common.FeatureStyle;

import javafx.beans.binding.Bindings;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.util.converter.NumberStringConverter;

/**
 * Editor of a {@link PreprocessingForm}: crop, resize, channel order, layout, normalization.
 * Shared by the Evaluate panel and the wizard, so both read samples the same way.
 */
public final class PreprocessingEditor extends GridPane {
    private int row;

    /** An editor bound to {@code form}; the link calls {@code reset} (refill from the model's metadata). */
    public PreprocessingEditor(PreprocessingForm form, Runnable reset) {
        setHgap(8);
        setVgap(6);
        ColumnConstraints c0 = new ColumnConstraints(92);
        ColumnConstraints c1 = new ColumnConstraints();
        c1.setHgrow(Priority.ALWAYS);
        getColumnConstraints().addAll(c0, c1);
        add("Central crop", doubleSpinner(form.cropProperty()));
        add("Resize", combo(form.resizeProperty(), Preprocessing.Resize.values()));
        add("Channels", combo(form.orderProperty(), Preprocessing.ChannelOrder.values()));
        add("Layout", combo(form.layoutProperty(), Preprocessing.Layout.values()));
        add("Normalize", combo(form.kindProperty(), Preprocessing.Normalization.Kind.values()));
        add("Mean", text(form.meanProperty(), "one value or one per channel"));
        add("Std", text(form.stdProperty(), "one value or one per channel"));
        TextField divisor = new TextField();
        Bindings.bindBidirectional(divisor.textProperty(), form.divisorProperty(), new NumberStringConverter("0.###"));
        add("Divisor", divisor);
        Hyperlink link = new Hyperlink("Reset from model metadata");
        link.setOnAction(e -> reset.run());
        add(link, 1, row++);
    }

    private void add(String label, Node field) {
        add(FeatureStyle.label(label, "muted"), 0, row);
        add(field, 1, row++);
    }

    static TextField text(StringProperty p, String prompt) {
        TextField t = new TextField();
        t.textProperty().bindBidirectional(p);
        t.setPromptText(prompt);
        return t;
    }

    private static Spinner<Double> doubleSpinner(DoubleProperty p) {
        Spinner<Double> s = new Spinner<>(0.05, 1.0, p.get(), 0.025);
        s.setEditable(true);
        s.setMaxWidth(Double.MAX_VALUE);
        s.valueProperty().addListener((o, a, b) -> p.set(b));
        p.addListener((o, a, b) -> s.getValueFactory().setValue(b.doubleValue()));
        return s;
    }

    private static <E> ComboBox<E> combo(ObjectProperty<E> p, E[] values) {
        ComboBox<E> c = new ComboBox<>();
        c.getItems().setAll(values);
        c.valueProperty().bindBidirectional(p);
        c.setMaxWidth(Double.MAX_VALUE);
        return c;
    }
}
