package dev.slimfit.optimize.quantize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slimfit.model.Buffer;
import dev.slimfit.model.Metadata;
import dev.slimfit.model.Model;
import dev.slimfit.optimize.ActivationRanges;
import dev.slimfit.optimize.Plan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Slimfit's record of what it did, stored inside the exported model as the metadata entry
 * {@value Quantizer#PROVENANCE_KEY} (JSON), the way Tribuo keeps provenance in the model: tool and
 * version, the source's SHA-256, the scheme each layer got, I/O type and how activations were
 * calibrated. A provenance already in the source is kept as {@code "previous"}.
 */
public final class Provenance {
    /** Tool version written into provenance. */
    public static final String TOOL_VERSION = "0.1.0-SNAPSHOT";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Provenance() {
    }

    static byte[] json(Model source, String sha256, Map<String, String> perLayer, Plan plan, ActivationRanges ranges,
                       int hybridMinElements) {
        ObjectNode root = JSON.createObjectNode();
        root.put("tool", "slimfit");
        root.put("toolVersion", TOOL_VERSION);
        root.put("technique", "post-training quantization");
        root.put("sourceSha256", sha256);
        root.put("defaultScheme", plan.defaults().scheme().id());
        root.put("io", plan.io().name().toLowerCase(java.util.Locale.ROOT));
        root.put("hybridMinElements", hybridMinElements);
        // Only layers whose scheme differs from the default are listed: the full per-layer map is
        // default + exceptions, and listing every layer cost ~2 KB on MobileNet, 0.1% of its size.
        ObjectNode layers = root.putObject("layers");
        String dflt = plan.defaults().scheme().id();
        perLayer.forEach((id, scheme) -> {
            if (!scheme.equals(dflt)) {
                layers.put(id, scheme);
            }
        });
        transforms(root, plan);
        ObjectNode cal = root.putObject("calibration");
        boolean calibrated = ranges != null && ranges.size() > 0;
        cal.put("method", calibrated ? ranges.method() : "none");
        cal.put("samples", calibrated ? ranges.samples() : 0);
        cal.put("tensors", calibrated ? ranges.size() : 0);
        read(source).ifPresent(prev -> root.set("previous", prev));
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Pruning and clustering, as default + exceptions like the schemes: {@code "weights": {"default":
     * "prune 0.5 unstructured repair, cluster 16 kmeans_plus_plus", "layers": {id: ...}}}.
     */
    private static void transforms(ObjectNode root, Plan plan) {
        String dflt = describe(plan.defaults());
        ObjectNode layers = JSON.createObjectNode();
        plan.overrides().forEach((id, c) -> {
            String d = describe(c);
            if (!d.equals(dflt)) {
                layers.put(id, d);
            }
        });
        if (dflt.equals("none") && layers.isEmpty()) {
            return;
        }
        ObjectNode w = root.putObject("weights");
        w.put("default", dflt);
        if (!layers.isEmpty()) {
            w.set("layers", layers);
        }
    }

    private static String describe(dev.slimfit.optimize.LayerChoice c) {
        List<String> parts = new ArrayList<>();
        if (c.pruning() != null) {
            parts.add("prune " + c.pruning().sparsity() + " " + c.pruning().pattern().name().toLowerCase(
                    java.util.Locale.ROOT) + (c.pruning().repair() ? " repair" : ""));
        }
        if (c.clustering() != null) {
            parts.add("cluster " + c.clustering().clusters() + " " + c.clustering().init().name().toLowerCase(
                    java.util.Locale.ROOT) + (c.clustering().perChannel() ? " per-channel" : "")
                    + (c.clustering().scaled() ? " scaled" : "")
                    + (c.clustering().entropyWeight() > 0 ? " ecsq " + c.clustering().entropyWeight() : "")
                    + (c.clustering().repair() ? " repair" : ""));
        }
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    /** The scheme a layer got according to a provenance record (its exception, or the default). */
    public static String schemeOf(JsonNode provenance, String layerId) {
        JsonNode l = provenance.path("layers").get(layerId);
        return l != null ? l.asText() : provenance.path("defaultScheme").asText();
    }

    /** The provenance JSON of a model, if it has one. */
    public static java.util.Optional<JsonNode> read(Model m) {
        List<Metadata> found = m.metadata().stream().filter(x -> Quantizer.PROVENANCE_KEY.equals(x.name())).toList();
        if (found.isEmpty()) {
            return java.util.Optional.empty();
        }
        Buffer b = m.buffer(found.get(found.size() - 1).buffer());
        try {
            return java.util.Optional.of(JSON.readTree(new String(b.bytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    /** Keeps only the last entry named {@code key} (the new one), dropping the older entries' buffers. */
    static Model dropOlder(Model m, String key) {
        List<Metadata> meta = new ArrayList<>(m.metadata());
        int last = -1;
        for (int i = 0; i < meta.size(); i++) {
            if (key.equals(meta.get(i).name())) {
                last = i;
            }
        }
        List<Buffer> bufs = new ArrayList<>(m.buffers());
        List<Metadata> kept = new ArrayList<>();
        for (int i = 0; i < meta.size(); i++) {
            Metadata x = meta.get(i);
            if (key.equals(x.name()) && i != last) {
                bufs.set(x.buffer(), Buffer.empty());
            } else {
                kept.add(x);
            }
        }
        return kept.size() == meta.size() ? m
                : dev.slimfit.model.ModelCompactor.dropUnusedBuffers(m.withMetadata(kept).withBuffers(bufs));
    }
}
