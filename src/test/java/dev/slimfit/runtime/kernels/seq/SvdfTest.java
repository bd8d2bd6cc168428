package dev.slimfit.runtime.kernels.seq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.slimfit.model.BuiltinOp;
import dev.slimfit.model.Model;
import dev.slimfit.model.Operator;
import dev.slimfit.model.QuantizationParams;
import dev.slimfit.model.Subgraph;
import dev.slimfit.model.Tensor;
import dev.slimfit.model.TensorType;
import dev.slimfit.oracle.InProcessOracle;
import dev.slimfit.oracle.OracleOptions;
import dev.slimfit.oracle.OracleResult;
import dev.slimfit.runtime.Interpreter;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.testing.Conformance;
import dev.slimfit.testing.SingleOpModel;
import dev.slimfit.tflite.TfliteWriter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SvdfTest {

    @Test
    void realKeywordModelSvdfOpsMatchTflite() {
        Model m = ModelSlices.shared("micro/keyword_scrambled_int16.tflite");
        List<Integer> ops = ModelSlices.find(m, "SVDF");
        assertEquals(7, ops.size());
        for (int op : ops) {
            Conformance.check(ModelSlices.slice(m, op), 3);
        }
    }

    @Test
    void int8StateVariantThatCrashesTfliteIsRejected() {
        Model m = ModelSlices.shared("micro/keyword_scrambled_8bit.tflite");
        Model slice = ModelSlices.slice(m, ModelSlices.find(m, "SVDF").get(0));
        assertThrows(KernelException.class, () -> Interpreter.create(slice).close());
    }

    @Test
    void floatRankOneWithBiasAndRelu() {
        Conformance.check(floatModel(2, 6, 8, 4, 1, true, 1), 3);
    }

    @Test
    void floatRankTwoWithoutBias() {
        Conformance.check(floatModel(3, 5, 6, 3, 2, false, 0), 3);
    }

    @Test
    void floatTanhAndSigmoidLikeOptionValues() {
        Conformance.check(floatModel(1, 4, 4, 5, 1, true, 4), 2);
        Conformance.check(floatModel(1, 4, 4, 5, 1, true, 6), 2);
    }

    @Test
    void hybridSymmetricAndAsymmetricInputs() {
        Conformance.check(hybridModel(2, 6, 8, 4, 2, true, false), 3);
        Conformance.check(hybridModel(3, 5, 4, 3, 1, false, true), 3);
    }

    @Test
    void int8RankTwoWithInputZeroPointAndBias() {
        Conformance.check(intModel(2, 7, 6, 5, 2, true, -5, 3), 3);
    }

    @Test
    void int8RankOneWithoutBias() {
        Conformance.check(intModel(1, 9, 4, 3, 1, false, 11, -128), 3);
    }

    @Test
    void stateShiftsAcrossInvokes() throws KernelException {
        checkStateShifts(intModel(2, 5, 4, 3, 1, true, 1, 0), 0);
        checkStateShifts(floatModel(2, 5, 4, 3, 2, true, 0), 1e-4);
        checkStateShifts(hybridModel(2, 5, 4, 3, 1, true, true), 1e-4);
    }

    private static void checkStateShifts(Model one, double tol) throws KernelException {
        Subgraph sg = one.mainSubgraph();
        Operator op = sg.operators().get(0);
        List<Tensor> tensors = new ArrayList<>(sg.tensors());
        int out2 = tensors.size();
        tensors.add(tensors.get(op.outputs()[0]).withName("y2"));
        Model two = one.withSubgraphs(List.of(sg.withTensors(tensors)
                .withOperators(List.of(op, op.withOutputs(new int[] {out2})))
                .withOutputs(new int[] {op.outputs()[0], out2})));
        ByteBuffer bb = TfliteWriter.toBytes(two);
        byte[] file = new byte[bb.remaining()];
        bb.get(file);
        List<byte[]> in = Conformance.inputs(one, 3);
        OracleResult ref = InProcessOracle.get().run(file, in, OracleOptions.DEFAULT).requireOk();
        TensorType type = one.mainSubgraph().tensor(one.mainSubgraph().outputs()[0]).type();
        try (Interpreter it = Interpreter.create(one)) {
            Conformance.compare("y", type, ref.outputBytes(0), run(it, in), tol, "invoke 1");
            Conformance.compare("y", type, ref.outputBytes(1), run(it, in), tol, "invoke 2");
            it.resetVariables();
            Conformance.compare("y", type, ref.outputBytes(0), run(it, in), tol, "after reset");
        }
    }

    private static byte[] run(Interpreter it, List<byte[]> in) throws KernelException {
        it.input(0).copyFrom(ByteBuffer.wrap(in.get(0)));
        it.invoke();
        ByteBuffer o = it.output(0).toByteBuffer();
        byte[] a = new byte[o.remaining()];
        o.get(a);
        return a;
    }

    private static Model floatModel(int batch, int nInput, int filters, int memory, int rank, boolean bias, int act) {
        Random r = new Random(filters * 31L + memory);
        SingleOpModel b = new SingleOpModel(BuiltinOp.SVDF, 1)
                .input("x", TensorType.FLOAT32, new int[] {batch, nInput})
                .constant("wf", TensorType.FLOAT32, new int[] {filters, nInput}, null, floats(r, filters * nInput))
                .constant("wt", TensorType.FLOAT32, new int[] {filters, memory}, null, floats(r, filters * memory));
        if (bias) {
            b.constant("b", TensorType.FLOAT32, new int[] {filters / rank}, null, floats(r, filters / rank));
        } else {
            b.omitted();
        }
        return b.variable("state", TensorType.FLOAT32, new int[] {batch, filters * memory}, null)
                .output("y", TensorType.FLOAT32, new int[] {batch, filters / rank})
                .options("SVDFOptions", Map.of("rank", rank, "fusedActivationFunction", (byte) act,
                        "asymmetricQuantizeInputs", false))
                .build();
    }

    private static Model hybridModel(int batch, int nInput, int filters, int memory, int rank, boolean bias,
                                     boolean asymmetric) {
        Random r = new Random(filters * 13L + memory);
        byte[] wf = new byte[filters * nInput];
        byte[] wt = new byte[filters * memory];
        for (int i = 0; i < wf.length; i++) {
            wf[i] = (byte) (r.nextInt(255) - 127);
        }
        for (int i = 0; i < wt.length; i++) {
            wt[i] = (byte) (r.nextInt(255) - 127);
        }
        SingleOpModel b = new SingleOpModel(BuiltinOp.SVDF, asymmetric ? 4 : 2)
                .input("x", TensorType.FLOAT32, new int[] {batch, nInput})
                .constant("wf", TensorType.INT8, new int[] {filters, nInput}, QuantizationParams.perTensor(0.004f, 0), wf)
                .constant("wt", TensorType.INT8, new int[] {filters, memory}, QuantizationParams.perTensor(0.006f, 0), wt);
        if (bias) {
            b.constant("b", TensorType.FLOAT32, new int[] {filters / rank}, null, floats(r, filters / rank));
        } else {
            b.omitted();
        }
        return b.variable("state", TensorType.FLOAT32, new int[] {batch, filters * memory}, null)
                .output("y", TensorType.FLOAT32, new int[] {batch, filters / rank})
                .options("SVDFOptions", Map.of("rank", rank, "fusedActivationFunction", (byte) 1,
                        "asymmetricQuantizeInputs", asymmetric))
                .build();
    }

    private static Model intModel(int batch, int nInput, int filters, int memory, int rank, boolean bias, int inZp,
                                  int outZp) {
        Random r = new Random(filters * 17L + memory);
        byte[] wf = new byte[filters * nInput];
        for (int i = 0; i < wf.length; i++) {
            wf[i] = (byte) (r.nextInt(255) - 127);
        }
        short[] wt = new short[filters * memory];
        for (int i = 0; i < wt.length; i++) {
            wt[i] = (short) (r.nextInt(65535) - 32767);
        }
        float inScale = 0.02f;
        float wfScale = 0.01f;
        float stateScale = 0.004f;
        float wtScale = 0.0002f;
        SingleOpModel b = new SingleOpModel(BuiltinOp.SVDF, 3)
                .input("x", TensorType.INT8, new int[] {batch, nInput}, QuantizationParams.perTensor(inScale, inZp))
                .constant("wf", TensorType.INT8, new int[] {filters, nInput}, QuantizationParams.perTensor(wfScale, 0), wf)
                .constant("wt", TensorType.INT16, new int[] {filters, memory}, QuantizationParams.perTensor(wtScale, 0),
                        wt);
        if (bias) {
            int[] bv = new int[filters / rank];
            for (int i = 0; i < bv.length; i++) {
                bv[i] = r.nextInt(20001) - 10000;
            }
            b.constant("b", TensorType.INT32, new int[] {filters / rank},
                    QuantizationParams.perTensor(stateScale * wtScale, 0), bv);
        } else {
            b.omitted();
        }
        return b.variable("state", TensorType.INT16, new int[] {batch, filters * memory},
                        QuantizationParams.perTensor(stateScale, 0))
                .output("y", TensorType.INT8, new int[] {batch, filters / rank}, QuantizationParams.perTensor(0.05f, outZp))
                .options("SVDFOptions", Map.of("rank", rank, "fusedActivationFunction", (byte) 1,
                        "asymmetricQuantizeInputs", false))
                .build();
    }

    private static float[] floats(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextFloat() - 0.5f;
        }
        return v;
    }
}
