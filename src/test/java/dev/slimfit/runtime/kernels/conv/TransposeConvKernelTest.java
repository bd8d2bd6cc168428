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
