package dev.slimfit.runtime.kernels.elementwise;

import static dev.slimfit.runtime.kernels.elementwise.OpTests.check;
import static dev.slimfit.runtime.kernels.elementwise.OpTests.q;
import static dev.slimfit.runtime.kernels.elementwise.OpTests.unary;

import dev.slimfit.model.BuiltinOp;
import dev.slimfit.model.Model;
import dev.slimfit.model.TensorType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The one-input math ops against TFLite 2.6.2. */
class UnaryMathTest {
    private static final int[] S = {2, 3, 7};

    @ParameterizedTest
    @EnumSource(value = BuiltinOp.class, names = {"ABS", "NEG", "SQUARE", "SQRT", "RSQRT", "EXP", "LOG", "SIN", "COS",
            "FLOOR", "CEIL", "ROUND"})
    void floats(BuiltinOp op) {
        check(unary(op, 1, TensorType.FLOAT32, null, TensorType.FLOAT32, null, S, null, null));
    }

    @ParameterizedTest
    @EnumSource(value = BuiltinOp.class, names = {"FLOOR", "CEIL", "ROUND"})
    void roundingOfHalves(BuiltinOp op) {
        Model m = unary(op, 1, TensorType.FLOAT32, null, TensorType.FLOAT32, null, new int[] {8}, null, null);
        OpTests.checkWith(m, List.of(OpTests.floats(0.5f, 1.5f, 2.5f, -0.5f, -1.5f, -2.5f, 3.7f, -3.7f)));
    }

    @ParameterizedTest
    @CsvSource({"NEG,INT32", "NEG,INT64"})
    void integers(BuiltinOp op, TensorType t) {
        check(unary(op, 1, t, null, t, null, S, null, null));
    }

    @ParameterizedTest
    @CsvSource({"INT8,0.05,-3,0.05,-3,2", "INT8,0.05,10,0.03,-128,2", "INT16,0.001,0,0.001,0,3",
            "INT16,0.001,0,0.0004,0,3"})
    void quantizedAbs(TensorType t, double si, long zi, double so, long zo, int version) {
        check(unary(BuiltinOp.ABS, version, t, q(si, zi), t, q(so, zo), S, null, null));
    }

    @Test
    void int8Rsqrt() {
        check(unary(BuiltinOp.RSQRT, 2, TensorType.INT8, q(0.05, -128), TensorType.INT8, q(0.04, -100), S, null,
                null));
    }
}
