package dev.slimfit.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Builds {@link Dataset}s from what users have on disk: image folders (labels from a CSV or class
 * sub-folders), {@code .npy} / raw tensor files, and MNIST-style IDX pairs. Errors name the file.
 */
public final class Datasets {
    private static final List<String> IMAGE_EXT = List.of(".jpg", ".jpeg", ".png", ".bmp", ".gif");

    private Datasets() {
    }

    /** Where labels come from for an image folder. */
    public record Labels(Path csv, String fileColumn, String labelColumn, int offset) {
        /** No CSV: class sub-folders (sorted names; integer names are used as the label). */
        public static Labels fromFolders(int offset) {
            return new Labels(null, null, null, offset);
        }

        /** A CSV with the given columns. */
        public static Labels csv(Path csv, String fileColumn, String labelColumn, int offset) {
            return new Labels(csv, fileColumn, labelColumn, offset);
        }
    }

    /**
     * The images of {@code dir}. With a CSV, exactly the files it lists, in its order (a missing file
     * is an error naming it); otherwise every jpg/png/bmp/gif below {@code dir}, sorted, labelled by
     * sub-folder (files directly in {@code dir} are unlabelled).
     */
    public static Dataset images(Path dir, Labels labels, ImagePreprocessor pre) throws IOException {
        if (!Files.isDirectory(dir)) {
            if (Files.isRegularFile(dir) && isImage(dir)) {
                return new ImageDataset(List.of(dir), List.of(dir.getFileName().toString()),
                        new int[] {Dataset.NO_LABEL}, pre);
            }
            throw new IOException(dir + ": no such folder");
        }
        List<Path> files = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<Integer> lab = new ArrayList<>();
        if (labels != null && labels.csv() != null) {
            for (Map.Entry<String, Integer> e : LabelCsv.read(labels.csv(), labels.fileColumn(),
                    labels.labelColumn()).entrySet()) {
                Path f = dir.resolve(e.getKey());
                if (!Files.isRegularFile(f)) {
                    throw new IOException(labels.csv() + ": lists " + e.getKey() + ", which is not in " + dir);
                }
                files.add(f);
                ids.add(e.getKey());
                lab.add(e.getValue() + labels.offset());
            }
        } else {
            List<Path> found;
            try (Stream<Path> s = Files.walk(dir)) {
                found = s.filter(p -> Files.isRegularFile(p) && isImage(p)).sorted().toList();
            }
            TreeSet<String> classes = new TreeSet<>();
            for (Path p : found) {
                Path rel = dir.relativize(p);
                if (rel.getNameCount() > 1) {
                    classes.add(rel.getName(0).toString());
                }
            }
            boolean numeric = !classes.isEmpty() && classes.stream().allMatch(c -> c.matches("-?\\d+"));
            List<String> order = new ArrayList<>(classes);
            int offset = labels == null ? 0 : labels.offset();
            for (Path p : found) {
                Path rel = dir.relativize(p);
                files.add(p);
                ids.add(rel.toString().replace('\\', '/'));
                if (rel.getNameCount() > 1) {
                    String c = rel.getName(0).toString();
                    lab.add((numeric ? Integer.parseInt(c) : order.indexOf(c)) + offset);
                } else {
                    lab.add(Dataset.NO_LABEL);
                }
            }
        }
        if (files.isEmpty()) {
            throw new IOException(dir + ": no usable images (jpg, jpeg, png, bmp, gif) found");
        }
        return new ImageDataset(files, ids, lab.stream().mapToInt(Integer::intValue).toArray(), pre);
    }

    static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return IMAGE_EXT.stream().anyMatch(n::endsWith);
    }

    /**
     * Tensor files for a single-input model: {@code path} is a {@code .npy} file (one sample, or a
     * batch whose first dimension counts samples), a raw little-endian file of exactly one input's
     * bytes, or a folder of such files (sorted). Unlabelled.
     */
    public static Dataset tensors(Path path, InputSpec input) throws IOException {
        List<Path> files;
        if (Files.isDirectory(path)) {
            try (Stream<Path> s = Files.list(path)) {
                files = s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                        .sorted().toList();
            }
            if (files.isEmpty() || files.stream().noneMatch(f -> isTensorFile(f, input))) {
                throw new IOException(path + ": no usable samples: no images (jpg, jpeg, png, bmp, gif), no .npy"
                        + " files and no raw files of " + input.byteSize() + " bytes (input " + input + ")");
            }
        } else {
            files = List.of(path);
        }
        List<String> ids = new ArrayList<>();
        List<byte[]> samples = new ArrayList<>();
        for (Path f : files) {
            List<byte[]> s = TensorFiles.read(f, input);
            for (int k = 0; k < s.size(); k++) {
                ids.add(s.size() == 1 ? f.getFileName().toString() : f.getFileName() + "#" + k);
            }
            samples.addAll(s);
        }
        return new MemoryDataset(ids, new int[ids.size()], samples, false);
    }

    private static boolean isTensorFile(Path f, InputSpec input) {
        try {
            return f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy")
                    || Files.size(f) == input.byteSize();
        } catch (IOException e) {
            return true; // let the reader report it
        }
    }

    /**
     * An IDX image/label pair (MNIST). Each image (H×W unsigned bytes) goes through {@code pre}
     * (grey, so values stay exact), labels are shifted by {@code offset}.
     */
    public static Dataset idx(Path images, Path labels, ImagePreprocessor pre, int offset) throws IOException {
        IdxFile img = IdxFile.read(images);
        IdxFile lab = labels == null ? null : IdxFile.read(labels);
        int[] s = img.shape();
        if (s.length != 3) {
            throw new IOException(images + ": IDX images must have 3 dimensions (count, height, width), got "
                    + s.length);
        }
        if (lab != null && lab.shape()[0] != s[0]) {
            throw new IOException(labels + ": " + lab.shape()[0] + " labels for " + s[0] + " images in " + images);
        }
        int n = s[0];
        int plane = s[1] * s[2];
        int[] l = new int[n];
        List<String> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            l[i] = lab == null ? Dataset.NO_LABEL : (lab.data()[i] & 0xFF) + offset;
            ids.add(images.getFileName() + "#" + i);
        }
        return new Dataset() {
            @Override
            public int size() {
                return n;
            }

            @Override
            public String id(int i) {
                return ids.get(i);
            }

            @Override
            public int label(int i) {
                return l[i];
            }

            @Override
            public byte[][] inputs(int i) {
                byte[] g = new byte[plane];
                System.arraycopy(img.data(), i * plane, g, 0, plane);
                return new byte[][] {pre.apply(RgbImage.fromGrey(s[2], s[1], g))};
            }
        };
    }

    /** Samples already in memory (tests, generated data). */
    public static Dataset of(List<String> ids, int[] labels, List<byte[]> singleInputs) {
        return new MemoryDataset(ids, labels, singleInputs, true);
    }

    private record ImageDataset(List<Path> files, List<String> ids, int[] labels, ImagePreprocessor pre)
            implements Dataset {
        @Override
        public int size() {
            return files.size();
        }

        @Override
        public String id(int i) {
            return ids.get(i);
        }

        @Override
        public int label(int i) {
            return labels[i];
        }

        @Override
        public byte[][] inputs(int i) throws IOException {
            return new byte[][] {pre.apply(ImageDecoder.decode(files.get(i)))};
        }
    }

    private record MemoryDataset(List<String> ids, int[] labels, List<byte[]> samples, boolean hasLabels)
            implements Dataset {
        @Override
        public int size() {
            return samples.size();
        }

        @Override
        public String id(int i) {
            return ids.get(i);
        }

        @Override
        public int label(int i) {
            return hasLabels ? labels[i] : NO_LABEL;
        }

        @Override
        public byte[][] inputs(int i) {
            return new byte[][] {samples.get(i).clone()};
        }
    }
}
