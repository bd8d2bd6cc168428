package dev.slimfit.optimize;

import dev.slimfit.model.Buffer;
import dev.slimfit.model.BuiltinOp;
import dev.slimfit.model.Model;
import dev.slimfit.model.Operator;
import dev.slimfit.model.Subgraph;
import dev.slimfit.model.Tensor;
import dev.slimfit.model.TensorType;
import dev.slimfit.optimize.cluster.WeightClusterer;
import dev.slimfit.optimize.prune.LayerRepair;
import dev.slimfit.optimize.prune.MagnitudePruner;
import dev.slimfit.optimize.prune.WeightLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies the plan's pruning and clustering to float32 weights, in that order (prune, then
 * cluster keeping zeros at zero), before quantization. A modified weight gets a buffer of its own,
 * so other tensors sharing the original buffer are not changed behind their back.
 */
public final class WeightTransforms {
    private static final long SEED = 0x5EEDL;

    private WeightTransforms() {
    }

    /** What was done to one layer's weights. */
    public record Applied(String layerId, double sparsity, float[][] centroids) {
    }

    /**
     * The transformed model, a record per changed layer, and per weight tensor (index in the main
     * subgraph) the int8 scales per output channel that scaled clustering needs the quantizer to
     * use (so its shared centroids stay shared int8 codes).
     */
    public record Result(Model model, List<Applied> applied, Map<Integer, float[]> int8Scales) {
        public Result(Model model, List<Applied> applied) {
            this(model, applied, Map.of());
        }
    }

    /**
     * Applies pruning/clustering of {@code plan} to {@code model}.
     *
     * @param hessians XᵀX per op index for layers whose pruning or clustering asks for repair (may
     *                 be empty: then repair is skipped for want of calibration data)
     */
    public static Result apply(Model model, Plan plan, Map<Integer, double[][][]> hessians) {
        Map<Integer, LayerStats> stats = new HashMap<>();
        hessians.forEach((op, h) -> stats.put(op, new LayerStats(h, null, null)));
        return apply(model, plan, stats, null, java.util.Set.of());
    }

    /**
     * Calibration statistics of one layer's input.
     *
     * @param hessian   XᵀX on the inputs the layer sees (in the model as transformed so far)
     * @param mean      mean input row on those inputs, or null
     * @param floatMean mean input row in the original float model, or null; with {@code mean} the
     *                  layer's bias absorbs the mean output shift E[X_float]·w − E[X]·w' (bias
     *                  correction), which a least-squares fit of the weights alone does not remove
     */
    public record LayerStats(double[][][] hessian, double[][] mean, double[][] floatMean) {
    }

    /**
     * Applies pruning/clustering of {@code plan} to the layers in {@code only} (null: all) except
     * those in {@code skip}.
     */
    public static Result apply(Model model, Plan plan, Map<Integer, LayerStats> stats, java.util.Set<Integer> only,
                               java.util.Set<Integer> skip) {
        Map<Integer, double[][][]> hessians = new HashMap<>();
        stats.forEach((op, st) -> hessians.put(op, st.hessian()));
        Subgraph sg = model.mainSubgraph();
        List<Tensor> tensors = new ArrayList<>(sg.tensors());
        List<Buffer> buffers = new ArrayList<>(model.buffers());
        List<Applied> applied = new ArrayList<>();
        Map<Integer, Integer> done = new HashMap<>();
        Map<Integer, float[]> int8Scales = new HashMap<>();
        for (Layer layer : LayerCatalog.of(model)) {
            LayerChoice choice = plan.choiceFor(layer.id());
            if ((choice.pruning() == null && choice.clustering() == null) || !layer.hasWeights()
                    || layer.weightType() != TensorType.FLOAT32 || done.containsKey(layer.weightTensor())) {
                continue;
            }
            Operator op = sg.operators().get(layer.opIndex());
            if (!transformable(op) || only != null && !only.contains(layer.opIndex())
                    || skip.contains(layer.opIndex())) {
                continue;
            }
            float[] original = floats(model.dataOf(tensors.get(layer.weightTensor())));
            Tensor t = tensors.get(layer.weightTensor());
            float[] w = floats(model.dataOf(t));
            boolean depthwise = op.code().is(BuiltinOp.DEPTHWISE_CONV_2D);
            WeightLayout layout = depthwise ? WeightLayout.outputLast(t.shape()) : WeightLayout.outputFirst(t.shape());
            double sparsity = 0;
            if (choice.pruning() != null && choice.pruning().sparsity() > 0
                    || choice.pruning() != null && choice.pruning().pattern() != Pruning.Pattern.UNSTRUCTURED) {
                double[][][] h = hessians.get(layer.opIndex());
                boolean repair = choice.pruning().repair() && h != null;
                boolean[] keep = repair ? LayerRepair.mask(w, layout, choice.pruning(), h)
                        : MagnitudePruner.mask(w, layout, choice.pruning());
                if (repair) {
                    LayerRepair.repair(w, keep, layout, h);
                } else {
                    MagnitudePruner.apply(w, keep);
                }
                sparsity = MagnitudePruner.sparsity(w);
            }
            float[][] centroids = null;
            Clustering clustering = choice.clusteringFor(sg, op);
            if (clustering != null) {
                WeightClusterer.Result r = WeightClusterer.cluster(w, layout, clustering,
                        choice.pruning() != null, SEED + layer.opIndex(), hessians.get(layer.opIndex()));
                w = r.weights();
                centroids = r.centroids();
                if (r.int8Scales() != null) {
                    int8Scales.put(layer.weightTensor(), r.int8Scales());
                }
            }
            buffers.add(Buffer.of(bytes(w)));
            tensors.set(layer.weightTensor(), t.withBuffer(buffers.size() - 1));
            LayerStats st = stats.get(layer.opIndex());
            if (st != null && st.mean() != null && st.floatMean() != null && op.inputs().length > 2
                    && op.input(2) >= 0) {
                correctBias(model, tensors, buffers, op.input(2), original, w, layout, st);
            }
            done.put(layer.weightTensor(), layer.opIndex());
            applied.add(new Applied(layer.id(), sparsity, centroids));
        }
        if (applied.isEmpty()) {
            return new Result(model, applied);
        }
        List<Subgraph> subgraphs = new ArrayList<>(model.subgraphs());
        subgraphs.set(0, sg.withTensors(tensors));
        shareWithOtherSubgraphs(sg, tensors, subgraphs);
        return new Result(dev.slimfit.model.ModelCompactor.dropUnusedBuffers(
                model.withSubgraphs(subgraphs).withBuffers(buffers)), applied, int8Scales);
    }

    /**
     * Other subgraphs (more signatures) that read a weight or bias buffer transformed here read the
     * transformed one: it is the same parameter, and the quantizer then encodes it once for all.
     */
    private static void shareWithOtherSubgraphs(Subgraph sg, List<Tensor> tensors, List<Subgraph> subgraphs) {
        Map<Integer, Integer> moved = new HashMap<>();
        for (int i = 0; i < tensors.size(); i++) {
            int before = sg.tensor(i).buffer();
            if (before > 0 && tensors.get(i).buffer() != before) {
                moved.put(before, tensors.get(i).buffer());
            }
        }
        for (int k = 1; k < subgraphs.size() && !moved.isEmpty(); k++) {
            Subgraph other = subgraphs.get(k);
            List<Tensor> ts = new ArrayList<>(other.tensors());
            boolean changed = false;
            for (int i = 0; i < ts.size(); i++) {
                Integer to = moved.get(ts.get(i).buffer());
                if (to != null && ts.get(i).type() == TensorType.FLOAT32) {
                    ts.set(i, ts.get(i).withBuffer(to));
                    changed = true;
                }
            }
            if (changed) {
                subgraphs.set(k, other.withTensors(ts));
            }
        }
    }

    /**
     * b'_c = b_c + E[x_float]·w_c − E[x]·w'_c: the change of the channel's mean output (from the
     * weights and from the upstream layers already changed) goes into the bias. A float32 bias
     * of the layer's own gets a new buffer.
     */
    private static void correctBias(Model model, List<Tensor> tensors, List<Buffer> buffers, int biasTensor,
                                    float[] before, float[] after, WeightLayout layout, LayerStats st) {
        Tensor bt = tensors.get(biasTensor);
        if (bt.type() != TensorType.FLOAT32 || model.dataOf(bt).isEmpty()) {
            return;
        }
        float[] b = floats(model.dataOf(bt));
        if (b.length != layout.channels()) {
            return;
        }
        for (int ch = 0; ch < layout.channels(); ch++) {
            double[] mf = st.floatMean()[st.floatMean().length == 1 ? 0 : ch];
            double[] mq = st.mean()[st.mean().length == 1 ? 0 : ch];
            double delta = 0;
            for (int j = 0; j < layout.reduction(); j++) {
                int i = layout.index(ch, j);
                delta += mf[j] * before[i] - mq[j] * after[i];
            }
            b[ch] = (float) (b[ch] + delta);
        }
        buffers.add(Buffer.of(bytes(b)));
        tensors.set(biasTensor, bt.withBuffer(buffers.size() - 1));
    }

    /** Conv, depthwise and fully connected: the ops whose weight layout pruning and repair know. */
    public static boolean transformable(Operator op) {
        return op.code().is(BuiltinOp.CONV_2D) || op.code().is(BuiltinOp.DEPTHWISE_CONV_2D)
                || op.code().is(BuiltinOp.FULLY_CONNECTED);
    }

    static float[] floats(Buffer b) {
        float[] out = new float[b.size() / 4];
        b.data().asFloatBuffer().get(out);
        return out;
    }

    static byte[] bytes(float[] w) {
        ByteBuffer bb = ByteBuffer.allocate(w.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        bb.asFloatBuffer().put(w);
        return bb.array();
    }
}
