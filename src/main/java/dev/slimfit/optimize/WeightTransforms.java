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

    /** The transformed model and a record per changed layer. */
    public record Result(Model model, List<Applied> applied) {
    }

    /**
     * Applies pruning/clustering of {@code plan} to {@code model}.
     *
     * @param hessians XᵀX per op index for layers whose pruning asks for repair (may be empty:
     *                 then repair is skipped for want of calibration data)
     */
    public static Result apply(Model model, Plan plan, Map<Integer, double[][][]> hessians) {
        Subgraph sg = model.mainSubgraph();
        List<Tensor> tensors = new ArrayList<>(sg.tensors());
        List<Buffer> buffers = new ArrayList<>(model.buffers());
        List<Applied> applied = new ArrayList<>();
        Map<Integer, Integer> done = new HashMap<>();
        for (Layer layer : LayerCatalog.of(model)) {
            LayerChoice choice = plan.choiceFor(layer.id());
            if ((choice.pruning() == null && choice.clustering() == null) || !layer.hasWeights()
                    || layer.weightType() != TensorType.FLOAT32 || done.containsKey(layer.weightTensor())) {
                continue;
            }
            Operator op = sg.operators().get(layer.opIndex());
            if (!transformable(op)) {
                continue;
            }
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
            if (choice.clustering() != null) {
                WeightClusterer.Result r = WeightClusterer.cluster(w, t.shape(), depthwise ? t.rank() - 1 : 0,
                        choice.clustering(), choice.pruning() != null, SEED + layer.opIndex());
                w = r.weights();
                centroids = r.centroids();
            }
            buffers.add(Buffer.of(bytes(w)));
            tensors.set(layer.weightTensor(), t.withBuffer(buffers.size() - 1));
            done.put(layer.weightTensor(), layer.opIndex());
            applied.add(new Applied(layer.id(), sparsity, centroids));
        }
        if (applied.isEmpty()) {
            return new Result(model, applied);
        }
        List<Subgraph> subgraphs = new ArrayList<>(model.subgraphs());
        subgraphs.set(0, sg.withTensors(tensors));
        return new Result(dev.slimfit.model.ModelCompactor.dropUnusedBuffers(
                model.withSubgraphs(subgraphs).withBuffers(buffers)), applied);
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
