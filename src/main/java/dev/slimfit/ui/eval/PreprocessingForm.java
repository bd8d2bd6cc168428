package dev.slimfit.ui.eval;

import dev.slimfit.eval.Preprocessing;
import dev.slimfit.eval.Preprocessing.Normalization;
import java.util.Arrays;
import java.util.Locale;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The editable image preprocessing of the Evaluate panel: one property per field of
 * {@link Preprocessing}, pre-filled from the model's metadata and turned back into a
 * {@link Preprocessing} (with a readable error) when a run starts.
 */
public final class PreprocessingForm {
    private final DoubleProperty crop = new SimpleDoubleProperty(1.0);
    private final ObjectProperty<Preprocessing.Resize> resize = new SimpleObjectProperty<>(Preprocessing.Resize.BILINEAR);
    private final ObjectProperty<Preprocessing.ChannelOrder> order =
            new SimpleObjectProperty<>(Preprocessing.ChannelOrder.RGB);
    private final ObjectProperty<Preprocessing.Layout> layout = new SimpleObjectProperty<>(Preprocessing.Layout.AUTO);
    private final ObjectProperty<Normalization.Kind> kind = new SimpleObjectProperty<>(Normalization.Kind.MEAN_STD);
    private final StringProperty mean = new SimpleStringProperty("127.5");
    private final StringProperty std = new SimpleStringProperty("127.5");
    private final DoubleProperty divisor = new SimpleDoubleProperty(1.0);

    /** Fills every field from {@code p}. */
    public void load(Preprocessing p) {
        crop.set(p.cropFraction());
        resize.set(p.resize());
        order.set(p.order());
        layout.set(p.layout());
        Normalization n = p.normalization();
        kind.set(n.kind());
        mean.set(join(n.mean()));
        std.set(join(n.std()));
        divisor.set(n.divisor());
    }

    /** The preprocessing the fields describe. */
    public Preprocessing toPreprocessing() {
        float[] m = parse(mean.get(), "mean");
        float[] s = parse(std.get(), "std");
        for (float v : s) {
            if (v == 0f) {
                throw new IllegalArgumentException("std must not be 0");
            }
        }
        if (!(divisor.get() > 0)) {
            throw new IllegalArgumentException("divisor must be positive");
        }
        return new Preprocessing(crop.get(), resize.get(), order.get(), layout.get(),
                new Normalization(kind.get(), m, s, divisor.get()));
    }

    private static float[] parse(String text, String what) {
        String[] parts = text == null ? new String[0] : text.trim().split("[,;\\s]+");
        if (parts.length == 0 || parts[0].isEmpty()) {
            throw new IllegalArgumentException(what + " is empty: give one value or one per channel");
        }
        float[] out = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Float.parseFloat(parts[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(what + ": '" + parts[i] + "' is not a number", e);
            }
        }
        return out;
    }

    private static String join(float[] v) {
        String[] s = new String[v.length];
        for (int i = 0; i < v.length; i++) {
            s[i] = v[i] == Math.rint(v[i]) && Math.abs(v[i]) < 1e6 ? String.valueOf((long) v[i])
                    : String.format(Locale.ROOT, "%s", v[i]);
        }
        return String.join(", ", Arrays.asList(s));
    }

    /** Central-crop fraction in (0, 1]. */
    public DoubleProperty cropProperty() {
        return crop;
    }

    /** Resize sampling. */
    public ObjectProperty<Preprocessing.Resize> resizeProperty() {
        return resize;
    }

    /** Channel order. */
    public ObjectProperty<Preprocessing.ChannelOrder> orderProperty() {
        return order;
    }

    /** Tensor layout. */
    public ObjectProperty<Preprocessing.Layout> layoutProperty() {
        return layout;
    }

    /** Normalization kind. */
    public ObjectProperty<Normalization.Kind> kindProperty() {
        return kind;
    }

    /** Mean, one value or one per channel, comma separated. */
    public StringProperty meanProperty() {
        return mean;
    }

    /** Std, one value or one per channel. */
    public StringProperty stdProperty() {
        return std;
    }

    /** Pixel divisor applied before mean/std (1 = 0..255 scale, 255 = 0..1 scale). */
    public DoubleProperty divisorProperty() {
        return divisor;
    }
}
