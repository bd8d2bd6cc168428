package dev.slimfit.runtime.kernels;

import dev.slimfit.model.BuiltinOp;
import dev.slimfit.runtime.KernelRegistry;
import dev.slimfit.runtime.kernels.elementwise.BinaryArithmetic;
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
    }
}
