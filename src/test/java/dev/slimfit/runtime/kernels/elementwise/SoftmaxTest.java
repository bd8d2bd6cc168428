package dev.slimfit.runtime.kernels.elementwise;

import static dev.slimfit.runtime.kernels.elementwise.OpTests.check;
import static dev.slimfit.runtime.kernels.elementwise.OpTests.q;
import static dev.slimfit.runtime.kernels.elementwise.OpTests.unary;

import dev.slimfit.model.BuiltinOp;
import dev.slimfit.model.TensorType;
import dev.slimfit.testing.SingleOpModel;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** SOFTMAX and LOG_SOFTMAX against TFLite 2.6.2. */
class SoftmaxTest {
    private static final int[] S = {3, 4, 10};

    @ParameterizedTest
    @ValueSource(floats = {1f, 0.5f, 2.7f})
    void floatSoftmaxWithBeta(float beta) {
        check(unary(BuiltinOp.SOFTMAX, 1, TensorType.FLOAT32, null, TensorType.FLOAT32, null, S, "SoftmaxOptions",
                Map.of("beta", beta)));
    }

    @ParameterizedTest
    @CsvSource({"INT8,0.1,3,INT8,0.00390625,-128,1.0", "UINT8,0.05,128,UINT8,0.00390625,0,1.0",
            "INT8,0.02,0,INT8,0.00390625,-128,0.7", "INT8,0.1,-4,INT16,0.0000152587890625,-32768,1.0"})
    void quantizedSoftmax(TensorType in, double si, long zi, TensorType out, double so, long zo, float beta) {
        check(new SingleOpModel(BuiltinOp.SOFTMAX, 2)
                .input("x", in, S, q(si, zi)).output("y", out, S, q(so, zo))
                .options("SoftmaxOptions", Map.of("beta", beta)).build());
    }

    @Test
    void int16Softmax() {
        check(unary(BuiltinOp.SOFTMAX, 3, TensorType.INT16, q(0.0005, 0), TensorType.INT16, q(1.0 / 32768, 0), S,
                "SoftmaxOptions", Map.of("beta", 1.0f)));
    }

    @Test
    void floatLogSoftmax() {
        check(unary(BuiltinOp.LOG_SOFTMAX, 1, TensorType.FLOAT32, null, TensorType.FLOAT32, null, S, null, null));
    }

    @ParameterizedTest
    @CsvSource({"INT8,0.1,3,127", "UINT8,0.05,128,255", "INT8,0.02,-9,127"})
    void quantizedLogSoftmax(TensorType t, double si, long zi, long zo) {
        check(unary(BuiltinOp.LOG_SOFTMAX, 2, t, q(si, zi), t, q(16.0 / 256, zo), S, null, null));
    }
}
