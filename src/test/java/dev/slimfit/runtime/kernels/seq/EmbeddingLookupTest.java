package dev.slimfit.runtime.kernels.seq;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.slimfit.model.BuiltinOp;
import dev.slimfit.model.Model;
import dev.slimfit.model.QuantizationParams;
import dev.slimfit.model.TensorType;
import dev.slimfit.runtime.Interpreter;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.testing.Conformance;
import dev.slimfit.testing.SingleOpModel;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class EmbeddingLookupTest {
    private static final int[] LOOKUP = {2, 0, 4, 4, 1};

    private static Model model(TensorType valueType, QuantizationParams q, TensorType outType) {
        return new SingleOpModel(BuiltinOp.EMBEDDING_LOOKUP, valueType == TensorType.FLOAT32 ? 1 : 2)
                .constant("lookup", TensorType.INT32, new int[] {LOOKUP.length}, null, LOOKUP)
                .input("value", valueType, new int[] {5, 3, 2}, q)
                .output("y", outType, new int[] {LOOKUP.length, 3, 2}, outType == valueType ? q : null)
                .build();
    }

    @Test
    void floatRowsAreGatheredWithRepeats() {
        Conformance.check(model(TensorType.FLOAT32, null, TensorType.FLOAT32), 3);
    }

    @Test
    void int8AndUint8RowsAreCopiedUnchanged() {
        Conformance.check(model(TensorType.INT8, QuantizationParams.perTensor(0.1f, 3), TensorType.INT8), 2);
        Conformance.check(model(TensorType.UINT8, QuantizationParams.perTensor(0.1f, 128), TensorType.UINT8), 2);
    }

    @Test
    void hybridDequantizesWithoutZeroPointAndReadsUint8AsSigned() {
        Conformance.check(model(TensorType.INT8, QuantizationParams.perTensor(0.03f, 7), TensorType.FLOAT32), 2);
        Conformance.check(model(TensorType.UINT8, QuantizationParams.perTensor(0.02f, 128), TensorType.FLOAT32), 2);
    }

    @Test
    void realModelWithInRangeIndexMatches() {
        Model m = ModelSlices.shared("ops/embedding_lookup.tflite");
        // Its lookup is a model input: the seeded int32 inputs are out of range, so feed index 11.
        byte[] idx = ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(11).array();
        var ref = dev.slimfit.oracle.InProcessOracle.get().run(SingleOpModelBytes.of(m), java.util.List.of(idx),
                dev.slimfit.oracle.OracleOptions.DEFAULT).requireOk();
        try {
            var got = Conformance.runOurs(m, java.util.List.of(idx), 1);
            Conformance.compare("y", TensorType.FLOAT32, ref.outputBytes(0), got.get(0), 0, "index 11");
        } catch (KernelException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void outOfRangeIndexFailsTheInvoke() throws KernelException {
        Model m = new SingleOpModel(BuiltinOp.EMBEDDING_LOOKUP, 1)
                .constant("lookup", TensorType.INT32, new int[] {1}, null, new int[] {5})
                .input("value", TensorType.FLOAT32, new int[] {5, 2})
                .output("y", TensorType.FLOAT32, new int[] {1, 2})
                .build();
        try (Interpreter it = Interpreter.create(m)) {
            assertThrows(KernelException.class, it::invoke);
        }
    }
}
