package dev.slimfit.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimfit.oracle.SharedModels;
import dev.slimfit.optimize.ActivationRanges;
import dev.slimfit.optimize.Plan;
import dev.slimfit.optimize.Scheme;
import dev.slimfit.optimize.quantize.Quantizer;
import dev.slimfit.tflite.TfliteReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code min_runtime_version}: computed from op versions as TFLite's converter does, checked
 * against what the converter itself wrote into files it exported without a later quantization pass.
 */
class MinRuntimeVersionTest {
    private static Model read(String rel) throws Exception {
        return TfliteReader.read(ByteBuffer.wrap(SharedModels.read(rel)), rel);
    }

    /** Files whose value the converter computed from the ops the file holds: ours must agree. */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "imagenet/mobilenet_v1_0.25_128_quant.tflite, 1.5.0",
        "imagenet/mobilenet_v2_0.35_96_embedder_dynamic.tflite, 2.4.0",
        "micro/hello_world_int8.tflite, 1.14.0",
        "micro/mnist_lstm_int8.tflite, 1.14.0",
        "micro/mnist_lstm_float.tflite, 1.13.1",
        "micro/dtln_noise_suppression_int8.tflite, 2.0.0",
        "detection/face_detection_full_range_sparse_fp16.tflite, 2.2.0",
        "detection/yolox_nano_float16.tflite, 2.6.0",
        "ops/bmm.tflite, 2.3.0",
        "ops/weight_sharing_fcs.tflite, 2.0.0"})
    void requiredVersionMatchesWhatTheConverterWrote(String rel, String converter) throws Exception {
        Model m = read(rel);
        assertEquals(Optional.of(converter), m.minRuntimeVersion(), "the file's own value");
        assertEquals(Optional.of(converter), MinRuntimeVersion.required(m));
    }

    /**
     * The converter computes the value before its post-training quantization pass, so files it
     * quantized afterwards understate it (conv_fc_mnist_partly_int8 says 1.5.0 but holds int8 ops
     * of version 2+); stamping raises it to what the ops need.
     */
    @Test
    void stampRaisesTheStaleValueOfAConverterQuantizedFile() throws Exception {
        Model m = read("mnist/conv_fc_mnist_partly_int8.tflite");
        assertEquals(Optional.of("1.5.0"), m.minRuntimeVersion());
        Model s = MinRuntimeVersion.stamp(m);
        assertEquals(Optional.of("1.14.0"), s.minRuntimeVersion());
        byte[] raw = s.metadataBytes(MinRuntimeVersion.KEY).orElseThrow().bytes();
        assertEquals(16, raw.length, "the converter's 16-byte NUL-padded buffer");
        assertEquals("1.14.0", new String(raw, 0, 6, StandardCharsets.US_ASCII));
        assertEquals(m.buffers().size(), s.buffers().size(), "the old value's buffer is replaced, not left behind");
    }

    @Test
    void stampNeverLowersAHigherClaim() throws Exception {
        Model m = read("ops/sdpa_composite.tflite");
        assertTrue(MinRuntimeVersion.compare(m.minRuntimeVersion().orElseThrow(), "2.3.0") > 0);
        assertSame(m, MinRuntimeVersion.stamp(m));
    }

    @Test
    void tableFollowsOpVersions() {
        assertEquals(Optional.of("1.14.0"), MinRuntimeVersion.forOp(BuiltinOp.CONV_2D, 3));
        assertEquals(Optional.of("2.4.0"), MinRuntimeVersion.forOp(BuiltinOp.CONV_2D, 5));
        assertEquals(Optional.of("2.3.0"), MinRuntimeVersion.forOp(BuiltinOp.DEPTHWISE_CONV_2D, 6));
        assertEquals(Optional.empty(), MinRuntimeVersion.forOp(BuiltinOp.CONV_2D, 99));
        assertEquals(Optional.empty(), MinRuntimeVersion.forOp(BuiltinOp.BROADCAST_TO, 1), "v1 was never released");
        assertTrue(MinRuntimeVersion.compare("1.14.0", "1.5.0") > 0);
        assertTrue(MinRuntimeVersion.compare("2.4", "2.4.0") < 0);
    }

    /** A quantized export says which runtime its op versions need; a float source without the entry gains one. */
    @ParameterizedTest
    @CsvSource({"float16, 1.15.0", "dynamic, 2.4.0"})
    void quantizedMobileNetCarriesTheVersionItsOpsNeed(String scheme, String expected) throws Exception {
        Model f = read("imagenet/mobilenet_v1_0.25_128_float.tflite");
        assertEquals(Optional.empty(), f.minRuntimeVersion());
        Model q = new Quantizer().quantize(f, Plan.uniform(Scheme.parse(scheme)), ActivationRanges.empty(), null)
                .model();
        assertEquals(Optional.of(expected), q.minRuntimeVersion());
        List<String> versions = new ArrayList<>();
        for (Operator op : q.mainSubgraph().operators()) {
            MinRuntimeVersion.forOp(op.code().op().orElseThrow(), op.code().version()).ifPresent(versions::add);
        }
        versions.sort(MinRuntimeVersion::compare);
        assertEquals(expected, versions.get(versions.size() - 1));
        assertArrayEquals(java.util.Arrays.copyOf(expected.getBytes(StandardCharsets.US_ASCII), 16),
                q.metadataBytes(MinRuntimeVersion.KEY).orElseThrow().bytes());
    }
}
