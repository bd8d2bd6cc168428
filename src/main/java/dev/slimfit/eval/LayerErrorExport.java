package dev.slimfit.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/**
 * Writes {@link LayerErrors} rows as CSV, as JSON, and as Google Model Explorer node data: a
 * JSON object keyed by graph id with {@code results} keyed by node key — Model Explorer accepts
 * a node's output tensor name as the key — each {@code {"value": v}}, plus a colour gradient, so
 * the errors overlay the graph in Model Explorer.
 */
public final class LayerErrorExport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private LayerErrorExport() {
    }

    /** CSV with a header row; numbers in plain Locale.ROOT notation, NaN/inf spelled as Java does. */
    public static String csv(List<LayerErrors.Row> rows) {
        StringBuilder sb = new StringBuilder(
                "op_index,op,tensor_index,tensor,rmse,scale,rmse_over_scale,sqnr_db,cosine,elements\n");
        for (LayerErrors.Row r : rows) {
            sb.append(String.format(Locale.ROOT, "%d,%s,%d,%s,%.9g,%.9g,%.6g,%.4f,%.9f,%d%n", r.opIndex(),
                    quote(r.opName()), r.tensorIndex(), quote(r.tensorName()), r.rmse(), r.scale(),
                    r.rmseOverScale(), r.sqnrDb(), r.cosine(), r.elements()));
        }
        return sb.toString();
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /** A JSON array of row objects (NaN/infinite numbers become null). */
    public static String json(List<LayerErrors.Row> rows) {
        ArrayNode arr = JSON.createArrayNode();
        for (LayerErrors.Row r : rows) {
            ObjectNode o = arr.addObject();
            o.put("opIndex", r.opIndex());
            o.put("op", r.opName());
            o.put("tensorIndex", r.tensorIndex());
            o.put("tensor", r.tensorName());
            num(o, "rmse", r.rmse());
            num(o, "scale", r.scale());
            num(o, "rmseOverScale", r.rmseOverScale());
            num(o, "sqnrDb", r.sqnrDb());
            num(o, "cosine", r.cosine());
            o.put("elements", r.elements());
        }
        return write(arr);
    }

    /** Which number to overlay in Model Explorer. */
    public enum Metric { RMSE, RMSE_OVER_SCALE, SQNR_DB, COSINE }

    /**
     * Model Explorer node data for graph {@code graphId} (the subgraph name; "main" for MLIR-converted
     * models), keyed by output tensor name.
     */
    public static String modelExplorer(List<LayerErrors.Row> rows, String graphId, Metric metric) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode graph = root.putObject(graphId == null || graphId.isEmpty() ? "main" : graphId);
        ObjectNode results = graph.putObject("results");
        for (LayerErrors.Row r : rows) {
            double v = switch (metric) {
                case RMSE -> r.rmse();
                case RMSE_OVER_SCALE -> r.rmseOverScale();
                case SQNR_DB -> r.sqnrDb();
                case COSINE -> r.cosine();
            };
            if (Double.isFinite(v)) {
                results.putObject(r.tensorName()).put("value", v);
            }
        }
        ArrayNode gradient = graph.putArray("gradient");
        boolean higherIsBetter = metric == Metric.SQNR_DB || metric == Metric.COSINE;
        gradient.addObject().put("stop", 0).put("bgColor", higherIsBetter ? "#d32f2f" : "#a5d6a7");
        gradient.addObject().put("stop", 1).put("bgColor", higherIsBetter ? "#a5d6a7" : "#d32f2f");
        return write(root);
    }

    private static void num(ObjectNode o, String k, double v) {
        if (Double.isFinite(v)) {
            o.put(k, v);
        } else {
            o.putNull(k);
        }
    }

    private static String write(Object node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
