package dev.slimfit.runtime.kernels.elementwise;

import static dev.slimfit.runtime.kernels.elementwise.OpTests.check;
import static dev.slimfit.runtime.kernels.elementwise.OpTests.q;
import static dev.slimfit.runtime.kernels.elementwise.OpTests.unary;

import dev.slimfit.model.BuiltinOp;
import dev.slimfit.model.TensorType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** LOGISTIC and TANH against TFLite 2.6.2: float, 8-bit tables, int16 table and fixed-point paths. */
class LogisticTanhTest {
    private static final int[] S = {2, 3, 50};

    @ParameterizedTest
    @EnumSource(value = BuiltinOp.class, names = {"LOGISTIC", "TANH"})
    void floats(BuiltinOp op) {
        check(unary(op, 1, TensorType.FLOAT32, null, TensorType.FLOAT32, null, S, null, null));
    }

    @ParameterizedTest
    @CsvSource({"LOGISTIC,INT8,0.05,-3,0.00390625,-128", "LOGISTIC,UINT8,0.04,128,0.00390625,0",
            "TANH,INT8,0.03,7,0.0078125,0", "TANH,UINT8,0.05,120,0.0078125,128"})
    void eightBitTables(BuiltinOp op, TensorType t, double si, long zi, double so, long zo) {
        check(unary(op, 2, t, q(si, zi), t, q(so, zo), S, null, null));
    }

    @ParameterizedTest
    @CsvSource({"LOGISTIC,0.0003", "LOGISTIC,0.000244140625", "TANH,0.0003", "TANH,0.000244140625",
            "TANH,0.00048828125", "LOGISTIC,0.001"})
    void int16(BuiltinOp op, double inputScale) {
        check(unary(op, 3, TensorType.INT16, q(inputScale, 0), TensorType.INT16, q(1.0 / 32768, 0), S, null, null));
    }
}
