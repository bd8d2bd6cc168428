package dev.slimfit.runtime.kernels.elementwise;

import static dev.slimfit.runtime.kernels.elementwise.OpTests.check;
import static dev.slimfit.runtime.kernels.elementwise.OpTests.q;

import dev.slimfit.model.BuiltinOp;
import dev.slimfit.model.QuantizationParams;
import dev.slimfit.model.TensorType;
import dev.slimfit.testing.SingleOpModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** PRELU against TFLite 2.6.2, with alpha broadcast along channels. */
class PReluTest {
    @Test
    void floatWithChannelAlpha() {
        check(new SingleOpModel(BuiltinOp.PRELU, 1)
                .input("x", TensorType.FLOAT32, new int[] {1, 3, 4, 5})
                .constant("a", TensorType.FLOAT32, new int[] {1, 1, 5}, null, new float[] {0.1f, -0.2f, 0.3f, 2f, 0f})
                .output("y", TensorType.FLOAT32, new int[] {1, 3, 4, 5}).build());
    }

    @ParameterizedTest
    @CsvSource({"INT8,0.05,-3,0.02,-10,0.04,5", "UINT8,0.05,128,0.01,100,0.03,120"})
    void quantized(TensorType t, double sx, long zx, double sa, long za, double so, long zo) {
        QuantizationParams qa = q(sa, za);
        check(new SingleOpModel(BuiltinOp.PRELU, 1)
                .input("x", t, new int[] {2, 3, 4}, q(sx, zx))
                .input("a", t, new int[] {3, 4}, qa)
                .output("y", t, new int[] {2, 3, 4}, q(so, zo)).build());
    }
}
