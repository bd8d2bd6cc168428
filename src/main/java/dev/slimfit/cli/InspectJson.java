package dev.slimfit.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.slimfit.model.ModelSummary;
import dev.slimfit.model.QuantInfo;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;

/**
 * Writes a {@link ModelSummary} as the JSON document {@code slimfit.inspect/1}, documented field by
 * field in {@code docs/cli-json.md}. Every key is always present (null when absent), so consumers
 * can rely on the shape. Uses Jackson's streaming generator only: no data binding, no reflection,
 * which keeps {@code inspect --json} as fast to start as the text output.
 */
final class InspectJson {
    /** The schema id written into every document; bump it on any incompatible change. */
    static final String SCHEMA = "slimfit.inspect/1";

    private InspectJson() {
    }

    static String format(String file, long fileSize, ModelSummary s) throws IOException {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("schema", SCHEMA);
            g.writeStringField("file", file);
            g.writeNumberField("file_size", fileSize);
            g.writeNumberField("schema_version", s.schemaVersion());
            g.writeStringField("description", s.description());
            g.writeStringField("min_runtime_version", s.minRuntimeVersion());
            g.writeArrayFieldStart("subgraphs");
            for (ModelSummary.SubgraphInfo sg : s.subgraphs()) {
                g.writeStartObject();
                g.writeNumberField("index", sg.index());
                g.writeStringField("name", sg.name());
                g.writeNumberField("tensor_count", sg.tensorCount());
                g.writeNumberField("op_count", sg.opCount());
                tensors(g, "inputs", sg.inputs());
                tensors(g, "outputs", sg.outputs());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("op_counts");
            for (ModelSummary.OpCount o : s.opCounts()) {
                g.writeStartObject();
                g.writeStringField("op", o.op());
                g.writeNumberField("version", o.version());
                g.writeNumberField("count", o.count());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeNumberField("parameter_count", s.parameterCount());
            g.writeNumberField("constant_tensor_count", s.constantTensors());
            g.writeNumberField("weight_bytes", s.weightBytes());
            g.writeArrayFieldStart("weights_by_dtype");
            for (ModelSummary.TypeWeights t : s.weightsByType()) {
                g.writeStartObject();
                g.writeStringField("dtype", t.type().name());
                g.writeNumberField("tensors", t.tensors());
                g.writeNumberField("params", t.elements());
                g.writeNumberField("bytes", t.bytes());
                g.writeEndObject();
            }
            g.writeEndArray();
            layers(g, s.layers());
            g.writeArrayFieldStart("signatures");
            for (ModelSummary.SignatureInfo sig : s.signatures()) {
                g.writeStartObject();
                g.writeStringField("key", sig.key());
                g.writeNumberField("subgraph", sig.subgraph());
                strings(g, "inputs", sig.inputs());
                strings(g, "outputs", sig.outputs());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("metadata");
            for (ModelSummary.MetadataEntry m : s.metadata()) {
                g.writeStartObject();
                g.writeStringField("name", m.name());
                g.writeNumberField("bytes", m.bytes());
                g.writeEndObject();
            }
            g.writeEndArray();
            archive(g, s.archive());
            g.writeEndObject();
        }
        return w.append('\n').toString();
    }

    private static void layers(JsonGenerator g, List<ModelSummary.Layer> layers) throws IOException {
        g.writeArrayFieldStart("layers");
        for (ModelSummary.Layer l : layers) {
            g.writeStartObject();
            g.writeNumberField("subgraph", l.subgraph());
            g.writeNumberField("op_index", l.opIndex());
            g.writeStringField("op", l.op());
            g.writeNumberField("version", l.version());
            g.writeStringField("weight_name", l.weightName());
            g.writeStringField("weight_dtype", l.weightType().name());
            ints(g, "weight_shape", l.weightShape());
            quant(g, "weight_quantization", l.weightQuantization());
            g.writeNumberField("params", l.params());
            g.writeNumberField("bytes", l.bytes());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void archive(JsonGenerator g, ModelSummary.ArchiveInfo a) throws IOException {
        g.writeFieldName("associated_files");
        if (a == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        g.writeNumberField("bytes", a.bytes());
        strings(g, "entries", a.entries());
        g.writeStringField("error", a.error());
        g.writeEndObject();
    }

    private static void tensors(JsonGenerator g, String field, List<ModelSummary.TensorInfo> ts) throws IOException {
        g.writeArrayFieldStart(field);
        for (ModelSummary.TensorInfo t : ts) {
            g.writeStartObject();
            g.writeNumberField("index", t.index());
            g.writeStringField("name", t.name());
            g.writeStringField("dtype", t.type().name());
            ints(g, "shape", t.shape());
            ints(g, "shape_signature", t.shapeSignature());
            quant(g, "quantization", t.quantization());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void quant(JsonGenerator g, String field, QuantInfo q) throws IOException {
        g.writeFieldName(field);
        if (q == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        switch (q.kind()) {
            case PER_TENSOR -> {
                g.writeStringField("kind", "per-tensor");
                g.writeNumberField("scale", q.scale());
                g.writeNumberField("zero_point", q.zeroPoint());
            }
            case PER_CHANNEL -> {
                g.writeStringField("kind", "per-channel");
                g.writeNumberField("channels", q.channels());
                g.writeNumberField("dimension", q.dimension());
            }
            case RANGE -> {
                g.writeStringField("kind", "range");
                g.writeNumberField("min", q.min());
                g.writeNumberField("max", q.max());
            }
        }
        g.writeEndObject();
    }

    private static void ints(JsonGenerator g, String field, List<Integer> values) throws IOException {
        g.writeFieldName(field);
        if (values == null) {
            g.writeNull();
            return;
        }
        g.writeStartArray();
        for (int v : values) {
            g.writeNumber(v);
        }
        g.writeEndArray();
    }

    private static void strings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }
}
