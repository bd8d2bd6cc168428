package dev.slimfit.runtime.kernels.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimfit.model.BuiltinOp;
import dev.slimfit.model.Buffer;
import dev.slimfit.model.Model;
import dev.slimfit.model.OpOptions;
import dev.slimfit.model.Operator;
import dev.slimfit.model.OperatorCode;
import dev.slimfit.model.Subgraph;
import dev.slimfit.model.Tensor;
import dev.slimfit.model.TensorType;
import dev.slimfit.oracle.InProcessOracle;
import dev.slimfit.oracle.IsolatedOracle;
import dev.slimfit.oracle.OracleOptions;
import dev.slimfit.oracle.OracleResult;
import dev.slimfit.oracle.SharedModels;
import dev.slimfit.runtime.Interpreter;
import dev.slimfit.runtime.InterpreterOptions;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.testing.Conformance;
import dev.slimfit.testing.SingleOpModel;
import dev.slimfit.tflite.TfliteReader;
import dev.slimfit.tflite.TfliteWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * MediaPipe's Convolution2DTransposeBias. TFLite 2.6.2 has no kernel for it, so each geometry is
 * checked twice: bit for bit against MediaPipe's reference loop written out here from its source
 * (bias first, then input pixel, input channel, tap, output channel), and against TFLite 2.6.2
 * running the same geometry as the builtin TRANSPOSE_CONV with that output shape and a bias
 * (which adds the bias last, so a float-rounding tolerance).
 */
class TransposeConvBiasKernelTest {
    private static final int SAME = 1;
    private static final int VALID = 2;

    @ParameterizedTest(name = "in {0}x{1}x{2} filter {3}x{4} out {5} stride {6}x{7} padding {8}")
    @CsvSource({
        "4, 4, 3, 2, 2, 5, 2, 2, 1", "4, 4, 3, 2, 2, 5, 2, 2, 2", "5, 3, 4, 3, 3, 2, 2, 2, 1",
        "5, 3, 4, 3, 3, 2, 2, 2, 2", "3, 6, 2, 4, 4, 3, 2, 2, 1", "4, 4, 8, 3, 3, 4, 1, 1, 1",
        "4, 5, 3, 3, 2, 2, 3, 2, 1", "7, 7, 5, 5, 5, 3, 2, 2, 1", "2, 2, 16, 2, 2, 16, 2, 2, 1",
        // odd total padding (the leading side gets the smaller half)
        "4, 4, 3, 2, 2, 5, 1, 1, 1", "5, 4, 3, 4, 2, 3, 1, 1, 1", "4, 6, 3, 3, 3, 2, 2, 2, 1"})
    void matchesMediaPipesLoopAndTflitesTransposeConv(int h, int w, int inC, int fh, int fw, int outC, int sw,
                                                      int sh, int padding) throws Exception {
        SplittableRandom rnd = new SplittableRandom(h * 131 + fh * 17 + padding);
        float[] weights = values(rnd, outC * fh * fw * inC);
        float[] bias = values(rnd, outC);
        float[] x = values(rnd, h * w * inC);
        Model m = custom(h, w, inC, fh, fw, outC, sw, sh, padding, weights, bias);

        Interpreter it = Interpreter.create(m, InterpreterOptions.defaults());
        it.input(0).copyFrom(floatBytes(x));
        it.invoke();
        int[] shape = it.output(0).shape();
        float[] ours = it.output(0).floats().clone();

        Expected e = mediaPipe(x, h, w, inC, weights, fh, fw, outC, bias, sw, sh, padding);
        assertArrayEquals(e.shape, shape, "output shape");
        for (int i = 0; i < e.values.length; i++) {
            assertEquals(e.values[i], ours[i], 0f, "element " + i + " (MediaPipe's loop order)");
        }

        Model twin = builtinTwin(h, w, inC, fh, fw, outC, sw, sh, padding, weights, bias, shape);
        OracleResult ref = InProcessOracle.get().run(bytes(twin), List.of(floatBytes(x).array()), OracleOptions.DEFAULT)
                .requireOk();
        Conformance.compare("out", TensorType.FLOAT32, ref.outputBytes(0), floatBytes(ours).array(), 1e-6,
                "TFLite TRANSPOSE_CONV twin");
    }

    @Test
    void badOptionsAndTypesAreRefusedInPrepare() {
        float[] w = new float[2 * 2 * 2 * 3];
        Model badStride = custom(3, 3, 3, 2, 2, 2, 0, 2, SAME, w, new float[2], 12);
        KernelException e = assertThrows(KernelException.class,
                () -> Interpreter.create(badStride, InterpreterOptions.defaults()));
        assertTrue(e.getMessage().contains("Convolution2DTransposeBias"), e.getMessage());
        Model shortOptions = custom(3, 3, 3, 2, 2, 2, 2, 2, SAME, w, new float[2], 8);
        assertThrows(KernelException.class, () -> Interpreter.create(shortOptions, InterpreterOptions.defaults()));
    }

    /**
     * MediaPipe's selfie segmentation end to end: Slimfit runs the custom op; TFLite 2.6.2 runs
     * the same model with that node replaced by its builtin TRANSPOSE_CONV twin; outputs agree
     * within the float bar.
     */
    @Test
    void selfieSegmentationAgreesWithTfliteRunningTheBuiltinTwin() throws Exception {
        String rel = "segmentation/selfie_segmentation_fp16.tflite";
        Model m = TfliteReader.read(ByteBuffer.wrap(SharedModels.read(rel)), rel);
        Model twin = replaceCustomByBuiltin(m);
        List<List<byte[]>> seeds = new ArrayList<>();
        for (int seed = 0; seed < 2; seed++) {
            seeds.add(Conformance.inputs(m, seed));
        }
        for (List<byte[]> in : seeds) {
            OracleResult ref = IsolatedOracle.shared().run(bytes(twin), in, OracleOptions.DEFAULT).requireOk();
            List<byte[]> ours = Conformance.runOurs(m, in, 1);
            Conformance.compare("segmentation", TensorType.FLOAT32, ref.outputBytes(0), ours.get(0),
                    Conformance.FLOAT_TOL, rel);
        }
    }

    private static Model replaceCustomByBuiltin(Model m) throws KernelException {
        Subgraph sg = m.mainSubgraph();
        // Slimfit computes the custom op's output shape; the twin gets it as a constant.
        Interpreter it = Interpreter.create(m, InterpreterOptions.defaults());
        List<Tensor> tensors = new ArrayList<>(sg.tensors());
        List<Buffer> buffers = new ArrayList<>(m.buffers());
        List<Operator> ops = new ArrayList<>();
        int replaced = 0;
        for (Operator op : sg.operators()) {
            if (!op.code().isCustom() || !TransposeConvBiasKernel.NAME.equals(op.code().customCode())) {
                ops.add(op);
                continue;
            }
            ByteBuffer o = ByteBuffer.wrap(op.customOptions()).order(ByteOrder.LITTLE_ENDIAN);
            int[] shape = it.main().tensor(op.output(0)).shape();
            buffers.add(Buffer.of(intBytes(shape)));
            tensors.add(Tensor.of(sg.tensor(op.output(0)).name() + "/output_shape", TensorType.INT32,
                    new int[] {4}, buffers.size() - 1));
            ops.add(Operator.of(OperatorCode.builtin(BuiltinOp.TRANSPOSE_CONV, 3),
                    new int[] {tensors.size() - 1, op.input(1), op.input(0), op.input(2)}, op.outputs(),
                    transposeOptions(o.getInt(0), o.getInt(4), o.getInt(8))));
            replaced++;
        }
        assertEquals(1, replaced, "the selfie model has one Convolution2DTransposeBias");
        Subgraph twin = sg.withTensors(tensors).withOperators(ops);
        List<Subgraph> subgraphs = new ArrayList<>(m.subgraphs());
        subgraphs.set(0, twin);
        return m.withBuffers(buffers).withSubgraphs(subgraphs);
    }

    private static OpOptions transposeOptions(int padding, int sw, int sh) {
        return OpOptions.of("TransposeConvOptions", transposeFields(padding, sw, sh));
    }

    private static Map<String, Object> transposeFields(int padding, int sw, int sh) {
        return Map.of("padding", (byte) (padding == SAME ? 0 : 1), "strideW", sw, "strideH", sh);
    }

    private static Model custom(int h, int w, int inC, int fh, int fw, int outC, int sw, int sh, int padding,
                                float[] weights, float[] bias) {
        return custom(h, w, inC, fh, fw, outC, sw, sh, padding, weights, bias, 12);
    }

    private static Model custom(int h, int w, int inC, int fh, int fw, int outC, int sw, int sh, int padding,
                                float[] weights, float[] bias, int optionBytes) {
        ByteBuffer o = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        o.putInt(padding).putInt(sw).putInt(sh);
        byte[] opts = java.util.Arrays.copyOf(o.array(), optionBytes);
        return new SingleOpModel(TransposeConvBiasKernel.NAME, 1)
                .input("x", TensorType.FLOAT32, new int[] {1, h, w, inC})
                .constant("w", TensorType.FLOAT32, new int[] {outC, fh, fw, inC}, null, weights)
                .constant("b", TensorType.FLOAT32, new int[] {outC}, null, bias)
                .output("y", TensorType.FLOAT32, new int[] {1, 1, 1, outC})
                .customOptions(opts)
                .build();
    }

    private static Model builtinTwin(int h, int w, int inC, int fh, int fw, int outC, int sw, int sh, int padding,
                                     float[] weights, float[] bias, int[] outShape) {
        return new SingleOpModel(BuiltinOp.TRANSPOSE_CONV, 3)
                .constant("shape", TensorType.INT32, new int[] {4}, null, outShape)
                .constant("w", TensorType.FLOAT32, new int[] {outC, fh, fw, inC}, null, weights)
                .input("x", TensorType.FLOAT32, new int[] {1, h, w, inC})
                .constant("b", TensorType.FLOAT32, new int[] {outC}, null, bias)
                .output("y", TensorType.FLOAT32, outShape)
                .options("TransposeConvOptions", transposeFields(padding, sw, sh))
                .build();
    }

    private record Expected(int[] shape, float[] values) {
    }

    /** MediaPipe's Prepare (output size, padding) and reference loop, transcribed from its source. */
    private static Expected mediaPipe(float[] x, int inH, int inW, int inC, float[] wt, int fh, int fw, int outC,
                                      float[] bias, int sw, int sh, int padding) {
        int padTotalH = padding == SAME ? Math.max(0, fh - (inH - 1) % sh - 1) : 0;
        int padTotalW = padding == SAME ? Math.max(0, fw - (inW - 1) % sw - 1) : 0;
        int outH = sh * (inH - 1) + fh - padTotalH;
        int outW = sw * (inW - 1) + fw - padTotalW;
        int padH = padTotalH / 2;
        int padW = padTotalW / 2;
        float[] y = new float[outH * outW * outC];
        for (int i = 0; i < y.length; i++) {
            y[i] = bias[i % outC];
        }
        for (int iy = 0; iy < inH; iy++) {
            for (int ix = 0; ix < inW; ix++) {
                for (int ic = 0; ic < inC; ic++) {
                    for (int ky = 0; ky < fh; ky++) {
                        for (int kx = 0; kx < fw; kx++) {
                            for (int oc = 0; oc < outC; oc++) {
                                int oy = iy * sh - padH + ky;
                                int ox = ix * sw - padW + kx;
                                if (oy >= 0 && oy < outH && ox >= 0 && ox < outW) {
                                    y[(oy * outW + ox) * outC + oc] += x[(iy * inW + ix) * inC + ic]
                                            * wt[((oc * fh + ky) * fw + kx) * inC + ic];
                                }
                            }
                        }
                    }
                }
            }
        }
        return new Expected(new int[] {1, outH, outW, outC}, y);
    }

    private static float[] values(SplittableRandom rnd, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (rnd.nextDouble() * 2 - 1);
        }
        return v;
    }

    private static ByteBuffer floatBytes(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        return b;
    }

    private static byte[] intBytes(int[] v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(v);
        return b.array();
    }

    private static byte[] bytes(Model m) {
        ByteBuffer b = TfliteWriter.toBytes(m);
        byte[] a = new byte[b.remaining()];
        b.get(a);
        return a;
    }
}
