package dev.slimfit.ui.properties;

import dev.slimfit.model.ModelMetadataInfo;
import dev.slimfit.model.ModelSummary;
import dev.slimfit.tflite.TfliteMetadataReader;
import dev.slimfit.ui.ModelDocument;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What the properties panel shows while no node is selected, as Netron's model properties do: the
 * file, the model's description and runtime, its inputs and outputs (with quantization), its
 * signatures and subgraphs, its TFLite metadata (normalisation, labels) and other metadata
 * entries. Plain data: the view lays out titled key/value sections.
 */
public final class ModelOverview {
    /** A titled list of key/value rows. */
    public record Section(String title, List<String[]> rows) {
        public Section {
            rows = List.copyOf(rows);
        }
    }

    private ModelOverview() {
    }

    /** The sections for {@code doc}. */
    public static List<Section> of(ModelDocument doc) {
        ModelSummary s = ModelSummary.of(doc.model());
        List<Section> out = new ArrayList<>();
        List<String[]> model = new ArrayList<>();
        model.add(row("file", doc.name()));
        try {
            model.add(row("size", String.format(Locale.ROOT, "%,d bytes", Files.size(doc.file()))));
        } catch (java.io.IOException | SecurityException e) {
            model.add(row("size", "unreadable now (" + e.getMessage() + ")"));
        }
        model.add(row("format", "TensorFlow Lite, schema v" + s.schemaVersion()));
        if (s.description() != null && !s.description().isBlank()) {
            model.add(row("description", s.description()));
        }
        if (s.minRuntimeVersion() != null) {
            model.add(row("min runtime", s.minRuntimeVersion()));
        }
        model.add(row("parameters", String.format(Locale.ROOT, "%,d in %,d constant tensors", s.parameterCount(),
                s.constantTensors())));
        for (ModelSummary.TypeWeights w : s.weightsByType()) {
            model.add(row("  " + w.type(), String.format(Locale.ROOT, "%,d values, %,d bytes", w.elements(), w.bytes())));
        }
        model.add(row("operators", s.opCounts().stream().mapToInt(ModelSummary.OpCount::count).sum() + " in "
                + s.subgraphs().size() + (s.subgraphs().size() == 1 ? " subgraph" : " subgraphs")));
        out.add(new Section("Model", model));

        ModelSummary.SubgraphInfo main = s.subgraphs().get(0);
        out.add(new Section("Inputs", tensors(main.inputs())));
        out.add(new Section("Outputs", tensors(main.outputs())));
        if (s.subgraphs().size() > 1 || !s.signatures().isEmpty()) {
            List<String[]> sg = new ArrayList<>();
            for (ModelSummary.SubgraphInfo g : s.subgraphs()) {
                String sig = s.signatures().stream().filter(x -> x.subgraph() == g.index())
                        .map(x -> "signature '" + x.key() + "'").collect(Collectors.joining(", "));
                sg.add(row("#" + g.index() + (g.name() == null || g.name().isEmpty() ? "" : " " + g.name()),
                        g.opCount() + " ops, " + g.tensorCount() + " tensors" + (sig.isEmpty() ? "" : "; " + sig)
                        + (g.index() == 0 ? "; shown and planned here" : "; takes the plan's default")));
            }
            out.add(new Section("Subgraphs", sg));
        }
        TfliteMetadataReader.read(doc.model()).ifPresent(md -> out.add(metadata(md)));
        if (!s.metadata().isEmpty()) {
            List<String[]> entries = new ArrayList<>();
            for (ModelSummary.MetadataEntry m : s.metadata()) {
                entries.add(row(m.name(), String.format(Locale.ROOT, "%,d bytes", m.bytes())));
            }
            if (s.archive() != null) {
                entries.add(row("associated files", s.archive().error() != null ? s.archive().error()
                        : String.join(", ", s.archive().entries())));
            }
            out.add(new Section("Metadata entries", entries));
        }
        return out;
    }

    private static Section metadata(ModelMetadataInfo md) {
        List<String[]> rows = new ArrayList<>();
        if (md.name() != null) {
            rows.add(row("name", md.name()));
        }
        if (md.description() != null && !md.description().isBlank()) {
            rows.add(row("description", md.description()));
        }
        for (int i = 0; i < md.inputs().size(); i++) {
            ModelMetadataInfo.TensorInfo t = md.inputs().get(i);
            String where = "input " + i + (t.name() == null ? "" : " " + t.name());
            if (t.hasNormalization()) {
                rows.add(row(where, "normalize: mean " + Arrays.toString(t.mean()) + ", std "
                        + Arrays.toString(t.std())));
            }
            if (t.image() != null) {
                rows.add(row(where, "image " + t.image().colorSpace() + (t.image().width() > 0
                        ? " " + t.image().width() + "x" + t.image().height() : "")));
            }
        }
        for (int i = 0; i < md.outputs().size(); i++) {
            ModelMetadataInfo.TensorInfo t = md.outputs().get(i);
            if (!t.labelFiles().isEmpty()) {
                rows.add(row("output " + i + (t.name() == null ? "" : " " + t.name()), "labels: "
                        + String.join(", ", t.labelFiles())));
            }
        }
        return new Section("TFLite metadata", rows);
    }

    private static List<String[]> tensors(List<ModelSummary.TensorInfo> ts) {
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < ts.size(); i++) {
            ModelSummary.TensorInfo t = ts.get(i);
            String shape = t.shape().stream().map(String::valueOf).collect(Collectors.joining("\u00d7", "[", "]"));
            rows.add(row("#" + i, t.name() + "\n" + t.type() + " " + shape + (t.quantization() == null ? ""
                    : "  " + t.quantization().describe())));
        }
        return rows;
    }

    private static String[] row(String k, String v) {
        return new String[] {k, v};
    }
}
