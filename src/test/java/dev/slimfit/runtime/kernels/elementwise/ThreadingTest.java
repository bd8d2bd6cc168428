package dev.slimfit.runtime.kernels.elementwise;

import static dev.slimfit.runtime.kernels.elementwise.OpTests.q;
import static dev.slimfit.runtime.kernels.elementwise.OpTests.sameOnTwoThreads;
import static dev.slimfit.runtime.kernels.elementwise.OpTests.unary;

import dev.slimfit.model.BuiltinOp;
import dev.slimfit.model.TensorType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Large tensors split over two threads give the same bytes as one thread. */
class ThreadingTest {
    private static final int[] BIG = {4, 64, 257};

    @Test
    void broadcastingBinaryOps() {
        sameOnTwoThreads(OpTests.binary(BuiltinOp.ADD, 2, TensorType.INT8, BIG, q(0.05, 1), new int[] {64, 1},
                q(0.02, -3), BIG, q(0.06, 2), "AddOptions", Map.of("fusedActivationFunction", (byte) 0)));
        sameOnTwoThreads(OpTests.binary(BuiltinOp.MAXIMUM, 1, TensorType.FLOAT32, BIG, null, new int[] {257}, null,
                BIG, null, null, null));
    }

    @Test
    void rowWiseOps() {
        sameOnTwoThreads(unary(BuiltinOp.SOFTMAX, 2, TensorType.INT8, q(0.1, 0), TensorType.INT8, q(1.0 / 256, -128),
                BIG, "SoftmaxOptions", Map.of("beta", 1.0f)));
        sameOnTwoThreads(unary(BuiltinOp.LOG_SOFTMAX, 1, TensorType.FLOAT32, null, TensorType.FLOAT32, null, BIG, null,
                null));
        sameOnTwoThreads(unary(BuiltinOp.L2_NORMALIZATION, 1, TensorType.FLOAT32, null, TensorType.FLOAT32, null, BIG,
                null, null));
    }

    @Test
    void unaryOps() {
        sameOnTwoThreads(unary(BuiltinOp.QUANTIZE, 1, TensorType.FLOAT32, null, TensorType.INT8, q(0.01, 0), BIG, null,
                null));
        sameOnTwoThreads(unary(BuiltinOp.TANH, 1, TensorType.FLOAT32, null, TensorType.FLOAT32, null, BIG, null, null));
    }
}
