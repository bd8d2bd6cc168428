package dev.slimfit.eval;

import dev.slimfit.model.Model;
import dev.slimfit.model.ModelMetadataInfo;
import dev.slimfit.tflite.TfliteMetadataReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Opens what a user points at as a dataset for a model, choosing the reader by content: an IDX
 * image file (with an IDX label file), {@code .npy}/raw tensor files, or an image folder (labels
 * from a CSV or sub-folders). The CLI and the UI share this so they read data identically.
 *
 * @param data        folder or file
 * @param labels      CSV or IDX label file, or null
 * @param fileColumn  CSV file column ("file")
 * @param labelColumn CSV label column; "auto" = {@code class_index_<classes>} if present, else "label"
 * @param labelOffset added to every label (e.g. +1 for 1001-class models with a background class)
 * @param pre         image preprocessing, or null for the model's defaults
 */
public record DataSource(Path data, Path labels, String fileColumn, String labelColumn, int labelOffset,
                         Preprocessing pre) {

    /** The default image preprocessing of a model's input 0 (metadata first, then dtype). */
    public static Preprocessing defaultPreprocessing(Model model) {
        InputSpec in = InputSpec.of(model, 0);
        ModelMetadataInfo.TensorInfo meta = TfliteMetadataReader.read(model).flatMap(m -> m.input(0)).orElse(null);
        return Preprocessing.defaults(in, meta);
    }

    /** Opens the dataset for {@code model}. */
    public Dataset open(Model model) throws IOException {
        InputSpec in = InputSpec.of(model, 0);
        Preprocessing p = pre == null ? defaultPreprocessing(model) : pre;
        String name = data.getFileName() == null ? "" : data.getFileName().toString().toLowerCase(Locale.ROOT);
        if (Files.isRegularFile(data) && (name.contains("idx") || name.endsWith("-ubyte.gz")
                || name.endsWith("-ubyte"))) {
            return Datasets.idx(data, labels, new ImagePreprocessor(p, in), labelOffset);
        }
        if (Files.isRegularFile(data) && !Datasets.isImage(data)) {
            return Datasets.tensors(data, in);
        }
        if (Files.isDirectory(data) && !hasImages(data)) {
            return Datasets.tensors(data, in);
        }
        Datasets.Labels lab;
        if (labels != null) {
            String col = "auto".equals(labelColumn) || labelColumn == null ? autoColumn(model, labels) : labelColumn;
            lab = Datasets.Labels.csv(labels, fileColumn == null ? "file" : fileColumn, col, labelOffset);
        } else {
            lab = Datasets.Labels.fromFolders(labelOffset);
        }
        return Datasets.images(data, lab, new ImagePreprocessor(p, in));
    }

    /**
     * Whether {@link #open} reads {@code data} as pictures (an IDX image file, an image, or a folder
     * with images), so that the preprocessing's normalization applies; .npy and raw tensors are fed
     * as they are.
     */
    public static boolean isImageData(Path data) throws IOException {
        String name = data.getFileName() == null ? "" : data.getFileName().toString().toLowerCase(Locale.ROOT);
        if (Files.isRegularFile(data)) {
            return name.contains("idx") || name.endsWith("-ubyte.gz") || name.endsWith("-ubyte")
                    || Datasets.isImage(data);
        }
        return Files.isDirectory(data) && hasImages(data);
    }

    private static boolean hasImages(Path dir) throws IOException {
        try (var s = Files.walk(dir)) {
            return s.anyMatch(f -> Files.isRegularFile(f) && Datasets.isImage(f));
        }
    }

    /** {@code class_index_<classes of output 0>} when the CSV has it, else "label". */
    static String autoColumn(Model model, Path csv) throws IOException {
        int[] out = model.mainSubgraph().tensor(model.mainSubgraph().outputs()[0]).shape();
        String c = "class_index_" + (out.length == 0 ? 1 : out[out.length - 1]);
        List<String> lines = Files.readAllLines(csv);
        if (!lines.isEmpty() && LabelCsv.split(lines.get(0)).contains(c)) {
            return c;
        }
        return "label";
    }
}
