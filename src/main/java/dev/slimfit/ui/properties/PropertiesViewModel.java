package dev.slimfit.ui.properties;

import dev.slimfit.eval.NpyArray;
import dev.slimfit.model.Model;
import dev.slimfit.model.OpOptions;
import dev.slimfit.model.Operator;
import dev.slimfit.model.Tensor;
import dev.slimfit.model.TensorValues;
import dev.slimfit.optimize.Layer;
import dev.slimfit.ui.MainViewModel;
import dev.slimfit.ui.ModelDocument;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The properties panel's state for the focused op: header, options, inputs/outputs, statistics of
 * its weights, and a paged value viewer over any of its constant tensors (which can be saved as
 * {@code .npy}).
 */
public final class PropertiesViewModel {
    /** Values per page in the value viewer. */
    public static final int PAGE_SIZE = 64;

    /** Everything shown for one op. */
    public record OpDetails(int opIndex, String layerId, String op, int version, List<String[]> options,
                            List<TensorInfo> inputs, List<TensorInfo> outputs, TensorValues.Stats weightStats,
                            boolean unsupported) {
    }

    private final MainViewModel main;
    private final ReadOnlyObjectWrapper<OpDetails> details = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<List<ModelOverview.Section>> overview = new ReadOnlyObjectWrapper<>(List.of());
    private final ObservableList<TensorInfo> constants = FXCollections.observableArrayList();
    private final ObjectProperty<TensorInfo> viewedTensor = new SimpleObjectProperty<>();
    private final IntegerProperty page = new SimpleIntegerProperty();
    private final ObservableList<String> pageLines = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<String> pageLabel = new ReadOnlyObjectWrapper<>("");
    private double[] values = new double[0];

    /** Follows {@code main}'s focused op. */
    public PropertiesViewModel(MainViewModel main) {
        this.main = main;
        main.focusedOpProperty().addListener((o, a, op) -> refresh());
        main.documentProperty().addListener((o, a, b) -> {
            overview.set(b == null ? List.of() : ModelOverview.of(b));
            refresh();
        });
        viewedTensor.addListener((o, a, t) -> loadValues(t));
        page.addListener((o, a, b) -> fillPage());
    }

    private void refresh() {
        ModelDocument doc = main.documentProperty().get();
        int op = main.focusedOpProperty().get();
        if (doc == null || op < 0 || op >= doc.layers().size()) {
            details.set(null);
            constants.clear();
            viewedTensor.set(null);
            return;
        }
        Model model = doc.model();
        Operator operator = model.mainSubgraph().operators().get(op);
        Layer layer = doc.layerAt(op);
        List<String[]> options = new ArrayList<>();
        OpOptions o = operator.options();
        if (o != null) {
            for (String f : o.fieldNames()) {
                options.add(new String[] {f, format(o.get(f))});
            }
        }
        List<TensorInfo> ins = infos(model, operator.inputs());
        List<TensorInfo> outs = infos(model, operator.outputs());
        TensorValues.Stats stats = null;
        if (layer.hasWeights()) {
            stats = TensorValues.stats(TensorValues.real(model, model.mainSubgraph().tensor(layer.weightTensor())));
        }
        details.set(new OpDetails(op, layer.id(), layer.op(), operator.code().version(), options, ins, outs, stats,
                doc.unsupportedOps().contains(op)));
        constants.setAll(ins.stream().filter(TensorInfo::constant).toList());
        viewedTensor.set(constants.stream().filter(t -> t.index() == layer.weightTensor()).findFirst()
                .orElse(constants.isEmpty() ? null : constants.get(0)));
    }

    private static List<TensorInfo> infos(Model model, int[] tensors) {
        List<TensorInfo> out = new ArrayList<>();
        for (int t : tensors) {
            if (t >= 0) {
                out.add(TensorInfo.of(model, t));
            }
        }
        return out;
    }

    private static String format(Object v) {
        if (v instanceof int[]) {
            return java.util.Arrays.toString((int[]) v);
        }
        if (v instanceof float[]) {
            return java.util.Arrays.toString((float[]) v);
        }
        if (v instanceof byte[]) {
            return ((byte[]) v).length + " bytes";
        }
        return String.valueOf(v);
    }

    private void loadValues(TensorInfo t) {
        ModelDocument doc = main.documentProperty().get();
        values = t == null || doc == null ? new double[0]
                : TensorValues.real(doc.model(), doc.model().mainSubgraph().tensor(t.index()));
        if (page.get() == 0) {
            fillPage();
        } else {
            page.set(0);
        }
    }

    private void fillPage() {
        int pages = Math.max(1, (values.length + PAGE_SIZE - 1) / PAGE_SIZE);
        int p = Math.max(0, Math.min(page.get(), pages - 1));
        List<String> lines = new ArrayList<>();
        for (int i = p * PAGE_SIZE; i < Math.min(values.length, (p + 1) * PAGE_SIZE); i++) {
            lines.add(String.format(Locale.ROOT, "%6d   %s", i, TensorInfo.num(values[i])));
        }
        pageLines.setAll(lines);
        pageLabel.set(values.length == 0 ? "no values" : String.format(Locale.ROOT, "page %d of %d  (%,d values)",
                p + 1, pages, values.length));
    }

    /** Next page of values. */
    public void nextPage() {
        if ((page.get() + 1) * PAGE_SIZE < values.length) {
            page.set(page.get() + 1);
        }
    }

    /** Previous page of values. */
    public void previousPage() {
        if (page.get() > 0) {
            page.set(page.get() - 1);
        }
    }

    /** Asks where, then writes the viewed tensor as .npy. */
    public void saveViewedTensor() {
        TensorInfo t = viewedTensor.get();
        ModelDocument doc = main.documentProperty().get();
        if (t == null || doc == null) {
            return;
        }
        String name = t.name().replaceAll("[^A-Za-z0-9._-]+", "_") + ".npy";
        main.dialogs().chooseSaveFile("Save tensor as NumPy file", name, "NumPy arrays", "*.npy")
                .ifPresent(p -> saveTensor(t, p));
    }

    /** Writes tensor {@code t} to {@code target}; reports failures through the dialog service. */
    public void saveTensor(TensorInfo t, Path target) {
        Model model = main.documentProperty().get().model();
        Tensor tensor = model.mainSubgraph().tensor(t.index());
        try {
            if (tensor.buffer() <= 0 || model.dataOf(tensor).isEmpty()) {
                throw new IOException("tensor '" + tensor.name() + "' has no constant data");
            }
            java.nio.ByteBuffer data = model.dataOf(tensor).data().duplicate();
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            java.nio.file.Files.write(target, NpyArray.encode(NpyArray.dtypeOf(tensor.type()), tensor.shape(), bytes));
        } catch (IOException | IllegalArgumentException e) {
            main.dialogs().showError("Cannot save " + target.getFileName(), String.valueOf(e.getMessage()));
        }
    }

    /** The model's properties, shown while no node is selected (empty without a model). */
    public ReadOnlyObjectProperty<List<ModelOverview.Section>> overviewProperty() {
        return overview.getReadOnlyProperty();
    }

    /** Details of the focused op, or null when nothing is selected. */
    public ReadOnlyObjectProperty<OpDetails> detailsProperty() {
        return details.getReadOnlyProperty();
    }

    /** Constant inputs of the focused op (choices for the value viewer). */
    public ObservableList<TensorInfo> constants() {
        return constants;
    }

    /** Tensor shown in the value viewer. */
    public ObjectProperty<TensorInfo> viewedTensorProperty() {
        return viewedTensor;
    }

    /** Current page, from 0. */
    public IntegerProperty pageProperty() {
        return page;
    }

    /** Lines of the current page ("index   value"). */
    public ObservableList<String> pageLines() {
        return pageLines;
    }

    /** "page 2 of 14  (864 values)". */
    public ReadOnlyObjectProperty<String> pageLabelProperty() {
        return pageLabel.getReadOnlyProperty();
    }
}
