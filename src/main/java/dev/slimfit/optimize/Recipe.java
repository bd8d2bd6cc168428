package dev.slimfit.optimize;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A {@link Plan} as a versioned, documented JSON file ({@code "schema": "slimfit.recipe/1"}, see
 * docs/recipe.md), so a plan made in the UI can be replayed by the CLI or kept under version
 * control. Reading is strict (unknown keys and values are errors naming the key), and
 * write → read gives back an equal recipe.
 *
 * @param plan              the per-layer plan
 * @param hybridMinElements dynamic range keeps weights with fewer elements float (converter default 1024)
 * @param description       free text, or null
 */
public record Recipe(Plan plan, int hybridMinElements, String description) {
    /** The schema identifier this class reads and writes. */
    public static final String SCHEMA = "slimfit.recipe/1";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public Recipe {
        if (plan == null) {
            throw new IllegalArgumentException("plan is required");
        }
        if (hybridMinElements < 0) {
            throw new IllegalArgumentException("hybridMinElements must be >= 0");
        }
    }

    /** A recipe for {@code plan} with the converter's defaults. */
    public static Recipe of(Plan plan) {
        return new Recipe(plan, 1024, null);
    }

    /** The JSON text. */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", SCHEMA);
        if (description != null) {
            root.put("description", description);
        }
        root.set("default", choice(plan.defaults()));
        ObjectNode layers = root.putObject("layers");
        plan.overrides().forEach((id, c) -> layers.set(id, choice(c)));
        root.put("io", lower(plan.io()));
        ObjectNode cal = root.putObject("calibration");
        cal.put("method", lower(plan.calibration().method()));
        cal.put("percentile", plan.calibration().percentile());
        cal.put("samples", plan.calibration().samples());
        root.put("hybridMinElements", hybridMinElements);
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses recipe JSON; {@link IllegalArgumentException} says what is wrong and where. */
    public static Recipe fromJson(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("recipe is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("recipe must be a JSON object");
        }
        String schema = root.path("schema").asText("");
        if (!SCHEMA.equals(schema)) {
            throw new IllegalArgumentException("recipe schema must be \"" + SCHEMA + "\", got \"" + schema + "\"");
        }
        onlyKeys(root, "recipe", Set.of("schema", "description", "default", "layers", "io", "calibration",
                "hybridMinElements"));
        LayerChoice dflt = root.has("default") ? choice(root.get("default"), "default") : LayerChoice.KEEP;
        Map<String, LayerChoice> overrides = new LinkedHashMap<>();
        JsonNode layers = root.path("layers");
        for (Iterator<Map.Entry<String, JsonNode>> it = layers.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            overrides.put(e.getKey(), choice(e.getValue(), "layers." + e.getKey()));
        }
        IoType io = root.has("io") ? parse(IoType.class, root.get("io").asText(), "io") : IoType.FLOAT;
        CalibrationSpec cal = CalibrationSpec.DEFAULT;
        if (root.has("calibration")) {
            JsonNode c = root.get("calibration");
            onlyKeys(c, "calibration", Set.of("method", "percentile", "samples"));
            cal = new CalibrationSpec(parse(CalibrationSpec.Method.class, c.path("method").asText("min_max"),
                    "calibration.method"), c.path("percentile").asDouble(99.99), c.path("samples").asInt(100));
        }
        String desc = root.has("description") ? root.get("description").asText() : null;
        return new Recipe(new Plan(dflt, overrides, io, cal), root.path("hybridMinElements").asInt(1024), desc);
    }

    /** Writes the recipe to a file (UTF-8). */
    public void write(Path file) throws IOException {
        Files.writeString(file, toJson(), StandardCharsets.UTF_8);
    }

    /** Reads a recipe file. */
    public static Recipe read(Path file) throws IOException {
        try {
            return fromJson(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    private static ObjectNode choice(LayerChoice c) {
        ObjectNode n = JSON.createObjectNode();
        n.put("scheme", c.scheme().id());
        n.put("granularity", lower(c.granularity()));
        if (c.pruning() != null) {
            ObjectNode p = n.putObject("pruning");
            p.put("sparsity", c.pruning().sparsity());
            p.put("pattern", lower(c.pruning().pattern()));
            p.put("repair", c.pruning().repair());
        }
        if (c.clustering() != null) {
            ObjectNode k = n.putObject("clustering");
            k.put("clusters", c.clustering().clusters());
            k.put("init", lower(c.clustering().init()));
            k.put("perChannel", c.clustering().perChannel());
            k.put("scaled", c.clustering().scaled());
            k.put("entropyWeight", c.clustering().entropyWeight());
            k.put("repair", c.clustering().repair());
        }
        return n;
    }

    private static LayerChoice choice(JsonNode n, String where) {
        if (!n.isObject()) {
            throw new IllegalArgumentException(where + " must be an object");
        }
        onlyKeys(n, where, Set.of("scheme", "granularity", "pruning", "clustering"));
        Scheme s;
        try {
            s = Scheme.parse(n.path("scheme").asText("float32"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ".scheme: " + e.getMessage(), e);
        }
        Granularity g = parse(Granularity.class, n.path("granularity").asText("auto"), where + ".granularity");
        Pruning p = null;
        if (n.has("pruning")) {
            JsonNode x = n.get("pruning");
            onlyKeys(x, where + ".pruning", Set.of("sparsity", "pattern", "repair"));
            p = new Pruning(x.path("sparsity").asDouble(), parse(Pruning.Pattern.class,
                    x.path("pattern").asText("unstructured"), where + ".pruning.pattern"), x.path("repair").asBoolean());
        }
        Clustering c = null;
        if (n.has("clustering")) {
            JsonNode x = n.get("clustering");
            onlyKeys(x, where + ".clustering", Set.of("clusters", "init", "perChannel", "scaled", "entropyWeight",
                    "repair"));
            // keys absent in older recipes mean what those recipes meant: plain k-means
            try {
                c = new Clustering(x.path("clusters").asInt(), parse(Clustering.Init.class,
                        x.path("init").asText("kmeans_plus_plus"), where + ".clustering.init"),
                        x.path("perChannel").asBoolean(), x.path("scaled").asBoolean(),
                        x.path("entropyWeight").asDouble(0), x.path("repair").asBoolean());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ".clustering: " + e.getMessage(), e);
            }
        }
        return new LayerChoice(s, g, p, c);
    }

    private static void onlyKeys(JsonNode n, String where, Set<String> allowed) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw new IllegalArgumentException(where + ": unknown key \"" + k + "\" (allowed: "
                        + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
            }
        }
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String where) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            StringBuilder ok = new StringBuilder();
            for (E x : type.getEnumConstants()) {
                ok.append(ok.length() == 0 ? "" : ", ").append(lower(x));
            }
            throw new IllegalArgumentException(where + ": unknown value \"" + value + "\" (use " + ok + ")", e);
        }
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
