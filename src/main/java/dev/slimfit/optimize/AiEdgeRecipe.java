package dev.slimfit.optimize;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slimfit.model.Model;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads and writes Google's AI Edge Quantizer recipe format (a JSON list of
 * {@code {regex, operation, algorithm_key, op_config}} rules, later rules overriding earlier
 * ones) and maps it to and from our {@link Plan}. Mapping is as faithful as our schemes allow;
 * what cannot be expressed is returned as warnings (docs/recipe.md lists them), never dropped
 * silently. Rules are resolved against a model: {@code regex} is searched in each op's first
 * output tensor name (our layer id without its {@code #index} suffix), {@code operation} is the
 * op name or {@code *}.
 */
public final class AiEdgeRecipe {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private AiEdgeRecipe() {
    }

    /** A plan read from an AI Edge recipe, with what could not be mapped exactly. */
    public record Imported(Plan plan, int hybridMinElements, List<String> warnings) {
        public Imported {
            warnings = List.copyOf(warnings);
        }
    }

    /** An AI Edge recipe written from a plan, with what it cannot express. */
    public record Exported(String json, List<String> warnings) {
        public Exported {
            warnings = List.copyOf(warnings);
        }
    }

    /** Maps an AI Edge recipe onto {@code model}'s layers. */
    public static Imported read(String json, Model model) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("AI Edge recipe is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException("an AI Edge recipe is a JSON list of rules");
        }
        List<String> warnings = new ArrayList<>();
        List<Layer> layers = LayerCatalog.of(model);
        LayerChoice dflt = LayerChoice.KEEP;
        Map<String, LayerChoice> perLayer = new LinkedHashMap<>();
        int minElements = 1024;
        for (int i = 0; i < root.size(); i++) {
            JsonNode rule = root.get(i);
            String regex = rule.path("regex").asText(".*");
            String op = rule.path("operation").asText("*");
            Pattern p;
            try {
                p = Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("rule " + i + ": bad regex " + regex, e);
            }
            LayerChoice c = choice(rule, "rule " + i, warnings);
            if (rule.path("op_config").has("min_weight_elements")) {
                minElements = rule.path("op_config").get("min_weight_elements").asInt();
            }
            boolean all = (regex.equals(".*") || regex.isEmpty()) && op.equals("*");
            if (all) {
                dflt = c;
                perLayer.clear();
                continue;
            }
            int matched = 0;
            for (Layer l : layers) {
                String name = l.id().replaceFirst("#\\d+$", "");
                if ((op.equals("*") || op.equalsIgnoreCase(l.op())) && p.matcher(name).find()) {
                    perLayer.put(l.id(), c);
                    matched++;
                }
            }
            if (matched == 0) {
                warnings.add("rule " + i + " (" + regex + ", " + op + ") matches no layer of this model");
            }
        }
        Plan plan = new Plan(dflt, Map.of(), IoType.FLOAT, CalibrationSpec.DEFAULT);
        for (Map.Entry<String, LayerChoice> e : perLayer.entrySet()) {
            plan = plan.with(e.getKey(), e.getValue());
        }
        return new Imported(plan, minElements, warnings);
    }

    /** Writes {@code plan} as an AI Edge recipe: the default as a catch-all rule, then one rule per override. */
    public static Exported write(Plan plan, int hybridMinElements) {
        List<String> warnings = new ArrayList<>();
        ArrayNode list = JSON.createArrayNode();
        list.add(rule(".*", plan.defaults(), hybridMinElements, "default", warnings));
        plan.overrides().forEach((id, c) -> {
            String name = id.replaceFirst("#\\d+$", "");
            if (!name.equals(id)) {
                warnings.add("layer " + id + ": AI Edge rules match tensor names, so this rule also applies to"
                        + " every other op whose output is named '" + name + "'");
            }
            list.add(rule("^" + escape(name) + "$", c, hybridMinElements, id, warnings));
        });
        if (plan.io() != IoType.FLOAT) {
            warnings.add("io " + plan.io() + " has no AI Edge recipe field (set the model's I/O type in the"
                    + " quantizer call instead)");
        }
        if (!plan.calibration().equals(CalibrationSpec.DEFAULT)) {
            warnings.add("calibration settings are not part of AI Edge recipes (pass them with the calibration data)");
        }
        try {
            return new Exported(JSON.writeValueAsString(list) + "\n", warnings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode rule(String regex, LayerChoice c, int minElements, String where, List<String> w) {
        ObjectNode r = JSON.createObjectNode();
        r.put("regex", regex);
        r.put("operation", "*");
        if (c.pruning() != null || c.clustering() != null) {
            w.add(where + ": pruning/clustering cannot be expressed in an AI Edge recipe");
        }
        if (c.scheme() == Scheme.FLOAT32) {
            r.put("algorithm_key", "no_quantize");
            return r;
        }
        r.put("algorithm_key", c.scheme() == Scheme.FLOAT16 ? "float_casting" : "min_max_uniform_quantize");
        ObjectNode oc = r.putObject("op_config");
        String gran = c.granularity() == Granularity.PER_TENSOR ? "TENSORWISE" : "CHANNELWISE";
        if (c.granularity() == Granularity.AUTO && c.scheme() != Scheme.FLOAT16) {
            w.add(where + ": granularity auto is written as CHANNELWISE (AI Edge recipes have no auto; Slimfit's"
                    + " auto gives convolutions with a 1x1 output map one scale)");
        }
        switch (c.scheme()) {
            case FLOAT16 -> {
                tensor(oc.putObject("weight_tensor_config"), 16, true, "TENSORWISE", "FLOAT");
                oc.put("compute_precision", "FLOAT");
                oc.put("explicit_dequantize", true);
            }
            case DYNAMIC_INT8 -> {
                tensor(oc.putObject("weight_tensor_config"), 8, true, gran, "INT");
                oc.put("compute_precision", "INTEGER");
                oc.put("explicit_dequantize", false);
            }
            default -> {
                boolean i16 = c.scheme() == Scheme.INT16X8;
                tensor(oc.putObject("activation_tensor_config"), i16 ? 16 : 8, i16, "TENSORWISE", "INT");
                tensor(oc.putObject("weight_tensor_config"), 8, true, gran, "INT");
                oc.put("compute_precision", "INTEGER");
                oc.put("explicit_dequantize", false);
            }
        }
        oc.put("skip_checks", false);
        oc.put("min_weight_elements", c.scheme() == Scheme.DYNAMIC_INT8 ? minElements : 0);
        return r;
    }

    private static void tensor(ObjectNode n, int bits, boolean symmetric, String granularity, String dtype) {
        n.put("num_bits", bits);
        n.put("symmetric", symmetric);
        n.put("granularity", granularity);
        n.put("dtype", dtype);
        n.put("block_size", 0);
    }

    private static LayerChoice choice(JsonNode rule, String where, List<String> warnings) {
        String algo = rule.path("algorithm_key").asText("min_max_uniform_quantize");
        if (algo.equals("no_quantize")) {
            return LayerChoice.KEEP;
        }
        if (!algo.equals("min_max_uniform_quantize") && !algo.equals("float_casting")) {
            warnings.add(where + ": algorithm " + algo + " is not available; using min/max uniform quantization");
        }
        JsonNode oc = rule.path("op_config");
        JsonNode w = oc.path("weight_tensor_config");
        JsonNode a = oc.path("activation_tensor_config");
        String precision = oc.path("compute_precision").asText("INTEGER").toUpperCase(Locale.ROOT);
        boolean explicit = oc.path("explicit_dequantize").asBoolean(false);
        int wBits = w.path("num_bits").asInt(8);
        Granularity g = granularity(w, where, warnings);
        Scheme s;
        if ("FLOAT".equalsIgnoreCase(w.path("dtype").asText("INT"))) {
            if (wBits != 16) {
                warnings.add(where + ": float weights of " + wBits + " bits are not supported; using float16");
            }
            return LayerChoice.of(Scheme.FLOAT16);
        } else if (!a.isMissingNode() && precision.equals("INTEGER")) {
            int aBits = a.path("num_bits").asInt(8);
            s = aBits == 16 ? Scheme.INT16X8 : Scheme.INT8;
            if (aBits != 8 && aBits != 16) {
                warnings.add(where + ": " + aBits + "-bit activations are not supported; using int8");
            }
            boolean sym = a.path("symmetric").asBoolean(aBits == 16);
            if (sym != (aBits == 16)) {
                warnings.add(where + ": " + (sym ? "symmetric" : "asymmetric") + " " + aBits + "-bit activations"
                        + " are not what TFLite kernels take; using " + (aBits == 16 ? "symmetric" : "asymmetric"));
            }
        } else {
            s = Scheme.DYNAMIC_INT8;
            if (explicit || precision.equals("FLOAT")) {
                warnings.add(where + ": weight-only quantization (explicit DEQUANTIZE, float compute) is mapped to"
                        + " dynamic range (hybrid kernels on int8 weights)");
            }
        }
        if (wBits != 8) {
            warnings.add(where + ": " + wBits + "-bit weights are not supported; using 8 bits");
        }
        if (!w.path("symmetric").asBoolean(true)) {
            warnings.add(where + ": asymmetric weights are not supported; using symmetric int8 (zero point 0)");
        }
        return new LayerChoice(s, g, null, null);
    }

    private static Granularity granularity(JsonNode w, String where, List<String> warnings) {
        if (w.has("channel_wise")) {
            return w.get("channel_wise").asBoolean() ? Granularity.PER_CHANNEL : Granularity.PER_TENSOR;
        }
        String g = w.path("granularity").asText("CHANNELWISE").toUpperCase(Locale.ROOT);
        if (g.equals("TENSORWISE")) {
            return Granularity.PER_TENSOR;
        }
        if (!g.equals("CHANNELWISE")) {
            warnings.add(where + ": granularity " + g + " is not supported; using per-channel");
        }
        return Granularity.PER_CHANNEL;
    }

    /** Escapes regex metacharacters the way Python's re.escape would need (no \Q..\E in Python). */
    static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (char ch : s.toCharArray()) {
            if ("\\.^$|?*+()[]{}/".indexOf(ch) >= 0) {
                b.append('\\');
            }
            b.append(ch);
        }
        return b.toString();
    }
}
