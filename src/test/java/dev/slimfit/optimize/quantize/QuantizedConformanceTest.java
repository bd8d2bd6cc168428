package dev.slimfit.optimize.quantize;

import dev.slimfit.model.Model;
import dev.slimfit.oracle.IsolatedOracle;
import dev.slimfit.oracle.SharedModels;
import dev.slimfit.optimize.ActivationRanges;
import dev.slimfit.optimize.IoType;
import dev.slimfit.optimize.Plan;
import dev.slimfit.optimize.Scheme;
import dev.slimfit.testing.Conformance;
import dev.slimfit.tflite.TfliteReader;
import java.nio.ByteBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Our interpreter against TFLite 2.6.2 on the quantized models: integer outputs bit-exact. */
class QuantizedConformanceTest {
    /*
     * Integer- and float-I/O variants with oracle calibration. Every scheme (float16, dynamic,
     * int8, int16x8) on the five bar models with real calibration data and the CLI's default
     * plan is in bars.QuantizedConformanceBarTest; there, dynamic range on MobileNet and DeepLab
     * is skipped until the runtime has the hybrid DEPTHWISE_CONV_2D v6 kernel.
     */
    @ParameterizedTest(name = "{0} {1} io={2}")
    @CsvSource({
        "micro/hello_world_float.tflite, int8, int8", "micro/hello_world_float.tflite, int16x8, float",
        "mnist/conv_fc_mnist_float.tflite, int8, int8", "mnist/conv_fc_mnist_float.tflite, int8, uint8",
        "mnist/conv_fc_mnist_float.tflite, int8, float", "mnist/conv_fc_mnist_float.tflite, int16x8, float",
        "imagenet/mobilenet_v1_0.25_128_float.tflite, int8, int8",
        "imagenet/mobilenet_v1_0.25_128_float.tflite, int16x8, float",
        "segmentation/deeplabv3_257_mv_gpu_float.tflite, int8, int8"})
    void oursMatchesTflite(String path, String scheme, String io) throws Exception {
        Model f = TfliteReader.read(ByteBuffer.wrap(SharedModels.read(path)), path);
        Scheme s = Scheme.parse(scheme);
        ActivationRanges r = s.needsCalibration() ? OracleRanges.of(f, 2) : ActivationRanges.empty();
        Model q = new Quantizer(0).quantize(f, Plan.uniform(s).withIo(IoType.valueOf(io.toUpperCase())), r, null)
                .model();
        Conformance.check(q, 2, Conformance.FLOAT_TOL, IsolatedOracle.shared());
    }
}
