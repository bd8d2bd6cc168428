package dev.slimfit.optimize;

import dev.slimfit.model.BuiltinOp;
import dev.slimfit.model.Model;
import dev.slimfit.model.Operator;
import dev.slimfit.model.Subgraph;
import dev.slimfit.model.Tensor;
import dev.slimfit.model.TensorType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The layers of a model's main subgraph, with what each op can be quantized to. */
public final class LayerCatalog {
    /** Ops whose float weights can be stored as float16 or int8 with hybrid (dynamic-range) kernels. */
    private static final Set<BuiltinOp> HYBRID = EnumSet.of(BuiltinOp.CONV_2D, BuiltinOp.DEPTHWISE_CONV_2D,
            BuiltinOp.FULLY_CONNECTED, BuiltinOp.BATCH_MATMUL, BuiltinOp.UNIDIRECTIONAL_SEQUENCE_LSTM,
            BuiltinOp.SVDF, BuiltinOp.EMBEDDING_LOOKUP);

    /** Ops with full-integer int8 kernels in TFLite. */
    private static final Set<BuiltinOp> INT8 = EnumSet.of(BuiltinOp.CONV_2D, BuiltinOp.DEPTHWISE_CONV_2D,
            BuiltinOp.FULLY_CONNECTED, BuiltinOp.TRANSPOSE_CONV, BuiltinOp.BATCH_MATMUL, BuiltinOp.ADD, BuiltinOp.SUB,
            BuiltinOp.MUL, BuiltinOp.AVERAGE_POOL_2D, BuiltinOp.MAX_POOL_2D, BuiltinOp.RESHAPE, BuiltinOp.SQUEEZE,
            BuiltinOp.EXPAND_DIMS, BuiltinOp.SOFTMAX, BuiltinOp.LOGISTIC, BuiltinOp.TANH, BuiltinOp.RELU,
            BuiltinOp.RELU6, BuiltinOp.RELU_N1_TO_1, BuiltinOp.LEAKY_RELU, BuiltinOp.HARD_SWISH, BuiltinOp.PRELU,
            BuiltinOp.CONCATENATION, BuiltinOp.PAD, BuiltinOp.PADV2, BuiltinOp.MEAN, BuiltinOp.SUM,
            BuiltinOp.TRANSPOSE, BuiltinOp.RESIZE_BILINEAR, BuiltinOp.RESIZE_NEAREST_NEIGHBOR,
            BuiltinOp.STRIDED_SLICE, BuiltinOp.SLICE, BuiltinOp.GATHER, BuiltinOp.SPLIT, BuiltinOp.SPLIT_V,
            BuiltinOp.PACK, BuiltinOp.UNPACK, BuiltinOp.MAXIMUM, BuiltinOp.MINIMUM, BuiltinOp.ARG_MAX,
            BuiltinOp.DEPTH_TO_SPACE, BuiltinOp.SPACE_TO_DEPTH, BuiltinOp.LOG_SOFTMAX, BuiltinOp.SQUARED_DIFFERENCE,
            BuiltinOp.REDUCE_MAX, BuiltinOp.TILE, BuiltinOp.BROADCAST_TO, BuiltinOp.DEQUANTIZE,
            BuiltinOp.UNIDIRECTIONAL_SEQUENCE_LSTM);

    /** Ops with int16-activation (16x8) kernels in TFLite. */
    private static final Set<BuiltinOp> INT16 = EnumSet.of(BuiltinOp.CONV_2D, BuiltinOp.DEPTHWISE_CONV_2D,
            BuiltinOp.FULLY_CONNECTED, BuiltinOp.TRANSPOSE_CONV, BuiltinOp.ADD, BuiltinOp.SUB, BuiltinOp.MUL,
            BuiltinOp.AVERAGE_POOL_2D, BuiltinOp.MAX_POOL_2D, BuiltinOp.RESHAPE, BuiltinOp.SQUEEZE,
            BuiltinOp.SOFTMAX, BuiltinOp.LOGISTIC, BuiltinOp.TANH, BuiltinOp.RELU, BuiltinOp.RELU6,
            BuiltinOp.LEAKY_RELU, BuiltinOp.CONCATENATION, BuiltinOp.PAD, BuiltinOp.PADV2, BuiltinOp.MEAN,
            BuiltinOp.TRANSPOSE, BuiltinOp.STRIDED_SLICE, BuiltinOp.SLICE, BuiltinOp.GATHER,
            BuiltinOp.RESIZE_BILINEAR, BuiltinOp.RESIZE_NEAREST_NEIGHBOR, BuiltinOp.MAXIMUM, BuiltinOp.MINIMUM,
            BuiltinOp.DEPTH_TO_SPACE, BuiltinOp.SPACE_TO_DEPTH, BuiltinOp.PACK, BuiltinOp.UNPACK,
            BuiltinOp.SPLIT, BuiltinOp.SPLIT_V);

    private LayerCatalog() {
    }

    /** Every operator of subgraph 0 as a layer, in execution order. */
    public static List<Layer> of(Model model) {
        Subgraph sg = model.mainSubgraph();
        Map<String, Integer> nameCount = new HashMap<>();
        for (Operator op : sg.operators()) {
            nameCount.merge(baseName(sg, op), 1, Integer::sum);
        }
        List<Layer> out = new ArrayList<>();
        for (int i = 0; i < sg.operators().size(); i++) {
            Operator op = sg.operators().get(i);
            String base = baseName(sg, op);
            String id = nameCount.get(base) > 1 || base.isEmpty() ? base + "#" + i : base;
            int weight = -1;
            long params = 0;
            long bytes = 0;
            for (int in : op.inputs()) {
                if (in < 0) {
                    continue;
                }
                Tensor t = sg.tensor(in);
                if (!model.dataOf(t).isEmpty() && !t.isVariable()) {
                    params += t.elementCount();
                    bytes += model.dataOf(t).size();
                    if (weight < 0 || t.elementCount() > sg.tensor(weight).elementCount()) {
                        weight = in;
                    }
                }
            }
            Tensor w = weight >= 0 ? sg.tensor(weight) : null;
            out.add(new Layer(id, i, op.code().displayName(), weight, w == null ? new int[0] : w.shape(),
                    w == null ? null : w.type(), params, bytes, allowed(op, w)));
        }
        return out;
    }

    /** The layer with {@code id}, if any. */
    public static Optional<Layer> find(List<Layer> layers, String id) {
        return layers.stream().filter(l -> l.id().equals(id)).findFirst();
    }

    private static String baseName(Subgraph sg, Operator op) {
        return op.outputCount() == 0 ? "" : sg.tensor(op.output(0)).name();
    }

    private static Set<Scheme> allowed(Operator op, Tensor weight) {
        EnumSet<Scheme> s = EnumSet.of(Scheme.FLOAT32);
        Optional<BuiltinOp> b = op.code().op();
        if (b.isEmpty() || op.code().isCustom()) {
            return s;
        }
        boolean floatWeights = weight != null && weight.type() == TensorType.FLOAT32;
        if (floatWeights && HYBRID.contains(b.get())) {
            s.add(Scheme.FLOAT16);
            s.add(Scheme.DYNAMIC_INT8);
        } else if (floatWeights) {
            s.add(Scheme.FLOAT16);
        }
        if (INT8.contains(b.get())) {
            s.add(Scheme.INT8);
        }
        if (INT16.contains(b.get())) {
            s.add(Scheme.INT16X8);
        }
        return s;
    }
}
