package dev.slimfit.bars;

import dev.slimfit.eval.Calibrator;
import dev.slimfit.eval.DataSource;
import dev.slimfit.eval.Dataset;
import dev.slimfit.eval.Datasets;
import dev.slimfit.eval.Preprocessing;
import dev.slimfit.eval.TensorStats;
import dev.slimfit.model.Model;
import dev.slimfit.oracle.SharedModels;
import dev.slimfit.optimize.ActivationRanges;
import dev.slimfit.optimize.CalibrationSpec;
import dev.slimfit.tflite.TfliteReader;
import dev.slimfit.tflite.TfliteWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The models and data the quantization bars name, read from {@code ../shared} (tests skip when it
 * is absent): ImageNet samples under the TF-slim protocol, the 10,000 MNIST digits as pixel/255,
 * and, for models without a data set, seeded inputs on the model's documented domain.
 */
final class BarData {
    static final String MOBILENET = "imagenet/mobilenet_v1_0.25_128_float.tflite";
    static final String MOBILENET_QUANT = "imagenet/mobilenet_v1_0.25_128_quant.tflite";
    static final String MNIST_CNN = "mnist/conv_fc_mnist_float.tflite";
    static final String MNIST_LSTM = "micro/mnist_lstm_float.tflite";
    static final String HELLO = "micro/hello_world_float.tflite";
    static final String DEEPLAB = "segmentation/deeplabv3_257_mv_gpu_float.tflite";

    /** The five float models of the bars. */
    static final List<String> MODELS = List.of(MOBILENET, MNIST_CNN, MNIST_LSTM, HELLO, DEEPLAB);

    private BarData() {
    }

    static Model model(String rel) throws Exception {
        return TfliteReader.read(ByteBuffer.wrap(SharedModels.read(rel)), rel);
    }

    static byte[] bytes(Model m) {
        ByteBuffer b = TfliteWriter.toBytes(m);
        byte[] a = new byte[b.remaining()];
        b.get(a);
        return a;
    }

    static Path imagenetDir() {
        return SharedModels.root().resolve("data/imagenet");
    }

    /** The 100 labelled ImageNet samples, TF-slim eval: central crop 0.875, bilinear, model's normalization. */
    static Dataset imagenet(Model m) throws Exception {
        Path d = imagenetDir();
        return new DataSource(d.resolve("samples"), d.resolve("samples.csv"), "file", "class_index_1001", 0,
                DataSource.defaultPreprocessing(m).withCrop(0.875)).open(m);
    }

    /** The 10,000 MNIST test digits as pixel/255 (the models' MANIFEST preprocessing). */
    static Dataset mnist(Model m) throws Exception {
        Path dir = SharedModels.root().resolve("data/mnist");
        Preprocessing pre = DataSource.defaultPreprocessing(m).withNormalization(Preprocessing.Normalization.zeroToOne());
        return new DataSource(dir.resolve("mnist_npm10k-images-idx3-ubyte.gz"),
                dir.resolve("mnist_npm10k-labels-idx1-ubyte.gz"), null, null, 0, pre).open(m);
    }

    /** hello_world's domain: x uniform on [0, 2π], seeded. */
    static Dataset sineInputs(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<String> ids = new ArrayList<>();
        List<byte[]> in = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float x = (float) (r.nextDouble() * 2 * Math.PI);
            in.add(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(x).array());
            ids.add(String.format(Locale.ROOT, "x=%.4f", x));
        }
        return Datasets.of(ids, new int[n], in);
    }

    /**
     * Real calibration data for a bar model: ImageNet images for MobileNet and DeepLab (natural RGB
     * images, (x-127.5)/127.5 as both expect), MNIST digits for the two MNIST models, x on [0, 2π]
     * for hello_world.
     */
    static Dataset calibration(String rel, Model m) throws Exception {
        return switch (rel) {
            case MOBILENET -> imagenet(m);
            case DEEPLAB -> {
                Path d = imagenetDir();
                yield new DataSource(d.resolve("samples"), null, null, null, 0, null).open(m);
            }
            case MNIST_CNN, MNIST_LSTM -> mnist(m);
            case HELLO -> sineInputs(200, 7);
            default -> throw new IllegalArgumentException(rel);
        };
    }

    /** Activation ranges from {@code n} samples of {@code data} by {@code method}, on 2 threads. */
    static ActivationRanges ranges(Model f, Dataset data, int n, CalibrationSpec.Method method) throws Exception {
        return ranges(stats(f, data, n), method);
    }

    /** Calibration statistics (min/max and histograms) from {@code n} samples, on 2 threads. */
    static TensorStats stats(Model f, Dataset data, int n) throws Exception {
        return new Calibrator(2).calibrate(f, data, n, null, null);
    }

    /** Ranges by {@code method} from statistics, as {@code eval.CalibrationRangeSource} derives them. */
    static ActivationRanges ranges(TensorStats stats, CalibrationSpec.Method method) {
        TensorStats.Method m = switch (method) {
            case MIN_MAX -> TensorStats.Method.MINMAX;
            case PERCENTILE -> TensorStats.Method.PERCENTILE;
            case MSE -> TensorStats.Method.MSE;
        };
        return ActivationRanges.of(stats.ranges(m, CalibrationSpec.DEFAULT.percentile()), method.name(),
                stats.samples());
    }

    /** A dataset holding samples {@code from..to-1} of {@code d}. */
    static Dataset slice(Dataset d, int from, int to) throws Exception {
        List<String> ids = new ArrayList<>();
        List<byte[]> in = new ArrayList<>();
        int[] labels = new int[to - from];
        for (int i = from; i < to; i++) {
            ids.add(d.id(i));
            in.add(d.inputs(i)[0]);
            labels[i - from] = d.label(i);
        }
        return Datasets.of(ids, labels, in);
    }
}
