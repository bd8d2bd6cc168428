package dev.slimfit.runtime.kernels.conv;

import dev.slimfit.model.BuiltinOp;
import dev.slimfit.model.Model;
import dev.slimfit.model.TensorType;
import dev.slimfit.oracle.InProcessOracle;
import dev.slimfit.testing.Conformance;
import dev.slimfit.testing.SingleOpModel;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Float FULLY_CONNECTED bit for bit (tolerance 0) against TFLite 2.6.2: one row is Eigen's
 * matrix-vector product (lane order), more rows its GEMM (depth passes beyond ~680 terms,
 * remainder units when there are 4+ rows). Summed in plain k order, 6 of the first 7 cases were
 * off by 1–4 ulp.
 */
class FullyConnectedFloatOrderTest {
    @ParameterizedTest
    @CsvSource({"1, 7, 5", "1, 64, 10", "1, 300, 37", "1, 1000, 10", "1, 1280, 1001", "1, 900, 1", "3, 300, 37",
        "8, 1000, 16", "5, 300, 37", "16, 700, 10"})
    void float32IsBitExact(int batch, int depth, int units) {
        Random r = new Random(depth * 31 + units);
        float[] w = new float[units * depth];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (r.nextGaussian() * 0.1);
        }
        float[] b = new float[units];
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) (r.nextGaussian() * 0.1);
        }
        Model m = new SingleOpModel(BuiltinOp.FULLY_CONNECTED, 1)
                .input("x", TensorType.FLOAT32, new int[] {batch, depth})
                .constant("w", TensorType.FLOAT32, new int[] {units, depth}, null, w)
                .constant("b", TensorType.FLOAT32, new int[] {units}, null, b)
                .output("y", TensorType.FLOAT32, new int[] {batch, units})
                .options("FullyConnectedOptions", Map.of("fusedActivationFunction", (byte) 0))
                .build();
        Conformance.check(m, 2, 0.0, InProcessOracle.get());
    }
}
