package dev.slimfit.tflite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.slimfit.model.Model;
import dev.slimfit.model.Tensor;
import dev.slimfit.model.TensorType;
import dev.slimfit.oracle.SharedModels;
import java.nio.ByteBuffer;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The size breakdown charges every byte once and attributes constant data to the right tensors. */
class SizeBreakdownTest {
    @ParameterizedTest
    @ValueSource(strings = {"micro/hello_world_float.tflite", "imagenet/mobilenet_v1_0.25_128_quant.tflite",
        "mnist/conv_fc_mnist_a8w8_int8.tflite"})
    void everyByteIsChargedOnceAndWeightDataMatchesTheModel(String rel) throws Exception {
        byte[] file = SharedModels.read(rel);
        Map<String, Long> parts = SizeBreakdown.of(file);
        assertEquals(file.length, parts.values().stream().mapToLong(Long::longValue).sum(), parts::toString);
        Model m = TfliteReader.read(ByteBuffer.wrap(file), rel);
        long weights = 0;
        String key = null;
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (Tensor t : m.mainSubgraph().tensors()) {
            if (t.buffer() > 0 && t.shape().length > 1 && seen.add(t.buffer()) && !m.dataOf(t).isEmpty()) {
                weights += m.dataOf(t).size();
                key = "data: " + (t.type() == TensorType.FLOAT32 ? "float32" : t.type() == TensorType.UINT8 ? "uint8"
                        : "int8") + " weights";
            }
        }
        assertEquals(weights, parts.get(key), key);
    }
}
