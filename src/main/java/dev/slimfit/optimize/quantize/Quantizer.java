package dev.slimfit.optimize.quantize;

import dev.slimfit.model.MinRuntimeVersion;
import dev.slimfit.model.Model;
import dev.slimfit.model.Subgraph;
import dev.slimfit.model.Tensor;
import dev.slimfit.model.TensorType;
import dev.slimfit.optimize.ActivationRanges;
import dev.slimfit.optimize.Layer;
import dev.slimfit.optimize.LayerCatalog;
import dev.slimfit.optimize.LayerChoice;
import dev.slimfit.optimize.Plan;
import dev.slimfit.optimize.Scheme;
import dev.slimfit.tflite.TfliteWriter;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns a float model into a quantized one following a {@link Plan}, producing the same file
 * structure TFLite's converter produces for each scheme (DESIGN.md §4): float16 constants behind
 * DEQUANTIZE, hybrid int8 weights for dynamic range, int8/int16 activations with int8 weights and
 * int32/int64 biases for full integer, QUANTIZE/DEQUANTIZE where integer and float layers meet
 * and at the model boundary. Refuses (with {@link QuantizationException}, before anything is
 * built) plans it cannot honour; falls back, with a note, where a uniform default does not fit an
 * op. The plan's layers are subgraph 0's; other subgraphs get the plan's default scheme on their
 * weights, weight-only ({@link #otherSubgraphs}), and a weight they share with subgraph 0 stays
 * shared.
 *
 * <p>Pruning and clustering are applied before this, to float weights ({@code Optimizer} runs the
 * whole pipeline); the quantizer keeps their results: symmetric int8 maps 0 to 0, rounding never
 * creates values, and layers clustered per tensor get one shared weight scale.
 *
 * <p>The result carries {@code min_runtime_version} raised to what its op versions need
 * ({@link MinRuntimeVersion}), as the converter writes it.
 */
public final class Quantizer {
    /** The converter's default: weight tensors with fewer elements stay float under dynamic range. */
    public static final int DEFAULT_HYBRID_MIN_ELEMENTS = 1024;
    /** Metadata entry that carries Slimfit's provenance JSON. */
    public static final String PROVENANCE_KEY = "slimfit_provenance";

    private final int hybridMinElements;

    /** A quantizer with the converter's defaults. */
    public Quantizer() {
        this(DEFAULT_HYBRID_MIN_ELEMENTS);
    }

    /** A quantizer that quantizes dynamic-range weights of at least {@code hybridMinElements} elements. */
    public Quantizer(int hybridMinElements) {
        if (hybridMinElements < 0) {
            throw new IllegalArgumentException("hybridMinElements must be >= 0");
        }
        this.hybridMinElements = hybridMinElements;
    }

    /** Quantizes with the converter's defaults; the provenance digest is of the model's serialized bytes. */
    public static QuantizationResult apply(Model floatModel, Plan plan, ActivationRanges ranges) {
        return new Quantizer().quantize(floatModel, plan, ranges, null);
    }

    /**
     * Quantizes {@code floatModel}.
     *
     * @param sourceSha256 hex SHA-256 of the source file for the provenance, or null to hash the
     *                     model's serialized bytes
     * @throws QuantizationException when the plan cannot be honoured
     */
    public QuantizationResult quantize(Model floatModel, Plan plan, ActivationRanges ranges, String sourceSha256) {
        return quantize(floatModel, plan, ranges, sourceSha256, Map.of());
    }

    /**
     * As {@link #quantize(Model, Plan, ActivationRanges, String)}, with preset per-channel int8
     * scales for some weight tensors (index in the main subgraph): scaled clustering chooses them so
     * its shared centroids become the same int8 codes in every channel. Used where the layer's
     * weights are quantized per channel along the output channel; elsewhere the usual max|w|/127.
     */
    public QuantizationResult quantize(Model floatModel, Plan plan, ActivationRanges ranges, String sourceSha256,
                                       Map<Integer, float[]> presetWeightScales) {
        return quantize(floatModel, plan, ranges, sourceSha256, presetWeightScales, Map.of());
    }

    /**
     * As {@link #quantize(Model, Plan, ActivationRanges, String, Map)}, with activation ranges for
     * other subgraphs (by subgraph index; see {@link #calibratableSubgraphs}): under a full-integer
     * default those subgraphs are quantized full integer as well, the rest weight-only.
     */
    public QuantizationResult quantize(Model floatModel, Plan plan, ActivationRanges ranges, String sourceSha256,
                                       Map<Integer, float[]> presetWeightScales,
                                       Map<Integer, ActivationRanges> subgraphRanges) {
        List<Layer> layers = LayerCatalog.of(floatModel);
        List<String> notes = new ArrayList<>();
        Scheme[] schemes = check(floatModel, plan, layers, notes);
        Emitter e = new Emitter(floatModel, plan, layers, schemes, ranges == null ? ActivationRanges.empty()
                : ranges, hybridMinElements, notes, presetWeightScales);
        WorkGraph g = e.run();
        if (!e.missingRanges().isEmpty()) {
            throw new QuantizationException(QuantizationException.Subject.CALIBRATION,
                    "full-integer quantization needs activation ranges for "
                    + e.missingRanges().size() + " tensor(s) that calibration did not provide: "
                    + String.join(", ", e.missingRanges().stream().limit(10).toList())
                    + (e.missingRanges().size() > 10 ? ", ..." : "") + " (run calibration on this model)");
        }
        Map<String, String> perLayer = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            perLayer.put(layers.get(i).id(), e.appliedScheme(i).id());
        }
        String sha = sourceSha256 != null ? sourceSha256 : sha256(floatModel);
        byte[] prov = Provenance.json(floatModel, sha, perLayer, plan, ranges, hybridMinElements);
        g.addMetadata(PROVENANCE_KEY, prov);
        Model out = otherSubgraphs(floatModel, g.build(), plan, subgraphRanges, notes);
        return new QuantizationResult(MinRuntimeVersion.stamp(Provenance.dropOlder(out, PROVENANCE_KEY)), notes);
    }

    /**
     * Subgraphs other than 0 whose inputs are those of subgraph 0 (same count, types and shapes),
     * so that subgraph 0's calibration samples can be fed to them too: a model's signatures over
     * the same inputs (a KV-cache model's prefill and decode). Subgraphs without operators are left out.
     */
    public static List<Integer> calibratableSubgraphs(Model m) {
        List<Integer> out = new ArrayList<>();
        Subgraph main = m.mainSubgraph();
        for (int k = 1; k < m.subgraphs().size(); k++) {
            Subgraph sg = m.subgraphs().get(k);
            boolean same = !sg.operators().isEmpty() && sg.inputs().length == main.inputs().length;
            for (int i = 0; same && i < sg.inputs().length; i++) {
                Tensor a = main.tensor(main.inputs()[i]);
                Tensor b = sg.tensor(sg.inputs()[i]);
                same = a.type() == b.type() && java.util.Arrays.equals(a.shape(), b.shape());
            }
            if (same) {
                out.add(k);
            }
        }
        return out;
    }

    /**
     * Subgraphs other than 0 (more signatures, as in a KV-cache model's prefill and decode, or
     * control-flow bodies) get the plan's default scheme, so that a weight they share with
     * subgraph 0 is not kept as a float copy for them. Under a full-integer default, a subgraph
     * with ranges in {@code subgraphRanges} (its inputs are subgraph 0's, and it was calibrated on
     * the same samples) goes full integer with the plan's I/O type; any other gets dynamic range
     * (same int8 weights, float activations), which leaves its inputs and outputs as they were.
     * Each subgraph is quantized as subgraph 0 would be (moved to the front for the pass and back,
     * {@link Model#withSubgraphsSwapped}); then weights encoded identically by several passes share
     * one buffer. With a float32 default nothing changes there, and a float copy left behind is noted.
     */
    private Model otherSubgraphs(Model source, Model m, Plan plan, Map<Integer, ActivationRanges> subgraphRanges,
                                 List<String> notes) {
        Scheme def = plan.defaults().scheme();
        Scheme other = switch (def) {
            case FLOAT16 -> Scheme.FLOAT16;
            case DYNAMIC_INT8, INT8, INT16X8 -> Scheme.DYNAMIC_INT8;
            default -> Scheme.FLOAT32;
        };
        if (m.subgraphs().size() < 2) {
            return m;
        }
        if (other == Scheme.FLOAT32) {
            noteFloatCopies(source, m, notes);
            return m;
        }
        Model out = m;
        for (int k = 1; k < out.subgraphs().size(); k++) {
            Model front = out.withSubgraphsSwapped(k);
            List<Layer> layers = LayerCatalog.of(front);
            ActivationRanges r = def.needsCalibration() ? subgraphRanges.get(k) : null;
            if (layers.stream().noneMatch(l -> l.allowed().contains(r != null ? def : other)
                    && (r != null || l.hasWeights() && l.weightType() == TensorType.FLOAT32))) {
                continue;
            }
            try {
                refuseIfQuantized(front);
            } catch (QuantizationException already) {
                notes.add(subgraphName(out, k) + " left as it is: " + already.getMessage());
                continue;
            }
            String name = subgraphName(out, k);
            Model full = r == null ? null : pass(front, Plan.uniform(def).withIo(plan.io())
                    .withCalibration(plan.calibration()), layers, r);
            if (full != null) {
                out = full.withSubgraphsSwapped(k);
                notes.add(name + ": " + def.id() + ", calibrated on the same samples as subgraph 0 (its inputs are"
                        + " subgraph 0's), as the plan's default");
                continue;
            }
            out = pass(front, Plan.uniform(other), layers, ActivationRanges.empty()).withSubgraphsSwapped(k);
            notes.add(name + ": weights " + (other == def ? other.id() : other.id() + " (" + (r == null
                    ? "its inputs are not subgraph 0's, so no calibration runs through it"
                    : "calibration left some of its tensors without a range") + "; its layers keep float"
                    + " activations)") + ", as the plan's default");
        }
        return dev.slimfit.model.ModelCompactor.mergeIdenticalBuffers(out);
    }

    /**
     * One pass over {@code front}'s subgraph 0 with a uniform plan; null when a full-integer pass
     * lacks ranges for some tensor (the caller falls back to weight-only).
     */
    private Model pass(Model front, Plan p, List<Layer> layers, ActivationRanges r) {
        List<String> passNotes = new ArrayList<>();
        Scheme[] schemes = resolve(p, layers, passNotes);
        Emitter e = new Emitter(front, p, layers, schemes, r, hybridMinElements, passNotes, Map.of());
        WorkGraph wg = e.run();
        return e.missingRanges().isEmpty() ? wg.build() : null;
    }

    /**
     * With a float32 default, other subgraphs keep their weights as they are. Where subgraph 0's
     * layers were quantized away from a float buffer another subgraph shares, the file now holds
     * both; this says so, with the bytes, so the user can give the plan a default scheme instead.
     * Pass 1 leaves other subgraphs' tensor lists as they were (only buffer numbers move), so a
     * tensor index there names the same tensor in {@code source} and {@code out}.
     */
    private static void noteFloatCopies(Model source, Model out, List<String> notes) {
        java.util.Set<Integer> sourceMain = new java.util.HashSet<>();
        for (Tensor t : source.mainSubgraph().tensors()) {
            sourceMain.add(t.buffer());
        }
        java.util.Set<Integer> outMain = new java.util.HashSet<>();
        for (Tensor t : out.mainSubgraph().tensors()) {
            outMain.add(t.buffer());
        }
        for (int k = 1; k < out.subgraphs().size(); k++) {
            List<Tensor> before = source.subgraphs().get(k).tensors();
            List<Tensor> after = out.subgraphs().get(k).tensors();
            long bytes = 0;
            java.util.Set<Integer> seen = new java.util.HashSet<>();
            for (int i = 0; i < Math.min(before.size(), after.size()); i++) {
                Tensor t = after.get(i);
                boolean wasShared = before.get(i).buffer() > 0 && sourceMain.contains(before.get(i).buffer());
                if (wasShared && t.type() == TensorType.FLOAT32 && !outMain.contains(t.buffer())
                        && out.dataOf(t).size() > 0 && seen.add(t.buffer())) {
                    bytes += out.dataOf(t).size();
                }
            }
            if (!seen.isEmpty()) {
                notes.add(subgraphName(out, k) + " keeps float32 copies of " + seen.size() + " weight(s) it shared with"
                        + " subgraph 0 (" + bytes + " bytes): the plan's default is float32, which leaves other"
                        + " subgraphs as they are; give the plan a default scheme to quantize them too");
            }
        }
    }

    private static String subgraphName(Model m, int k) {
        for (dev.slimfit.model.SignatureDef s : m.signatureDefs()) {
            if (s.subgraphIndex() == k) {
                return "signature '" + s.key() + "' (subgraph " + k + ")";
            }
        }
        String n = m.subgraphs().get(k).name();
        return "subgraph " + k + (n == null || n.isEmpty() ? "" : " '" + n + "'");
    }


    /**
     * Every refusal that does not need activation ranges (unknown layer, scheme an op cannot take,
     * model already quantized), so callers can fail before a long calibration.
     *
     * @throws QuantizationException when the plan cannot be honoured on {@code floatModel}
     */
    public static void check(Model floatModel, Plan plan) {
        check(floatModel, plan, LayerCatalog.of(floatModel), new ArrayList<>());
    }

    private static Scheme[] check(Model floatModel, Plan plan, List<Layer> layers, List<String> notes) {
        checkPlanNamesLayers(plan, layers);
        Scheme[] schemes = resolve(plan, layers, notes);
        boolean changes = layers.stream().anyMatch(l -> plan.choiceFor(l.id()).scheme() != Scheme.FLOAT32);
        if (changes) {
            refuseIfQuantized(floatModel);
        }
        return schemes;
    }

    private static void checkPlanNamesLayers(Plan plan, List<Layer> layers) {
        List<String> unknown = plan.overrides().keySet().stream()
                .filter(id -> LayerCatalog.find(layers, id).isEmpty()).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new QuantizationException(QuantizationException.Subject.PLAN,
                    "the plan names layer(s) this model does not have: " + unknown
                    + " (layer ids are the op's first output tensor name; the model has " + layers.size()
                    + " layers)");
        }
    }

    private static Scheme[] resolve(Plan plan, List<Layer> layers, List<String> notes) {
        Scheme[] out = new Scheme[layers.size()];
        Map<Scheme, List<Layer>> cannot = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            LayerChoice c = plan.choiceFor(l.id());
            Scheme want = c.scheme();
            boolean explicit = plan.overrides().containsKey(l.id());
            if (want == Scheme.FLOAT32 || l.allowed().contains(want)) {
                out[i] = want;
            } else if (explicit) {
                throw new QuantizationException(QuantizationException.Subject.PLAN, "layer " + l.id() + " ("
                        + l.op() + ") cannot take scheme "
                        + want.id() + "; it can take " + l.allowed().stream().map(Scheme::id).sorted()
                        .collect(Collectors.joining(", ")));
            } else if (want.needsCalibration() && l.allowed().contains(Scheme.DYNAMIC_INT8)) {
                out[i] = Scheme.DYNAMIC_INT8;
                notes.add("layer " + l.id() + " (" + l.op() + ") has no " + want.id() + " kernel in TFLite 2.6.2"
                        + ": fell back to dynamic range (hybrid kernel)");
            } else {
                out[i] = Scheme.FLOAT32;
                if (want.needsCalibration() || l.hasWeights() && l.weightType() == TensorType.FLOAT32) {
                    cannot.computeIfAbsent(want, k -> new ArrayList<>()).add(l);
                }
            }
        }
        cannot.forEach((want, ls) -> {
            if (ls.size() <= 3) {
                ls.forEach(l -> notes.add("layer " + l.id() + " (" + l.op() + ") cannot take " + want.id()
                        + ": stays float32"));
            } else {
                notes.add(ls.size() + " layers cannot take " + want.id() + " and stay float32: " + ls.stream()
                        .limit(3).map(l -> l.id() + " (" + l.op() + ")").collect(Collectors.joining(", ")) + " and "
                        + (ls.size() - 3) + " more (" + ls.stream().map(Layer::op).distinct().sorted()
                        .collect(Collectors.joining(", ")) + ")");
            }
        });
        return out;
    }

    /** Refuses models that already hold quantized or float16 weights or quantized activations. */
    private static void refuseIfQuantized(Model m) {
        Subgraph sg = m.mainSubgraph();
        for (int i = 0; i < sg.tensors().size(); i++) {
            Tensor t = sg.tensor(i);
            boolean constant = !m.dataOf(t).isEmpty();
            TensorType ty = t.type();
            if (t.isQuantized() || constant && (ty == TensorType.FLOAT16 || ty.isQuantizedInteger())) {
                throw new QuantizationException("the model is already quantized (tensor " + i + " '" + t.name()
                        + "' is " + ty + (t.isQuantized() ? " with quantization parameters" : " constant")
                        + "); quantize the float original instead");
            }
        }
    }

    static String sha256(Model m) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            ByteBuffer b = TfliteWriter.toBytes(m);
            md.update(b);
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
