package dev.slimfit.runtime.kernels.conv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.slimfit.model.Model;
import dev.slimfit.model.TensorType;
import dev.slimfit.testing.Conformance;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The tiled CONV_2D paths against a plain transcription of TFLite's reference loop
 * (reference_ops::Conv), on many random geometries without the oracle. Floats must be equal, not
 * merely close: the tiled path keeps the reference's summation order. Matrix-vector shapes (one
 * output pixel or one output channel) do not take the tiled path: 2.6.2 sums them in Eigen's lane
 * order, not the reference's ({@link EigenGemv}), nor do the last {@code outC mod 8} channels
 * ({@link EigenGemm}); Conv2DKernelTest holds those bit for bit against TFLite itself.
 */
class FastPathMatchesReferenceTest {
    /**
     * reference_ops::Conv (float): sum over (fy, fx, ic) of in-bounds taps, then bias, then clamp —
     * except that k is summed in passes of {@code kc} taps, each from zero and then added, as the
     * optimized kernel's Eigen GEMM blocks its depth ({@code kc = k}: the reference loop itself).
     */
    static float[] referenceConv(float[] x, int[] in, float[] f, int[] fs, float[] bias, int sh, int sw, int dh,
                                 int dw, int padding, int[] out, float lo, float hi, int kc) {
        int padH = ConvSupport.padBefore(sh, dh, in[1], fs[1], out[1]);
        int padW = ConvSupport.padBefore(sw, dw, in[2], fs[2], out[2]);
        float[] y = new float[out[0] * out[1] * out[2] * out[3]];
        for (int b = 0; b < out[0]; b++) {
            for (int oy = 0; oy < out[1]; oy++) {
                for (int ox = 0; ox < out[2]; ox++) {
                    for (int oc = 0; oc < out[3]; oc++) {
                        float total = 0f;
                        float pass = 0f;
                        int kk = 0;
                        for (int fy = 0; fy < fs[1]; fy++) {
                            for (int fx = 0; fx < fs[2]; fx++) {
                                int iy = oy * sh - padH + fy * dh;
                                int ix = ox * sw - padW + fx * dw;
                                boolean inside = iy >= 0 && iy < in[1] && ix >= 0 && ix < in[2];
                                for (int ic = 0; ic < in[3]; ic++, kk++) {
                                    if (kk > 0 && kk % kc == 0) {
                                        total += pass;
                                        pass = 0f;
                                    }
                                    if (inside) {
                                        pass += x[((b * in[1] + iy) * in[2] + ix) * in[3] + ic]
                                                * f[((oc * fs[1] + fy) * fs[2] + fx) * fs[3] + ic];
                                    }
                                }
                            }
                        }
                        total += pass;
                        y[((b * out[1] + oy) * out[2] + ox) * out[3] + oc] = Math.min(Math.max(total + bias[oc], lo), hi);
                    }
                }
            }
        }
        return y;
    }

    static float[] floats(Model m, int input) {
        var sg = m.mainSubgraph();
        var t = sg.tensor(sg.operators().get(0).inputs()[input]);
        var bb = m.buffers().get(t.buffer()).data().duplicate().order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[bb.remaining() / 4];
        bb.asFloatBuffer().get(v);
        return v;
    }

    @Test
    void floatConvEqualsReferenceLoopExactly() throws Exception {
        Random r = new Random(42);
        for (int iter = 0; iter < 52; iter++) {
            // The last cases are large enough to cross pixel tiles and k blocks (ConvTiles, RowGemm).
            boolean large = iter >= 40;
            int[] in = large ? new int[] {1, 5 + r.nextInt(12), 5 + r.nextInt(12), 60 + r.nextInt(150)}
                    : new int[] {1 + r.nextInt(2), 1 + r.nextInt(12), 1 + r.nextInt(12), 1 + r.nextInt(20)};
            int fh = 1 + r.nextInt(4);
            int fw = 1 + r.nextInt(4);
            int s = 1 + r.nextInt(2);
            int d = 1 + r.nextInt(2);
            int padding = r.nextInt(2);
            int outC = 1 + r.nextInt(large ? 90 : 40);
            if (padding == 1 && ((fh - 1) * d + 1 > in[1] || (fw - 1) * d + 1 > in[2])) {
                padding = 0;
            }
            var c = new Conv2DKernelTest.Case(TensorType.FLOAT32, TensorType.FLOAT32, in, outC, fh, fw, s, s, d, d,
                    padding, r.nextInt(4), true, true);
            Model m = Conv2DKernelTest.model(c, iter);
            List<byte[]> inputs = Conformance.inputs(m, iter);
            byte[] got = Conformance.runOurs(m, inputs, 1 + iter % 2).get(0);
            float[] x = new float[inputs.get(0).length / 4];
            ByteBuffer.wrap(inputs.get(0)).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(x);
            var out = m.mainSubgraph().tensor(m.mainSubgraph().outputs()[0]).shape();
            if (out[0] * out[1] * out[2] == 1 || outC == 1) {
                continue;
            }
            var range = ConvSupport.floatActivation(c.act());
            int k = fh * fw * in[3];
            float[] want = referenceConv(x, in, floats(m, 1), new int[] {outC, fh, fw, in[3]}, floats(m, 2), s, s, d, d,
                    padding, out, range[0], range[1], EigenGemm.kc(k, outC, out[0] * out[1] * out[2]));
            float[] have = new float[want.length];
            ByteBuffer.wrap(got).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(have);
            int inOrder = EigenGemm.hasRemainder(k, outC, out[0] * out[1] * out[2]) ? EigenGemm.MR * (outC / EigenGemm.MR)
                    : outC;
            for (int i = 0; i < want.length; i++) {
                if (i % outC >= inOrder) {
                    continue;
                }
                assertEquals(want[i], have[i], 0f, "case " + iter + " element " + i);
            }
        }
    }
}
