package dev.slimfit.optimize.quantize;

import dev.slimfit.model.BuiltinOp;
import dev.slimfit.model.Operator;
import dev.slimfit.model.TensorType;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * What the quantization spec and TFLite 2.6.2's kernels say about each op: which input slots are
 * weights and biases, which outputs have fixed quantization, which ops must keep their input's
 * scale, and which op version a quantized signature needs (tensorflow/lite/tools/versioning/
 * op_version.cc, limited to the versions TFLite 2.6.2 registers).
 */
final class OpRules {
    /** Ops whose output must carry the input's scale and zero point (they move or select values). */
    static final Set<BuiltinOp> SAME_SCALE = EnumSet.of(BuiltinOp.RESHAPE, BuiltinOp.SQUEEZE, BuiltinOp.EXPAND_DIMS,
            BuiltinOp.MAX_POOL_2D, BuiltinOp.AVERAGE_POOL_2D, BuiltinOp.PAD, BuiltinOp.PADV2, BuiltinOp.TRANSPOSE,
            BuiltinOp.STRIDED_SLICE, BuiltinOp.SLICE, BuiltinOp.GATHER, BuiltinOp.SPLIT, BuiltinOp.SPLIT_V,
            BuiltinOp.UNPACK, BuiltinOp.DEPTH_TO_SPACE, BuiltinOp.SPACE_TO_DEPTH, BuiltinOp.TILE,
            BuiltinOp.BROADCAST_TO, BuiltinOp.RESIZE_NEAREST_NEIGHBOR, BuiltinOp.RESIZE_BILINEAR,
            BuiltinOp.REDUCE_MAX, BuiltinOp.MAXIMUM, BuiltinOp.MINIMUM);

    /** Ops whose inputs must all share the output's scale (the converter requantizes inputs that differ). */
    static final Set<BuiltinOp> SHARED_INPUT_SCALE = EnumSet.of(BuiltinOp.CONCATENATION, BuiltinOp.PACK);

    private OpRules() {
    }

    /** Input slot of the main activation (TRANSPOSE_CONV takes output_shape first). */
    static int activationSlot(BuiltinOp op) {
        return op == BuiltinOp.TRANSPOSE_CONV ? 2 : op == BuiltinOp.SPLIT ? 1 : 0;
    }

    /** Input slot holding int8 weights for full-integer schemes, or -1. */
    static int weightSlot(BuiltinOp op) {
        return switch (op) {
            case CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED, TRANSPOSE_CONV -> 1;
            default -> -1;
        };
    }

    /** Input slot of the bias, or -1. */
    static int biasSlot(BuiltinOp op) {
        return switch (op) {
            case CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED -> 2;
            case TRANSPOSE_CONV -> 3;
            default -> -1;
        };
    }

    /** The per-channel dimension of the weights: output channels (depthwise: dimension 3). */
    static int channelDim(BuiltinOp op) {
        return op == BuiltinOp.DEPTHWISE_CONV_2D ? 3 : 0;
    }

    /** Float bias slots that float16 leaves float32. */
    static Set<Integer> floatBiasSlots(BuiltinOp op) {
        return switch (op) {
            case CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED -> Set.of(2);
            case TRANSPOSE_CONV -> Set.of(3);
            case LSTM, UNIDIRECTIONAL_SEQUENCE_LSTM -> Set.of(12, 13, 14, 15, 17);
            case SVDF -> Set.of(3);
            default -> Set.of();
        };
    }

    /** Weight slots of hybrid (dynamic-range) kernels, as the converter's weight quantizer lists them. */
    static int[] hybridSlots(BuiltinOp op) {
        return switch (op) {
            case CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED, EMBEDDING_LOOKUP, BATCH_MATMUL -> new int[] {1};
            case SVDF -> new int[] {1, 2};
            case LSTM, UNIDIRECTIONAL_SEQUENCE_LSTM -> new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 16};
            default -> new int[0];
        };
    }

    /**
     * True when TFLite 2.6.2's int8/int16 kernel honours per-channel weight scales. Its
     * FULLY_CONNECTED reads only the tensor's single legacy scale: measured on
     * conv_fc_mnist_float, per-channel FC weights turn every softmax output into 0.1016.
     */
    static boolean perChannelIntKernel(BuiltinOp op) {
        return op != BuiltinOp.FULLY_CONNECTED;
    }

    /** Fixed {scale, zeroPoint} of the output for int8/int16, or null. */
    static float[] fixedOutput(BuiltinOp op, boolean int16) {
        if (int16) {
            return switch (op) {
                case SOFTMAX, LOGISTIC, TANH -> new float[] {1f / 32768f, 0};
                default -> null;
            };
        }
        return switch (op) {
            case SOFTMAX, LOGISTIC -> new float[] {1f / 256f, -128};
            case TANH -> new float[] {1f / 128f, 0};
            case LOG_SOFTMAX -> new float[] {16f / 256f, 127};
            default -> null;
        };
    }

    /** Versions for int8 / int16x8 signatures where they differ from the generic "int8 = 2". */
    private static final Map<BuiltinOp, int[]> INT_VERSIONS = Map.ofEntries(
            Map.entry(BuiltinOp.CONV_2D, new int[] {3, 4}),
            Map.entry(BuiltinOp.DEPTHWISE_CONV_2D, new int[] {3, 5}),
            Map.entry(BuiltinOp.FULLY_CONNECTED, new int[] {4, 7}),
            Map.entry(BuiltinOp.TRANSPOSE_CONV, new int[] {2, 2}),
            Map.entry(BuiltinOp.ADD, new int[] {2, 3}),
            Map.entry(BuiltinOp.SUB, new int[] {2, 5}),
            Map.entry(BuiltinOp.MUL, new int[] {2, 4}),
            Map.entry(BuiltinOp.AVERAGE_POOL_2D, new int[] {2, 3}),
            Map.entry(BuiltinOp.MAX_POOL_2D, new int[] {2, 3}),
            Map.entry(BuiltinOp.SOFTMAX, new int[] {2, 3}),
            Map.entry(BuiltinOp.MEAN, new int[] {2, 3}),
            Map.entry(BuiltinOp.REDUCE_MAX, new int[] {2, 3}),
            Map.entry(BuiltinOp.RELU6, new int[] {2, 3}),
            Map.entry(BuiltinOp.RELU, new int[] {2, 3}),
            Map.entry(BuiltinOp.LOGISTIC, new int[] {2, 3}),
            Map.entry(BuiltinOp.TANH, new int[] {2, 3}),
            Map.entry(BuiltinOp.CONCATENATION, new int[] {2, 3}),
            Map.entry(BuiltinOp.PAD, new int[] {2, 3}),
            Map.entry(BuiltinOp.PADV2, new int[] {2, 3}),
            Map.entry(BuiltinOp.TRANSPOSE, new int[] {2, 5}),
            Map.entry(BuiltinOp.RESIZE_BILINEAR, new int[] {2, 4}),
            Map.entry(BuiltinOp.RESIZE_NEAREST_NEIGHBOR, new int[] {2, 4}),
            Map.entry(BuiltinOp.SLICE, new int[] {2, 4}),
            Map.entry(BuiltinOp.GATHER, new int[] {2, 4}),
            Map.entry(BuiltinOp.SPLIT, new int[] {2, 4}),
            Map.entry(BuiltinOp.PACK, new int[] {2, 3}),
            Map.entry(BuiltinOp.UNPACK, new int[] {2, 4}),
            Map.entry(BuiltinOp.MAXIMUM, new int[] {2, 4}),
            Map.entry(BuiltinOp.MINIMUM, new int[] {2, 4}),
            Map.entry(BuiltinOp.LEAKY_RELU, new int[] {1, 2}),
            Map.entry(BuiltinOp.TILE, new int[] {3, 3}),
            Map.entry(BuiltinOp.BROADCAST_TO, new int[] {3, 3}),
            Map.entry(BuiltinOp.BATCH_MATMUL, new int[] {2, 3}),
            Map.entry(BuiltinOp.RESHAPE, new int[] {1, 1}),
            Map.entry(BuiltinOp.SQUEEZE, new int[] {1, 1}),
            Map.entry(BuiltinOp.EXPAND_DIMS, new int[] {1, 1}),
            Map.entry(BuiltinOp.HARD_SWISH, new int[] {1, 1}),
            Map.entry(BuiltinOp.PRELU, new int[] {1, 1}),
            Map.entry(BuiltinOp.RELU_N1_TO_1, new int[] {1, 1}),
            Map.entry(BuiltinOp.STRIDED_SLICE, new int[] {2, 2}));

    /**
     * The version a full-integer op needs. Like the converter's UpdateOpVersion, never lowers the
     * version the float op already had (keep_num_dims, dilation and the like raise it).
     */
    static int intVersion(BuiltinOp op, Operator o, boolean int16) {
        int[] v = INT_VERSIONS.getOrDefault(op, new int[] {2, 2});
        int ver = v[int16 ? 1 : 0];
        if (op == BuiltinOp.FULLY_CONNECTED && !int16) {
            if (o.inputCount() == 2) {
                ver = 6;
            } else if (o.options() != null && o.options().getBool("keepNumDims", false)) {
                ver = 5;
            }
        }
        if (op == BuiltinOp.TRANSPOSE_CONV && o.input(3) >= 0) {
            ver = 3;
        }
        if ((op == BuiltinOp.RESIZE_BILINEAR || op == BuiltinOp.RESIZE_NEAREST_NEIGHBOR) && !int16
                && o.options() != null && (o.options().getBool("halfPixelCenters", false)
                || o.options().getBool("alignCorners", false) && op == BuiltinOp.RESIZE_NEAREST_NEIGHBOR)) {
            ver = 3;
        }
        return Math.max(ver, o.code().version());
    }

    /** The version of a hybrid (float activations, int8 weights) op. */
    static int hybridVersion(BuiltinOp op, Operator o, boolean perChannel) {
        int ver = switch (op) {
            case CONV_2D -> perChannel ? 5 : 2;
            case DEPTHWISE_CONV_2D -> perChannel ? 6 : 4;
            case FULLY_CONNECTED -> 9;
            case SVDF -> 4;
            case UNIDIRECTIONAL_SEQUENCE_LSTM -> 3;
            case LSTM -> 4;
            case BATCH_MATMUL -> 4;
            case EMBEDDING_LOOKUP -> 3;
            default -> o.code().version();
        };
        return Math.max(ver, o.code().version());
    }

    /** DEQUANTIZE version for an input type (float16 3, int8 2, int16 3, uint8 1). */
    static int dequantizeVersion(TensorType in) {
        return switch (in) {
            case FLOAT16, INT16 -> 3;
            case INT8 -> 2;
            default -> 1;
        };
    }

    /** QUANTIZE version for an output type (int16 output 2, else 1). */
    static int quantizeVersion(TensorType out) {
        return out == TensorType.INT16 ? 2 : 1;
    }
}
