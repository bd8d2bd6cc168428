package dev.slimfit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slimfit.SharedModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** {@code slimfit inspect}: text and JSON output against facts from the shared MANIFEST.md. */
class InspectCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void textShowsInputsOutputsWithDynamicSignatureAndQuantization() {
        Path p = SharedModels.require("micro/hello_world_int8.tflite");
        Cli.Result r = Cli.run("inspect", p.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.err());
        String out = r.out();
        assertTrue(out.matches("(?s).*input +0 +serving_default_dense_input:0 +INT8 +\\[1,1] +\\[-1,1] "
                + "+scale=0\\.024480116 zp=-128\n.*"), out);
        assertTrue(out.matches("(?s).*FULLY_CONNECTED +4 +3\n.*"), out);
        assertTrue(out.contains("Parameters   321 in 6 constant tensors, 420 B of weights"), out);
        assertTrue(out.contains("Min runtime  1.14.0"), out);
        assertTrue(out.matches("(?s).*serving_default +0 +dense_input +dense_2\n.*"), out);
    }

    @Test
    void jsonHasTheDocumentedSchemaAndNumbers() throws Exception {
        Path p = SharedModels.require("micro/hello_world_int8.tflite");
        JsonNode j = json(p);
        assertEquals("slimfit.inspect/1", j.get("schema").asText());
        assertEquals(Files.size(p), j.get("file_size").asLong());
        assertEquals("1.14.0", j.get("min_runtime_version").asText());
        JsonNode in = j.get("subgraphs").get(0).get("inputs").get(0);
        assertEquals("INT8", in.get("dtype").asText());
        assertEquals("[1,1]", in.get("shape").toString());
        assertEquals("[-1,1]", in.get("shape_signature").toString());
        assertEquals("per-tensor", in.get("quantization").get("kind").asText());
        assertEquals(0.024480116, in.get("quantization").get("scale").asDouble(), 1e-9);
        assertEquals(-128, in.get("quantization").get("zero_point").asInt());
        assertEquals(321, j.get("parameter_count").asLong());
        assertEquals(420, j.get("weight_bytes").asLong());
        assertEquals(3, j.get("layers").size());
        assertEquals("[16,16]", j.get("layers").get(1).get("weight_shape").toString());
        assertEquals("serving_default", j.get("signatures").get(0).get("key").asText());
        assertTrue(j.get("associated_files").isNull());
    }

    @Test
    void jsonListsPerChannelQuantizationOfLayers() throws Exception {
        JsonNode j = json(SharedModels.require("micro/person_detect_int8.tflite"));
        JsonNode q = j.get("layers").get(0).get("weight_quantization");
        assertEquals("per-channel", q.get("kind").asText());
        assertEquals(8, q.get("channels").asInt());
        assertEquals(3, q.get("dimension").asInt());
        int ops = 0;
        for (JsonNode c : j.get("op_counts")) {
            ops += c.get("count").asInt();
        }
        assertEquals(31, ops, "AVERAGE_POOL_2D x1, CONV_2D x14, DEPTHWISE_CONV_2D x14, RESHAPE x1, SOFTMAX x1");
    }

    @Test
    void jsonListsAppendedAssociatedFiles() throws Exception {
        JsonNode j = json(SharedModels.require("imagenet/mobilenet_v1_0.25_128_quant.tflite"));
        JsonNode a = j.get("associated_files");
        assertEquals("[\"imagenet_labels.txt\"]", a.get("entries").toString());
        assertTrue(a.get("bytes").asInt() > 0);
        assertTrue(a.get("error").isNull());
        List<String> meta = new ArrayList<>();
        j.get("metadata").forEach(m -> meta.add(m.get("name").asText()));
        assertTrue(meta.contains("TFLITE_METADATA"), meta.toString());
    }

    @Test
    void everyRealModelInspectsInBothFormatsWithinA120ColumnTerminal() throws Exception {
        for (Path p : SharedModels.allReal()) {
            Cli.Result text = Cli.run("inspect", p.toString());
            assertEquals(0, text.exit(), p + ": " + text.err());
            String file = p.toString();
            text.out().lines().filter(l -> !l.contains(file)).forEach(l ->
                    assertTrue(l.length() <= 120, p + ": line of " + l.length() + " columns:\n" + l));
            JsonNode j = json(p);
            assertEquals(j.get("subgraphs").size(), StreamSupport.stream(j.get("subgraphs").spliterator(), false)
                    .mapToInt(s -> s.get("index").asInt() + 1).max().orElse(0));
        }
    }

    private static JsonNode json(Path p) throws Exception {
        Cli.Result r = Cli.run("inspect", "--json", p.toString());
        assertEquals(0, r.exit(), r.err());
        return JSON.readTree(r.out());
    }
}
