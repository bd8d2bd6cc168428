package dev.slimfit.runtime.kernels.seq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.slimfit.model.Model;
import dev.slimfit.model.Operator;
import dev.slimfit.model.Subgraph;
import dev.slimfit.model.Tensor;
import dev.slimfit.model.TensorType;
import dev.slimfit.oracle.InProcessOracle;
import dev.slimfit.oracle.OracleOptions;
import dev.slimfit.oracle.OracleResult;
import dev.slimfit.runtime.Interpreter;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.testing.Conformance;
import dev.slimfit.tflite.TfliteWriter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SequenceLstmTest {

    @ParameterizedTest
    @ValueSource(strings = {"micro/mnist_lstm_float.tflite", "micro/mnist_lstm_int8.tflite",
            "micro/micro_speech_lstm_int8.tflite", "mnist/keras_lstm_mnist_ptq_uint8.tflite",
            "micro/dtln_noise_suppression_int8.tflite", "text/recommendation_rnn_i10o100.tflite"})
    void realModelLstmOpsMatchTflite(String model) {
        Model m = ModelSlices.shared(model);
        List<Integer> ops = ModelSlices.find(m, "UNIDIRECTIONAL_SEQUENCE_LSTM");
        assertFalse(ops.isEmpty());
        for (int op : ops) {
            Conformance.check(ModelSlices.slice(m, op), 3);
        }
    }

    @Test
    void floatBatchMajorWithSeveralBatches() {
        LstmModels b = new LstmModels();
        b.batch = 3;
        Conformance.check(b.buildFloat(), 3);
    }

    @Test
    void floatTimeMajor() {
        LstmModels b = new LstmModels();
        b.batch = 2;
        b.timeMajor = true;
        Conformance.check(b.buildFloat(), 3);
    }

    @Test
    void floatCifgPeepholeProjectionWithClipping() {
        LstmModels b = new LstmModels();
        b.batch = 2;
        b.cifg = true;
        b.peephole = true;
        b.projection = true;
        b.projectionBias = true;
        b.nOutput = 3;
        b.cellClip = 0.3f;
        b.projClip = 0.2f;
        Conformance.check(b.buildFloat(), 3);
    }

    @Test
    void floatLayerNormWithPeepholes() {
        LstmModels b = new LstmModels();
        b.layerNorm = true;
        b.peephole = true;
        b.batch = 2;
        Conformance.check(b.buildFloat(), 3);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 5, 6})
    void floatOtherCellActivations(int act) {
        LstmModels b = new LstmModels();
        b.activation = act;
        Conformance.check(b.buildFloat(), 2);
    }

    @Test
    void int8SingleBatchWithZeroPoints() {
        LstmModels b = new LstmModels();
        b.inputZp = -7;
        b.stateZp = 3;
        b.time = 6;
        Conformance.check(b.buildInt8(), 3);
    }

    @Test
    void int8BatchMajorSeveralBatches() {
        LstmModels b = new LstmModels();
        b.batch = 3;
        b.stateZp = -2;
        b.inputZp = 5;
        Conformance.check(b.buildInt8(), 3);
    }

    @Test
    void int8TimeMajorSeveralBatches() {
        LstmModels b = new LstmModels();
        b.batch = 2;
        b.timeMajor = true;
        b.stateZp = -1;
        Conformance.check(b.buildInt8(), 3);
    }

    @Test
    void int8CifgWithCellClipAndCoarseCellScale() {
        LstmModels b = new LstmModels();
        b.cifg = true;
        b.cellClip = 0.5f;
        b.cellScale = (float) Math.pow(2, -9);
        b.inputScale = 0.05f;
        Conformance.check(b.buildInt8(), 3);
    }

    @Test
    void int8Peephole() {
        LstmModels b = new LstmModels();
        b.peephole = true;
        b.batch = 2;
        b.stateZp = 2;
        Conformance.check(b.buildInt8(), 3);
    }

    @Test
    void int8ProjectionWithBiasAndClip() {
        LstmModels b = new LstmModels();
        b.projection = true;
        b.projectionBias = true;
        b.nOutput = 3;
        b.hiddenScale = 0.006f;
        b.hiddenZp = -3;
        b.stateZp = 4;
        b.projClip = 0.5f;
        Conformance.check(b.buildInt8(), 3);
    }

    @Test
    void int8LayerNormPowerOfTwoCells() {
        LstmModels b = new LstmModels();
        b.layerNorm = true;
        b.batch = 2;
        b.inputZp = 3;
        Conformance.check(b.buildInt8(), 3);
    }

    @Test
    void int8LayerNormCifgPeepholeProjectionOddCells() {
        LstmModels b = new LstmModels();
        b.layerNorm = true;
        b.cifg = true;
        b.peephole = true;
        b.projection = true;
        b.nCell = 6;
        b.nOutput = 6;
        b.hiddenScale = 0.005f;
        b.hiddenZp = 1;
        Conformance.check(b.buildInt8(), 3);
    }

    @Test
    void int8WithoutTanhCellActivationIsRejected() {
        LstmModels b = new LstmModels();
        b.activation = 1;
        Model m = b.buildInt8();
        assertThrows(KernelException.class, () -> Interpreter.create(m).close());
    }

    @Test
    void int8FineCellScale() {
        LstmModels b = new LstmModels();
        b.cellScale = (float) Math.pow(2, -15);
        Conformance.check(b.buildInt8(), 3);
    }

    /**
     * State persists across invokes: our second invoke must equal TFLite's second op in a model
     * where two LSTM ops share the state variables; resetVariables brings back the first result.
     */
    @Test
    void stateVariablesPersistAcrossInvokesAndReset() throws KernelException {
        LstmModels b = new LstmModels();
        b.inputZp = 2;
        b.stateZp = 1;
        Model one = b.buildInt8();
        Model two = twice(one);
        List<byte[]> in = Conformance.inputs(one, 7);
        OracleResult ref = InProcessOracle.get().run(bytes(two), in, OracleOptions.DEFAULT).requireOk();
        try (Interpreter it = Interpreter.create(one)) {
            byte[] first = invoke(it, in);
            byte[] second = invoke(it, in);
            assertArrayEquals(ref.outputBytes(0), first, "first invoke");
            assertArrayEquals(ref.outputBytes(1), second, "second invoke sees the state of the first");
            it.resetVariables();
            assertArrayEquals(ref.outputBytes(0), invoke(it, in), "after resetVariables");
        }
    }

    @Test
    void hybridSymmetricBatchMajor() {
        LstmModels b = new LstmModels();
        b.batch = 2;
        b.time = 4;
        Conformance.check(b.buildHybrid(), 3);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 6})
    void hybridOtherCellActivations(int act) {
        LstmModels b = new LstmModels();
        b.activation = act;
        Conformance.check(b.buildHybrid(), 2);
    }

    @Test
    void hybridAsymmetricInputsTimeMajor() {
        LstmModels b = new LstmModels();
        b.batch = 2;
        b.timeMajor = true;
        b.asymmetricInputs = true;
        Conformance.check(b.buildHybrid(), 3);
    }

    @Test
    void hybridPeepholeProjectionLayerNormCifg() {
        for (boolean asym : new boolean[] {false, true}) {
            LstmModels b = new LstmModels();
            b.cifg = true;
            b.peephole = true;
            b.layerNorm = true;
            b.projection = true;
            b.projectionBias = true;
            b.nOutput = 3;
            b.cellClip = 0.4f;
            b.projClip = 0.3f;
            b.asymmetricInputs = asym;
            Conformance.check(b.buildHybrid(), 3);
        }
    }

    @Test
    void mixedFloatAndUint8WeightsAreRejectedAtPrepare() {
        Model m = new LstmModels().buildFloat();
        Subgraph sg = m.mainSubgraph();
        List<Tensor> tensors = new ArrayList<>(sg.tensors());
        int w = sg.operators().get(0).inputs()[2];
        tensors.set(w, tensors.get(w).withType(TensorType.UINT8));
        Model bad = m.withSubgraphs(List.of(sg.withTensors(tensors)));
        assertThrows(KernelException.class, () -> Interpreter.create(bad).close());
    }

    private static byte[] invoke(Interpreter it, List<byte[]> in) throws KernelException {
        it.input(0).copyFrom(ByteBuffer.wrap(in.get(0)));
        it.invoke();
        ByteBuffer o = it.output(0).toByteBuffer();
        byte[] a = new byte[o.remaining()];
        o.get(a);
        return a;
    }

    /** The same op twice on the same input and state tensors, each with its own output. */
    private static Model twice(Model m) {
        Subgraph sg = m.mainSubgraph();
        Operator op = sg.operators().get(0);
        List<Tensor> tensors = new ArrayList<>(sg.tensors());
        int out2 = tensors.size();
        tensors.add(tensors.get(op.outputs()[0]).withName("output2"));
        Operator op2 = op.withOutputs(new int[] {out2});
        Subgraph s2 = sg.withTensors(tensors).withOperators(List.of(op, op2))
                .withOutputs(new int[] {op.outputs()[0], out2});
        return m.withSubgraphs(List.of(s2));
    }

    private static byte[] bytes(Model m) {
        ByteBuffer b = TfliteWriter.toBytes(m);
        byte[] a = new byte[b.remaining()];
        b.get(a);
        return a;
    }
}
