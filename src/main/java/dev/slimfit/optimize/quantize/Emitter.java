package dev.slimfit.optimize.quantize;

import dev.slimfit.model.BuiltinOp;
import dev.slimfit.model.Model;
import dev.slimfit.model.OpOptions;
import dev.slimfit.model.Operator;
import dev.slimfit.model.OperatorCode;
import dev.slimfit.model.QuantizationParams;
import dev.slimfit.model.Subgraph;
import dev.slimfit.model.Tensor;
import dev.slimfit.model.TensorType;
import dev.slimfit.optimize.ActivationRanges;
import dev.slimfit.optimize.IoType;
import dev.slimfit.optimize.Layer;
import dev.slimfit.optimize.LstmIntermediates;
import dev.slimfit.optimize.Plan;
import dev.slimfit.optimize.Scheme;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites subgraph 0 op by op. Every original activation tensor has a native representation
 * (float, int8 or int16: what its producer writes); a consumer that needs another one gets a
 * cached view made by one inserted QUANTIZE or DEQUANTIZE, placed just before that consumer, so the
 * operator order stays topological.
 */
final class Emitter {
    enum Dom { FLOAT, I8, I16 }

    private final Model src;
    private final Subgraph sg;
    private final Plan plan;
    private final List<Layer> layers;
    private final Scheme[] schemes;
    private final Scheme[] applied;
    private final ActivationRanges ranges;
    private final int hybridMin;
    private final List<String> notes;
    private final WorkGraph g;
    private final Constants constants;
    private final int[] producer;
    private final int[] nat;
    private final Dom[] natDom;
    private final Map<String, Integer> views = new HashMap<>();
    private final Map<String, QuantizationParams> paramMemo = new HashMap<>();
    private final Set<String> missing = new LinkedHashSet<>();
    private String currentLayer = "";
    private final Set<Integer> keptFloat = new LinkedHashSet<>();
    private final List<String> keptFloatNotes = new ArrayList<>();

    Emitter(Model src, Plan plan, List<Layer> layers, Scheme[] schemes, ActivationRanges ranges, int hybridMin,
            List<String> notes, Map<Integer, float[]> presetWeightScales) {
        this.src = src;
        this.sg = src.mainSubgraph();
        this.plan = plan;
        this.layers = layers;
        this.schemes = schemes;
        this.applied = schemes.clone();
        this.ranges = ranges;
        this.hybridMin = hybridMin;
        this.notes = notes;
        this.g = new WorkGraph(src);
        this.constants = new Constants(src, g, presetWeightScales);
        int n = sg.tensors().size();
        producer = new int[n];
        Arrays.fill(producer, -1);
        for (int i = 0; i < sg.operators().size(); i++) {
            for (int o : sg.operators().get(i).outputs()) {
                if (o >= 0) {
                    producer[o] = i;
                }
            }
        }
        nat = new int[n];
        natDom = new Dom[n];
        for (int i = 0; i < n; i++) {
            nat[i] = i;
            natDom[i] = Dom.FLOAT;
        }
        IntegerLstm.settle(src, plan, layers, schemes, applied, ranges, notes);
    }

    Set<String> missingRanges() {
        return missing;
    }

    Scheme appliedScheme(int opIndex) {
        return applied[opIndex];
    }

    WorkGraph run() {
        prepareInputs();
        for (int i = 0; i < sg.operators().size(); i++) {
            currentLayer = layers.get(i).id();
            Operator op = sg.operators().get(i);
            BuiltinOp b = op.code().op().orElse(null);
            Scheme s = b == null ? Scheme.FLOAT32 : schemes[i];
            switch (s) {
                case FLOAT16 -> g.ops.add(float16(op, b));
                case DYNAMIC_INT8 -> g.ops.add(hybrid(i, op, b));
                case INT8 -> g.ops.add(LstmIntermediates.isLstm(op) ? IntegerLstm.emit(src, i, op, lstmHost)
                        : integer(op, b, Dom.I8));
                case INT16X8 -> g.ops.add(flattenedInt16Fc(op, b) ? int16FcThroughReshape(op, b)
                        : integer(op, b, Dom.I16));
                default -> g.ops.add(floatOp(op));
            }
        }
        finishOutputs();
        summarizeKeptFloat();
        return g;
    }

    // ---- model boundary -------------------------------------------------------------------

    private void prepareInputs() {
        IoType io = plan.io();
        for (int t : sg.inputs()) {
            if (io == IoType.FLOAT || sg.tensor(t).type() != TensorType.FLOAT32 || !consumedAs(t, Scheme.INT8)) {
                continue;
            }
            currentLayer = "model input";
            QuantizationParams q = intParams(t, Dom.I8);
            Tensor in = sg.tensor(t);
            if (io == IoType.INT8) {
                g.setTensor(t, in.withType(TensorType.INT8).withQuantization(q));
                natDom[t] = Dom.I8;
                notes.add("model input '" + in.name() + "' is int8 (" + q + ")");
            } else {
                g.setTensor(t, in.withType(TensorType.UINT8).withQuantization(shift(q, 128)));
                int t8 = g.addTensor(plain(in.name() + "_int8", TensorType.INT8, in).withQuantization(q));
                g.ops.add(op(BuiltinOp.QUANTIZE, 1, t, t8));
                nat[t] = t8;
                natDom[t] = Dom.I8;
                notes.add("model input '" + in.name() + "' is uint8; QUANTIZE uint8->int8 inserted after it");
            }
        }
    }

    private void finishOutputs() {
        IoType io = plan.io();
        for (int t : sg.outputs()) {
            if (natDom[t] == Dom.FLOAT) {
                continue;
            }
            Tensor orig = sg.tensor(t);
            int intIdx = nat[t];
            if (io == IoType.INT8 && natDom[t] == Dom.I8) {
                continue;
            }
            if (io != IoType.FLOAT && natDom[t] == Dom.I16) {
                notes.add("model output '" + orig.name() + "' stays float: " + io + " I/O applies to int8 models only");
            }
            int boundary;
            if (io == IoType.UINT8 && natDom[t] == Dom.I8) {
                QuantizationParams q = g.tensor(intIdx).quantization();
                boundary = g.addTensor(plain(orig.name(), TensorType.UINT8, orig).withQuantization(shift(q, 128)));
                g.ops.add(op(BuiltinOp.QUANTIZE, 1, intIdx, boundary));
                notes.add("model output '" + orig.name() + "' is uint8; QUANTIZE int8->uint8 inserted before it");
            } else {
                currentLayer = "model output";
                boundary = view(t, Dom.FLOAT, null);
                g.setTensor(boundary, g.tensor(boundary).withName(orig.name()));
                notes.add("model output '" + orig.name() + "' is float; DEQUANTIZE inserted before it");
            }
            g.setTensor(intIdx, g.tensor(intIdx).withName(orig.name() + (natDom[t] == Dom.I16 ? "_int16" : "_int8")));
            g.replaceBoundary(t, boundary);
        }
    }

    private boolean consumedAs(int t, Scheme s) {
        for (int i = 0; i < sg.operators().size(); i++) {
            Operator op = sg.operators().get(i);
            if (schemes[i] == s && op.code().op().isPresent()) {
                for (int in : op.inputs()) {
                    if (in == t) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    // ---- per scheme ---------------------------------------------------------------------------

    private Operator floatOp(Operator op) {
        return op.withInputs(activationViews(op, Dom.FLOAT));
    }

    private Operator float16(Operator op, BuiltinOp b) {
        int[] in = activationViews(op, Dom.FLOAT);
        Set<Integer> bias = OpRules.floatBiasSlots(b);
        for (int s = 0; s < in.length; s++) {
            int t = op.input(s);
            if (t >= 0 && isFloatConstant(t) && !bias.contains(s)) {
                Tensor w = sg.tensor(t);
                if (!float16Pays(w)) {
                    if (keptFloat.add(t)) {
                        keptFloatNotes.add("layer " + currentLayer + ": weight '" + w.name() + "' (" + w.elementCount()
                                + " elements) stays float32: as float16 it would save " + 2 * w.elementCount()
                                + " bytes but its DEQUANTIZE op and tensor cost more");
                    }
                    continue;
                }
                in[s] = constants.float16View(t);
            }
        }
        return op.withInputs(in);
    }

    /** A few kept-float weights are named one by one; many (a transformer's scalars) in one note. */
    private void summarizeKeptFloat() {
        if (keptFloatNotes.size() <= 3) {
            notes.addAll(keptFloatNotes);
            return;
        }
        List<String> names = new ArrayList<>();
        for (int t : keptFloat) {
            names.add("'" + sg.tensor(t).name() + "'");
        }
        notes.add(keptFloat.size() + " small weights stay float32 (as float16 each would save less than its"
                + " DEQUANTIZE op and tensor cost): " + String.join(", ", names.subList(0, 3)) + " and "
                + (names.size() - 3) + " more");
    }

    /**
     * Whether storing {@code w} as float16 makes the file smaller: it saves 2 bytes per element
     * but adds a DEQUANTIZE operator and a float32 tensor named after it (its shape vector is
     * shared). Measured on this writer's output: about 50 bytes plus the new name (conv_fc_mnist's
     * 72-element kernel: 144 bytes saved, 84 added). Tiny weights (hello_world's 16-element
     * kernels) would grow the file, so they stay float32.
     */
    static boolean float16Pays(Tensor w) {
        long overhead = 50 + (w.name().length() + "_dequantize".length());
        return 2 * w.elementCount() > overhead;
    }

    private Operator hybrid(int index, Operator op, BuiltinOp b) {
        int[] in = activationViews(op, Dom.FLOAT);
        int[] slots = OpRules.hybridSlots(b);
        List<Integer> todo = new ArrayList<>();
        for (int s : slots) {
            int t = op.input(s);
            if (t < 0) {
                continue;
            }
            if (!isFloatConstant(t)) {
                continue;
            }
            if (sg.tensor(t).elementCount() < hybridMin) {
                notes.add("layer " + currentLayer + ": weight '" + sg.tensor(t).name() + "' has "
                        + sg.tensor(t).elementCount() + " elements (< " + hybridMin
                        + "): the converter keeps such tensors float, so the layer stays float32");
                applied[index] = Scheme.FLOAT32;
                return op.withInputs(in);
            }
            todo.add(s);
        }
        if (todo.isEmpty()) {
            applied[index] = Scheme.FLOAT32;
            return op.withInputs(in);
        }
        boolean perChannel = (b == BuiltinOp.CONV_2D || b == BuiltinOp.DEPTHWISE_CONV_2D)
                && plan.choiceFor(currentLayer).perChannelWeights(sg, op);
        for (int s : todo) {
            in[s] = constants.int8Weight(in[s], perChannel ? OpRules.channelDim(b) : -1, clusteredPerTensor(op));
        }
        Operator out = op.withInputs(in);
        OpOptions o = op.options();
        if (o != null && o.has("asymmetricQuantizeInputs")) {
            out = out.withOptions(o.with("asymmetricQuantizeInputs", Boolean.TRUE));
        }
        return out.withCode(op.code().withVersion(OpRules.hybridVersion(b, op, perChannel)));
    }

    /**
     * True when the current layer's weights were clustered per tensor on raw values (they then share
     * one int8 grid). Scaled clustering brings its own per-channel scales instead.
     */
    private boolean clusteredPerTensor(Operator op) {
        dev.slimfit.optimize.Clustering c = plan.choiceFor(currentLayer).clusteringFor(sg, op);
        return c != null && !c.perChannel() && !c.scaled();
    }

    private Operator integer(Operator op, BuiltinOp b, Dom d) {
        boolean i16 = d == Dom.I16;
        int[] in = op.inputs();
        int act = OpRules.activationSlot(b);
        QuantizationParams shared = null;
        if (OpRules.SHARED_INPUT_SCALE.contains(b) && op.outputCount() > 0) {
            shared = intParams(op.output(0), d);
        }
        for (int s = 0; s < in.length; s++) {
            int t = in[s];
            if (t < 0 || sg.tensor(t).type() != TensorType.FLOAT32 || s == OpRules.weightSlot(b)
                    || s == OpRules.biasSlot(b)) {
                continue;
            }
            if (isFloatConstant(t)) {
                in[s] = constants.activationLike(t, i16);
            } else if (sg.tensor(t).isVariable()) {
                continue;
            } else {
                QuantizationParams want = shared;
                if (want == null && OpRules.SAME_SCALE.contains(b) && s != act) {
                    want = intParams(op.input(act), d);
                }
                in[s] = view(t, d, want);
            }
        }
        int ws = OpRules.weightSlot(b);
        float[] wScales = null;
        if (ws >= 0 && op.input(ws) >= 0 && sg.tensor(op.input(ws)).type() == TensorType.FLOAT32) {
            int w = op.input(ws);
            if (isFloatConstant(w)) {
                boolean pc = plan.choiceFor(currentLayer).perChannelWeights(sg, op);
                if (pc && !OpRules.perChannelIntKernel(b)) {
                    pc = false;
                    notes.add("layer " + currentLayer + " (" + b + "): per-tensor weights, because TFLite 2.6.2's"
                            + " integer kernel reads a single weight scale (per-channel weights give wrong results)");
                }
                in[ws] = constants.int8Weight(w, pc ? OpRules.channelDim(b) : -1, clusteredPerTensor(op));
            } else {
                in[ws] = view(w, Dom.I8, null);
            }
            wScales = g.tensor(in[ws]).quantization().scales();
        }
        int bs = OpRules.biasSlot(b);
        if (bs >= 0 && op.input(bs) >= 0 && isFloatConstant(op.input(bs)) && wScales != null) {
            float inScale = g.tensor(in[act]).quantization().scale(0);
            in[bs] = constants.bias(op.input(bs), inScale, wScales, i16);
        }
        for (int o : op.outputs()) {
            if (o >= 0 && sg.tensor(o).type() == TensorType.FLOAT32) {
                QuantizationParams q = intParams(o, d);
                g.setTensor(o, g.tensor(o).withType(i16 ? TensorType.INT16 : TensorType.INT8).withQuantization(q));
                natDom[o] = d;
            }
        }
        Operator out = op.withInputs(in);
        if (i16 && (b == BuiltinOp.ADD || b == BuiltinOp.SUB) && op.options() != null) {
            out = out.withOptions(op.options().with("potScaleInt16", Boolean.FALSE));
        }
        return out.withCode(op.code().withVersion(OpRules.intVersion(b, op, i16)));
    }

    /**
     * A FULLY_CONNECTED with keep_num_dims and an output of rank > 2. TFLite 2.6.2's 16x8 kernel
     * takes batches and units from output dimensions 0 and 1, so it leaves most of such an output
     * unwritten; the int8 and float kernels flatten correctly.
     */
    private boolean flattenedInt16Fc(Operator op, BuiltinOp b) {
        return b == BuiltinOp.FULLY_CONNECTED && op.options() != null && op.options().getBool("keepNumDims", false)
                && op.outputCount() > 0 && op.output(0) >= 0 && sg.tensor(op.output(0)).shape().length > 2;
    }

    /**
     * The 16x8 form of {@link #flattenedInt16Fc}: the FC writes a 2-D [rows, units] int16 tensor
     * (keep_num_dims off, which 2.6.2 computes correctly) and a RESHAPE, which keeps the scale,
     * restores the original shape. Returns the RESHAPE; the FC is added before it.
     */
    private Operator int16FcThroughReshape(Operator op, BuiltinOp b) {
        int o = op.output(0);
        Tensor orig = sg.tensor(o);
        int[] shape = orig.shape();
        int rows = 1;
        for (int i = 0; i < shape.length - 1; i++) {
            rows *= shape[i];
        }
        Operator fc = integer(op.withOptions(op.options().with("keepNumDims", Boolean.FALSE)), b, Dom.I16);
        Tensor quantized = g.tensor(o);
        int flat = g.addTensor(Tensor.of(orig.name() + "_2d", TensorType.INT16, new int[] {rows, shape[shape.length - 1]}, 0)
                .withQuantization(quantized.quantization()));
        g.ops.add(fc.withOutputs(new int[] {flat}));
        java.nio.ByteBuffer dims = java.nio.ByteBuffer.allocate(4 * shape.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int d : shape) {
            dims.putInt(d);
        }
        int shapeTensor = g.addTensor(Tensor.of(orig.name() + "_shape", TensorType.INT32, new int[] {shape.length},
                g.addBuffer(dims.array())));
        notes.add("layer " + currentLayer + " (FULLY_CONNECTED, int16x8): written as a 2-D FULLY_CONNECTED and a"
                + " RESHAPE, because TFLite 2.6.2's 16x8 kernel leaves a keep_num_dims output of rank "
                + shape.length + " mostly unwritten");
        return Operator.of(OperatorCode.builtin(BuiltinOp.RESHAPE, 1), new int[] {flat, shapeTensor}, new int[] {o},
                null);
    }

    /** What {@link IntegerLstm} needs of this emitter. */
    private final IntegerLstm.Host lstmHost = new IntegerLstm.Host() {
        @Override
        public int int8View(int tensor) {
            return view(tensor, Dom.I8, null);
        }

        @Override
        public float[] range(int tensor) {
            return Emitter.this.range(tensor);
        }

        @Override
        public QuantizationParams outputParams(int tensor) {
            return intParams(tensor, Dom.I8);
        }

        @Override
        public Constants constants() {
            return constants;
        }

        @Override
        public WorkGraph graph() {
            return g;
        }

        @Override
        public boolean clusteredPerTensor(Operator op) {
            return Emitter.this.clusteredPerTensor(op);
        }

        @Override
        public void producedAsInt8(int tensor) {
            natDom[tensor] = Dom.I8;
        }
    };

    // ---- tensors ---------------------------------------------------------------------------------

    private int[] activationViews(Operator op, Dom d) {
        int[] in = op.inputs();
        for (int s = 0; s < in.length; s++) {
            int t = in[s];
            if (t >= 0 && !isFloatConstant(t) && sg.tensor(t).type() == TensorType.FLOAT32) {
                in[s] = view(t, d, null);
            }
        }
        return in;
    }

    /** Tensor {@code t} (original index) in domain {@code d} with params {@code want} (null: its own). */
    private int view(int t, Dom d, QuantizationParams want) {
        Dom have = natDom[t];
        int natIdx = nat[t];
        if (d == have && (d == Dom.FLOAT || want == null || want.equals(g.tensor(natIdx).quantization()))) {
            return natIdx;
        }
        String key = t + ":" + d + ":" + (want == null ? "" : want.toString() + Arrays.toString(want.scales()));
        Integer cached = views.get(key);
        if (cached != null) {
            return cached;
        }
        Tensor o = sg.tensor(t);
        int v;
        if (d == Dom.FLOAT) {
            v = g.addTensor(plain(o.name() + "_dequantize", TensorType.FLOAT32, o));
            TensorType from = g.tensor(natIdx).type();
            g.ops.add(op(BuiltinOp.DEQUANTIZE, OpRules.dequantizeVersion(from), natIdx, v));
            notes.add("DEQUANTIZE inserted: '" + o.name() + "' " + from + " -> float32 for " + currentLayer);
        } else {
            int from = have == Dom.FLOAT || have == d ? natIdx : view(t, Dom.FLOAT, null);
            QuantizationParams q = want != null ? want : intParams(t, d);
            TensorType ty = d == Dom.I16 ? TensorType.INT16 : TensorType.INT8;
            v = g.addTensor(plain(o.name() + (have == d ? "_requantized" : d == Dom.I16 ? "_int16" : "_int8"), ty, o)
                    .withQuantization(q));
            g.ops.add(op(BuiltinOp.QUANTIZE, OpRules.quantizeVersion(ty), from, v));
            notes.add("QUANTIZE inserted: '" + o.name() + "' " + g.tensor(from).type() + " -> " + ty + " for "
                    + currentLayer);
        }
        views.put(key, v);
        return v;
    }

    /** The integer params of original tensor {@code t} in domain {@code d}, by the spec's rules. */
    private QuantizationParams intParams(int t, Dom d) {
        String key = t + ":" + d;
        QuantizationParams memo = paramMemo.get(key);
        if (memo != null) {
            return memo;
        }
        QuantizationParams q = null;
        int p = producer[t];
        if (p >= 0 && domOf(schemes[p]) == d) {
            Operator op = sg.operators().get(p);
            BuiltinOp b = op.code().op().orElse(null);
            float[] fixed = b == null ? null : OpRules.fixedOutput(b, d == Dom.I16);
            if (fixed != null) {
                q = QuantizationParams.perTensor(fixed[0], (long) fixed[1]);
            } else if (d == Dom.I8 && LstmIntermediates.isLstm(op)) {
                q = fromRange(IntegerLstm.sharedOutputRange(range(t), range(op.input(IntegerLstm.OUT_STATE))), d);
            } else if (b != null && OpRules.SAME_SCALE.contains(b)) {
                int a = op.input(OpRules.activationSlot(b));
                if (a >= 0 && sg.tensor(a).type() == TensorType.FLOAT32 && !isFloatConstant(a)) {
                    q = intParams(a, d);
                }
            } else if (b != null && OpRules.SHARED_INPUT_SCALE.contains(b)) {
                float[] r = range(t);
                for (int in : op.inputs()) {
                    if (in >= 0 && sg.tensor(in).type() == TensorType.FLOAT32 && !isFloatConstant(in)) {
                        float[] ri = range(in);
                        r = new float[] {Math.min(r[0], ri[0]), Math.max(r[1], ri[1])};
                    }
                }
                q = fromRange(r, d);
            }
        }
        if (q == null) {
            q = fromRange(range(t), d);
        }
        paramMemo.put(key, q);
        return q;
    }

    private float[] range(int t) {
        return ranges.range(t).orElseGet(() -> {
            missing.add(t + " '" + sg.tensor(t).name() + "' (" + currentLayer + ")");
            return new float[] {0f, 0f};
        });
    }

    private static QuantizationParams fromRange(float[] r, Dom d) {
        float[] sz = d == Dom.I16 ? Ranges.symmetric16(r[0], r[1]) : Ranges.asymmetric8(r[0], r[1]);
        return QuantizationParams.perTensor(sz[0], (long) sz[1]);
    }

    private static Dom domOf(Scheme s) {
        return s == Scheme.INT8 ? Dom.I8 : s == Scheme.INT16X8 ? Dom.I16 : Dom.FLOAT;
    }

    private boolean isFloatConstant(int t) {
        Tensor x = sg.tensor(t);
        return x.type() == TensorType.FLOAT32 && !x.isVariable() && !src.dataOf(x).isEmpty();
    }

    static Tensor plain(String name, TensorType type, Tensor like) {
        return new Tensor(name, type, like.shape(), like.shapeSignature(), 0, null, false, null, like.hasRank(), null);
    }

    private static QuantizationParams shift(QuantizationParams q, int by) {
        return QuantizationParams.perTensor(q.scale(0), q.zeroPoint(0) + by);
    }

    static Operator op(BuiltinOp b, int version, int in, int out) {
        return Operator.of(OperatorCode.builtin(b, version), new int[] {in}, new int[] {out}, null);
    }
}
