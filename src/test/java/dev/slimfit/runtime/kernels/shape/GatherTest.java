package dev.slimfit.runtime.kernels.shape;

import static dev.slimfit.runtime.kernels.shape.ShapeTesting.q;

import dev.slimfit.model.BuiltinOp;
import dev.slimfit.model.TensorType;
import dev.slimfit.testing.SingleOpModel;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GatherTest {
    @ParameterizedTest
    @EnumSource(value = TensorType.class, names = {"FLOAT32", "INT8", "UINT8", "INT16", "INT32", "INT64", "BOOL"})
    void gathersAlongAxisOneWithMatrixOfIndices(TensorType t) {
        ShapeTesting.check(new SingleOpModel(BuiltinOp.GATHER, 1)
                .input("x", t, new int[] {2, 5, 3}, q(t))
                .constant("i", TensorType.INT32, new int[] {2, 2}, null, new int[] {4, 0, 2, 2})
                .output("y", t, new int[] {2, 2, 2, 3}, q(t))
                .options("GatherOptions", Map.of("axis", 1, "batchDims", 0)));
    }

    @Test
    void gathersWithNegativeAxisAndInt64Indices() {
        ShapeTesting.check(new SingleOpModel(BuiltinOp.GATHER, 1)
                .input("x", TensorType.FLOAT32, new int[] {3, 4})
                .constant("i", TensorType.INT64, new int[] {3}, null, new long[] {3, 1, 3})
                .output("y", TensorType.FLOAT32, new int[] {3, 3})
                .options("GatherOptions", Map.of("axis", -1, "batchDims", 0)));
    }

    @Test
    void gathersWithBatchDims() {
        ShapeTesting.check(new SingleOpModel(BuiltinOp.GATHER, 1)
                .input("x", TensorType.FLOAT32, new int[] {2, 4, 3})
                .constant("i", TensorType.INT32, new int[] {2, 3}, null, new int[] {0, 3, 1, 2, 2, 0})
                .output("y", TensorType.FLOAT32, new int[] {2, 3, 3})
                .options("GatherOptions", Map.of("axis", 1, "batchDims", 1)));
    }
}
