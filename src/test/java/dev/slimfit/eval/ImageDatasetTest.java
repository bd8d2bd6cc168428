package dev.slimfit.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimfit.model.ModelMetadataInfo;
import dev.slimfit.model.TensorType;
import dev.slimfit.oracle.SharedModels;
import dev.slimfit.tflite.TfliteMetadataReader;
import dev.slimfit.tflite.TfliteReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Image folders, labels, decoding and the clear errors users see. */
class ImageDatasetTest {
    @TempDir
    Path tmp;

    private final InputSpec rgb = new InputSpec("in", TensorType.UINT8, new int[] {1, 2, 2, 3}, 0f, 0);
    private final ImagePreprocessor raw = new ImagePreprocessor(Preprocessing.defaults(rgb, null), rgb);

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to);
    }

    @Test
    void classSubFoldersGiveSortedLabelsPlusOffset() throws IOException {
        Path mnist = SharedModels.root().resolve("data/mnist");
        copy(mnist.resolve("tflm_sample0.png"), tmp.resolve("zero/a.png"));
        copy(mnist.resolve("tflm_sample1.png"), tmp.resolve("one/b.png"));
        copy(mnist.resolve("tflm_sample2.png"), tmp.resolve("one/sub/c.png"));
        Dataset d = Datasets.images(tmp, Datasets.Labels.fromFolders(1), raw);
        assertEquals(3, d.size());
        assertEquals("one/b.png", d.id(0));
        assertEquals(1, d.label(0)); // "one" sorts first → 0, +1 offset
        assertEquals(2, d.label(2)); // "zero" → 1, +1
        assertEquals(12, d.inputs(0)[0].length);
    }

    @Test
    void greyJpegIsNotBrightenedAndIsReplicatedToRgb() throws IOException {
        Path f = SharedModels.root().resolve("data/imagenet/samples/n03908714_pencil_sharpener.jpg");
        RgbImage img = ImageDecoder.decode(f);
        java.awt.image.Raster r;
        try (var in = javax.imageio.ImageIO.createImageInputStream(f.toFile())) {
            var reader = javax.imageio.ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            r = reader.readRaster(0, null);
        }
        assertEquals(1, r.getNumBands());
        for (int y = 0; y < img.height(); y += 37) {
            for (int x = 0; x < img.width(); x += 41) {
                int g = r.getSample(x, y, 0);
                assertEquals(g, img.at(x, y, 0));
                assertEquals(g, img.at(x, y, 2));
            }
        }
    }

    @Test
    void ycbcrConversionMatchesLibjpegOnAJpegWithoutIccProfile() throws IOException {
        Path f = SharedModels.root().resolve("data/imagenet/samples/n01440764_tench.jpg");
        RgbImage img = ImageDecoder.decode(f);
        java.awt.image.BufferedImage bi = javax.imageio.ImageIO.read(f.toFile());
        int diffs = 0;
        for (int y = 0; y < img.height(); y++) {
            for (int x = 0; x < img.width(); x++) {
                int p = bi.getRGB(x, y);
                diffs += ((p >> 16) & 255) == img.at(x, y, 0) && ((p >> 8) & 255) == img.at(x, y, 1)
                        && (p & 255) == img.at(x, y, 2) ? 0 : 1;
            }
        }
        assertEquals(0, diffs);
    }

    @Test
    void folderWithoutImagesIsAClearError() throws IOException {
        Files.writeString(tmp.resolve("notes.txt"), "hello");
        IOException e = assertThrows(IOException.class,
                () -> Datasets.images(tmp, Datasets.Labels.fromFolders(0), raw));
        assertTrue(e.getMessage().contains("no usable images"), e.getMessage());
    }

    @Test
    void fileWithImageExtensionButOtherContentNamesTheFile() throws IOException {
        Files.writeString(tmp.resolve("fake.jpg"), "not a jpeg at all");
        Dataset d = Datasets.images(tmp, Datasets.Labels.fromFolders(0), raw);
        IOException e = assertThrows(IOException.class, () -> d.inputs(0));
        assertTrue(e.getMessage().contains("fake.jpg"), e.getMessage());
    }

    @Test
    void csvListingAMissingFileNamesIt() throws IOException {
        copy(SharedModels.root().resolve("data/mnist/tflm_sample0.png"), tmp.resolve("a.png"));
        Path csv = tmp.resolve("labels.csv");
        Files.writeString(csv, "file,label\na.png,0\nmissing.png,1\n");
        IOException e = assertThrows(IOException.class,
                () -> Datasets.images(tmp, Datasets.Labels.csv(csv, "file", "label", 0), raw));
        assertTrue(e.getMessage().contains("missing.png"), e.getMessage());
    }

    @Test
    void inputWithFourChannelsIsRejected() {
        InputSpec four = new InputSpec("in", TensorType.FLOAT32, new int[] {1, 8, 8, 4}, 0f, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ImagePreprocessor(Preprocessing.defaults(four, null), four));
        assertTrue(e.getMessage().contains("4 channels"), e.getMessage());
    }

    @Test
    void nchwAndBgrLayoutsPlaceChannelsAsAsked() {
        InputSpec nchw = new InputSpec("in", TensorType.UINT8, new int[] {1, 3, 1, 2}, 0f, 0);
        RgbImage img = new RgbImage(2, 1, new byte[] {10, 20, 30, 40, 50, 60});
        Preprocessing p = Preprocessing.defaults(nchw, null).withOrder(Preprocessing.ChannelOrder.BGR);
        byte[] out = new ImagePreprocessor(p, nchw).apply(img);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new byte[] {30, 60, 20, 50, 10, 40}, out);
    }

    @Test
    void quantizedInt8InputWithUnitRangeGetsMinusOneToOneQuantized() {
        InputSpec q = new InputSpec("in", TensorType.INT8, new int[] {1, 1, 1, 3}, 1 / 128f, 0);
        Preprocessing p = Preprocessing.defaults(q, null);
        assertEquals(Preprocessing.Normalization.Kind.MEAN_STD, p.normalization().kind());
        byte[] out = new ImagePreprocessor(p, q).apply(new RgbImage(1, 1, new byte[] {0, (byte) 255, (byte) 128}));
        // (0-127.5)/127.5 = -1 → -128; (255-127.5)/127.5 = 1 → 128 → clamp 127; 128 → 0.0039 → round(0.502) = 1
        org.junit.jupiter.api.Assertions.assertArrayEquals(new byte[] {-128, 127, 1}, out);
    }

    @Test
    void metadataOfTheQuantMobileNetGivesNormalizationAndLabelFile() throws Exception {
        var m = TfliteReader.read(SharedModels.model("imagenet/mobilenet_v1_0.25_128_quant.tflite"));
        ModelMetadataInfo info = TfliteMetadataReader.read(m).orElseThrow();
        assertEquals("ImageClassifier", info.name());
        assertTrue(info.input(0).orElseThrow().hasNormalization());
        assertEquals(127.5f, info.input(0).orElseThrow().mean()[0]);
        assertEquals("RGB", info.input(0).orElseThrow().image().colorSpace());
        assertEquals(java.util.List.of("imagenet_labels.txt"), info.output(0).orElseThrow().labelFiles());
        var f = TfliteReader.read(SharedModels.model("imagenet/mobilenet_v1_0.25_128_float.tflite"));
        assertTrue(TfliteMetadataReader.read(f).isEmpty());
    }
}
