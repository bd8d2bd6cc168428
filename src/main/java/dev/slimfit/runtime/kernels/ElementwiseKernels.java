package dev.slimfit.runtime.kernels;

import dev.slimfit.model.BuiltinOp;
import dev.slimfit.runtime.KernelRegistry;
import dev.slimfit.runtime.kernels.elementwise.AddN;
import dev.slimfit.runtime.kernels.elementwise.BinaryArithmetic;
import dev.slimfit.runtime.kernels.elementwise.BinaryOps;
import dev.slimfit.runtime.kernels.elementwise.Cast;
import dev.slimfit.runtime.kernels.elementwise.Fill;
import dev.slimfit.runtime.kernels.elementwise.Gelu;
import dev.slimfit.runtime.kernels.elementwise.L2Normalization;
import dev.slimfit.runtime.kernels.elementwise.LogicalNot;
import dev.slimfit.runtime.kernels.elementwise.Select;
import dev.slimfit.runtime.kernels.elementwise.UnaryMath;
import dev.slimfit.runtime.kernels.elementwise.ZerosLike;
import dev.slimfit.runtime.kernels.elementwise.Dequantize;
import dev.slimfit.runtime.kernels.elementwise.Elu;
import dev.slimfit.runtime.kernels.elementwise.HardSwish;
import dev.slimfit.runtime.kernels.elementwise.LeakyRelu;
import dev.slimfit.runtime.kernels.elementwise.LogSoftmax;
import dev.slimfit.runtime.kernels.elementwise.LogisticTanh;
import dev.slimfit.runtime.kernels.elementwise.PRelu;
import dev.slimfit.runtime.kernels.elementwise.Quantize;
import dev.slimfit.runtime.kernels.elementwise.Relu;
import dev.slimfit.runtime.kernels.elementwise.Softmax;

/** Registration of the elementwise op family. */
public final class ElementwiseKernels {
    private ElementwiseKernels() {
    }

    /** Adds this family's kernels to {@code r}. */
    public static void register(KernelRegistry r) {
        r.register(BuiltinOp.ADD, 4, new BinaryArithmetic(BinaryArithmetic.Op.ADD));
        r.register(BuiltinOp.SUB, 5, new BinaryArithmetic(BinaryArithmetic.Op.SUB));
        r.register(BuiltinOp.MUL, 5, new BinaryArithmetic(BinaryArithmetic.Op.MUL));
        r.register(BuiltinOp.DIV, 2, new BinaryArithmetic(BinaryArithmetic.Op.DIV));
        r.register(BuiltinOp.QUANTIZE, 3, new Quantize());
        r.register(BuiltinOp.DEQUANTIZE, 5, new Dequantize());
        r.register(BuiltinOp.RELU, 3, Relu.relu());
        r.register(BuiltinOp.RELU6, 3, Relu.relu6());
        r.register(BuiltinOp.RELU_N1_TO_1, 1, Relu.reluN1To1());
        r.register(BuiltinOp.RELU_0_TO_1, 1, Relu.relu0To1());
        r.register(BuiltinOp.LEAKY_RELU, 2, new LeakyRelu());
        r.register(BuiltinOp.HARD_SWISH, 1, new HardSwish());
        r.register(BuiltinOp.LOGISTIC, 3, new LogisticTanh(false));
        r.register(BuiltinOp.TANH, 3, new LogisticTanh(true));
        r.register(BuiltinOp.ELU, 1, new Elu());
        r.register(BuiltinOp.PRELU, 1, new PRelu());
        r.register(BuiltinOp.SOFTMAX, 3, new Softmax());
        r.register(BuiltinOp.LOG_SOFTMAX, 2, new LogSoftmax());
        registerMath(r);
        r.register(BuiltinOp.SELECT, 2, new Select(false));
        r.register(BuiltinOp.SELECT_V2, 1, new Select(true));
        r.register(BuiltinOp.CAST, 1, new Cast());
        r.register(BuiltinOp.ZEROS_LIKE, 1, new ZerosLike());
        r.register(BuiltinOp.FILL, 3, new Fill());
        r.register(BuiltinOp.ADD_N, 1, new AddN());
        r.register(BuiltinOp.L2_NORMALIZATION, 2, new L2Normalization());
        r.register(BuiltinOp.LOGICAL_NOT, 1, new LogicalNot());
        r.register(BuiltinOp.GELU, 2, new Gelu());
    }

    private static void registerMath(KernelRegistry r) {
        r.register(BuiltinOp.ABS, 3, new UnaryMath(UnaryMath.Fn.ABS));
        r.register(BuiltinOp.NEG, 1, new UnaryMath(UnaryMath.Fn.NEG));
        r.register(BuiltinOp.SQUARE, 1, new UnaryMath(UnaryMath.Fn.SQUARE));
        r.register(BuiltinOp.SQRT, 1, new UnaryMath(UnaryMath.Fn.SQRT));
        r.register(BuiltinOp.RSQRT, 2, new UnaryMath(UnaryMath.Fn.RSQRT));
        r.register(BuiltinOp.EXP, 1, new UnaryMath(UnaryMath.Fn.EXP));
        r.register(BuiltinOp.LOG, 1, new UnaryMath(UnaryMath.Fn.LOG));
        r.register(BuiltinOp.SIN, 1, new UnaryMath(UnaryMath.Fn.SIN));
        r.register(BuiltinOp.COS, 1, new UnaryMath(UnaryMath.Fn.COS));
        r.register(BuiltinOp.FLOOR, 1, new UnaryMath(UnaryMath.Fn.FLOOR));
        r.register(BuiltinOp.CEIL, 1, new UnaryMath(UnaryMath.Fn.CEIL));
        r.register(BuiltinOp.ROUND, 1, new UnaryMath(UnaryMath.Fn.ROUND));
        for (BinaryOps.Op op : BinaryOps.Op.values()) {
            r.register(BuiltinOp.valueOf(op.name()), binaryVersion(op), new BinaryOps(op));
        }
    }

    /** Highest TFLite 2.6.2 operator version of each BinaryOps op. */
    private static int binaryVersion(BinaryOps.Op op) {
        return switch (op) {
            case MAXIMUM, MINIMUM -> 4;
            case LESS, LESS_EQUAL, GREATER, GREATER_EQUAL, FLOOR_DIV, SQUARED_DIFFERENCE -> 2;
            case EQUAL, NOT_EQUAL -> 3;
            default -> 1;
        };
    }
}
