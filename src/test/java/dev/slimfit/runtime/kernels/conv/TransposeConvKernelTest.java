package dev.slimfit.runtime.kernels.conv;

import dev.slimfit.model.BuiltinOp;
import dev.slimfit.model.Model;
import dev.slimfit.model.TensorType;
import dev.slimfit.testing.Conformance;
import dev.slimfit.testing.SingleOpModel;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TransposeConvKernelTest {
    static final int SAME = 0;
    static final int VALID = 1;

    /** in: NHWC input; out spatial size derived as a forward conv's input that yields in's size. */
    static Model model(TensorType t, int[] in, int outC, int fh, int fw, int sh, int sw, int padding, boolean bias,
                       boolean perChannel, long seed) {
        int oh = padding == SAME ? in[1] * sh : (in[1] - 1) * sh + fh;
        int ow = padding == SAME ? in[2] * sw : (in[2] - 1) * sw + fw;
        int[] outShape = {in[0], oh, ow, outC};
        int version = t == TensorType.FLOAT32 || t == TensorType.UINT8 ? (bias ? 3 : 1) : 3;
        SingleOpModel m = new SingleOpModel(BuiltinOp.TRANSPOSE_CONV, version);
        m.constant("shape", TensorType.INT32, new int[] {4}, null, outShape);
        // The filter precedes the input here, so build the pieces by hand from convLike's recipe.
        SingleOpModel scratch = new SingleOpModel(BuiltinOp.TRANSPOSE_CONV, version);
        ConvModels.convLike(scratch, new Random(seed), t, t == TensorType.INT16 ? TensorType.INT8 : t, in,
                new int[] {outC, fh, fw, in[3]}, outC, 0, perChannel, fh * fw * in[3] / (sh * sw), bias, outShape);
        Model s = scratch.build();
        var sg = s.mainSubgraph();
        var op = sg.operators().get(0);
        var x = sg.tensor(op.inputs()[0]);
        var w = sg.tensor(op.inputs()[1]);
        m.constant("w", w.type(), w.shape(), w.quantization(), bytesOf(s, w));
        m.input("x", x.type(), x.shape(), x.quantization());
        if (bias) {
            var b = sg.tensor(op.inputs()[2]);
            m.constant("bias", b.type(), b.shape(), b.quantization(), bytesOf(s, b));
        }
        var y = sg.tensor(op.outputs()[0]);
        m.output("y", y.type(), y.shape(), y.quantization());
        return m.options("TransposeConvOptions", Map.of("padding", (byte) padding, "strideW", sw, "strideH", sh))
                .build();
    }

    /** As {@link #model} but with output_shape as a model input (TFLite then makes the output dynamic). */
    static Model runtimeShapeModel(TensorType t, int[] in, int outC, int fh, int fw, int sh, int sw, int padding,
                                   int[] declared, long seed) {
        Model s = model(t, in, outC, fh, fw, sh, sw, padding, true, true, seed);
        var sg = s.mainSubgraph();
        var op = sg.operators().get(0);
        int version = t == TensorType.FLOAT32 || t == TensorType.UINT8 ? 3 : 3;
        SingleOpModel m = new SingleOpModel(BuiltinOp.TRANSPOSE_CONV, version);
        m.input("shape", TensorType.INT32, new int[] {4});
        var w = sg.tensor(op.inputs()[1]);
        m.constant("w", w.type(), w.shape(), w.quantization(), bytesOf(s, w));
        var x = sg.tensor(op.inputs()[2]);
        m.input("x", x.type(), x.shape(), x.quantization());
        var b = sg.tensor(op.inputs()[3]);
        m.constant("bias", b.type(), b.shape(), b.quantization(), bytesOf(s, b));
        var y = sg.tensor(op.outputs()[0]);
        m.output("y", y.type(), declared, y.quantization());
        return m.options("TransposeConvOptions", Map.of("padding", (byte) padding, "strideW", sw, "strideH", sh))
                .build();
    }

    static byte[] shapeBytes(int... shape) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(16).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int d : shape) {
            b.putInt(d);
        }
        return b.array();
    }

    @Test
    void runtimeOutputShapeIsReadInEvalAndMayChangeBetweenRuns() throws Exception {
        // Input 4x3, stride 2, 3x3 filter, VALID: outputs 9x7 and 10x8 both map back to 4x3.
        int[][] shapes = {{1, 9, 7, 5}, {1, 10, 8, 5}, {1, 9, 7, 5}};
        for (TensorType t : new TensorType[] {TensorType.FLOAT32, TensorType.UINT8, TensorType.INT8,
                TensorType.INT16}) {
            Model m = runtimeShapeModel(t, new int[] {1, 4, 3, 2}, 5, 3, 3, 2, 2, VALID, new int[] {1, 9, 7, 5}, 7);
            byte[] file = ConvModels.bytes(m);
            byte[] x = Conformance.inputs(m, 3).get(1);
            try (var it = dev.slimfit.runtime.Interpreter.create(m)) {
                for (int[] shape : shapes) {
                    var in = java.util.List.of(shapeBytes(shape), x);
                    var ref = dev.slimfit.oracle.InProcessOracle.get().run(file, in,
                            dev.slimfit.oracle.OracleOptions.DEFAULT);
                    org.junit.jupiter.api.Assertions.assertTrue(ref.isOk(), ref.message());
                    it.input(0).copyFrom(java.nio.ByteBuffer.wrap(in.get(0)));
                    it.input(1).copyFrom(java.nio.ByteBuffer.wrap(in.get(1)));
                    it.invoke();
                    org.junit.jupiter.api.Assertions.assertArrayEquals(shape, it.output(0).shape());
                    var bb = it.output(0).toByteBuffer();
                    byte[] got = new byte[bb.remaining()];
                    bb.get(got);
                    Conformance.compare("y", t, ref.outputBytes(0), got, Conformance.FLOAT_TOL,
                            t + " " + java.util.Arrays.toString(shape));
                }
            }
        }
    }

    @Test
    void runtimeOutputShapeThatDoesNotMapBackToTheInputIsRejected() throws Exception {
        Model m = runtimeShapeModel(TensorType.INT8, new int[] {1, 4, 3, 2}, 5, 3, 3, 2, 2, VALID,
                new int[] {1, 9, 7, 5}, 7);
        try (var it = dev.slimfit.runtime.Interpreter.create(m)) {
            it.input(0).copyFrom(java.nio.ByteBuffer.wrap(shapeBytes(1, 12, 7, 5)));
            org.junit.jupiter.api.Assertions.assertThrows(dev.slimfit.runtime.KernelException.class, it::invoke);
        }
    }

    static byte[] bytesOf(Model m, dev.slimfit.model.Tensor t) {
        var bb = m.buffers().get(t.buffer()).data();
        byte[] a = new byte[bb.remaining()];
        bb.duplicate().get(a);
        return a;
    }

    static void checkAll(TensorType t) {
        Conformance.check(model(t, new int[] {1, 4, 5, 3}, 4, 3, 3, 2, 2, SAME, true, true, 1), 2);
        Conformance.check(model(t, new int[] {2, 3, 3, 2}, 5, 3, 3, 2, 2, VALID, true, true, 2), 2);
        Conformance.check(model(t, new int[] {1, 5, 4, 4}, 3, 2, 3, 1, 2, SAME, true, false, 3), 2);
        Conformance.check(model(t, new int[] {1, 3, 4, 2}, 2, 4, 4, 3, 3, VALID, false, true, 4), 2);
        Conformance.check(model(t, new int[] {1, 6, 6, 8}, 6, 1, 1, 1, 1, SAME, true, true, 5), 2);
        Conformance.check(model(t, new int[] {1, 8, 8, 16}, 16, 3, 3, 2, 2, SAME, true, true, 6), 2);
    }

    @Test
    void float32MatchesTflite() {
        checkAll(TensorType.FLOAT32);
    }

    @Test
    void uint8IsBitExact() {
        checkAll(TensorType.UINT8);
    }

    @Test
    void int8PerChannelIsBitExact() {
        checkAll(TensorType.INT8);
    }

    @Test
    void int16ActivationsWithInt8FiltersAreBitExact() {
        checkAll(TensorType.INT16);
    }
}
