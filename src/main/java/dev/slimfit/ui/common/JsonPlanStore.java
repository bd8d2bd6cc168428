package dev.slimfit.ui.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slimfit.optimize.CalibrationSpec;
import dev.slimfit.optimize.Clustering;
import dev.slimfit.optimize.Granularity;
import dev.slimfit.optimize.IoType;
import dev.slimfit.optimize.LayerChoice;
import dev.slimfit.optimize.Plan;
import dev.slimfit.optimize.Pruning;
import dev.slimfit.optimize.Scheme;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Interim recipe format ({@code "format": "slimfit-recipe", "version": 0}): defaults and per-layer
 * overrides with scheme, granularity, pruning and clustering. Replaced by the core Recipe class.
 */
public final class JsonPlanStore implements PlanStore {
    private final ObjectMapper json = new ObjectMapper();

    @Override
    public void save(Plan plan, String modelName, Path target) throws IOException {
        Files.writeString(target, toJson(plan, modelName));
    }

    @Override
    public String toJson(Plan plan, String modelName) {
        ObjectNode root = json.createObjectNode();
        root.put("format", "slimfit-recipe").put("version", 0).put("model", modelName);
        root.put("io", plan.io().name());
        root.set("defaults", choice(plan.defaults()));
        ObjectNode layers = root.putObject("layers");
        plan.overrides().forEach((id, c) -> layers.set(id, choice(c)));
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private ObjectNode choice(LayerChoice c) {
        ObjectNode n = json.createObjectNode();
        n.put("scheme", c.scheme().id()).put("granularity", c.granularity().name());
        if (c.pruning() != null) {
            n.putObject("pruning").put("sparsity", c.pruning().sparsity())
                    .put("pattern", c.pruning().pattern().name()).put("repair", c.pruning().repair());
        }
        if (c.clustering() != null) {
            n.putObject("clustering").put("clusters", c.clustering().clusters())
                    .put("init", c.clustering().init().name()).put("perChannel", c.clustering().perChannel());
        }
        return n;
    }

    @Override
    public Plan load(Path source) throws IOException {
        JsonNode root = json.readTree(source.toFile());
        if (root == null || !"slimfit-recipe".equals(root.path("format").asText())) {
            throw new IOException(source.getFileName() + " is not a Slimfit recipe");
        }
        try {
            Map<String, LayerChoice> overrides = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = root.path("layers").fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                overrides.put(e.getKey(), parse(e.getValue()));
            }
            IoType io = IoType.valueOf(root.path("io").asText(IoType.FLOAT.name()));
            return new Plan(parse(root.path("defaults")), overrides, io, CalibrationSpec.DEFAULT);
        } catch (IllegalArgumentException e) {
            throw new IOException(source.getFileName() + ": " + e.getMessage(), e);
        }
    }

    private static LayerChoice parse(JsonNode n) {
        Scheme scheme = Scheme.parse(n.path("scheme").asText("float32"));
        Granularity g = Granularity.valueOf(n.path("granularity").asText(Granularity.PER_CHANNEL.name()));
        Pruning p = null;
        if (n.has("pruning")) {
            JsonNode pn = n.get("pruning");
            p = new Pruning(pn.path("sparsity").asDouble(), Pruning.Pattern.valueOf(pn.path("pattern").asText()),
                    pn.path("repair").asBoolean());
        }
        Clustering c = null;
        if (n.has("clustering")) {
            JsonNode cn = n.get("clustering");
            c = new Clustering(cn.path("clusters").asInt(), Clustering.Init.valueOf(cn.path("init").asText()),
                    cn.path("perChannel").asBoolean());
        }
        return new LayerChoice(scheme, g, p, c);
    }
}
