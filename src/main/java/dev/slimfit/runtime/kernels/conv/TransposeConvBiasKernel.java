package dev.slimfit.runtime.kernels.conv;

import dev.slimfit.model.TensorType;
import dev.slimfit.runtime.Kernel;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.PreparedOp;
import dev.slimfit.runtime.RuntimeTensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * MediaPipe's custom op {@code Convolution2DTransposeBias} (mediapipe/util/tflite/operations/
 * transpose_conv_bias.cc), used by MediaPipe's segmentation models (selfie segmentation). Stock
 * TensorFlow Lite has no kernel for it (2.6.2 refuses the model; its XNNPACK delegate does not take
 * it either), so it is checked against the formula of MediaPipe's reference kernel rather than the
 * oracle:
 * <ul>
 *   <li>inputs: NHWC float32 input, OHWI float32 weights, float32 bias; no output-shape input;</li>
 *   <li>custom options: the raw C struct {@code TfLiteTransposeConvParams} — int32 padding
 *       (1 = SAME, 2 = VALID), int32 stride_width, int32 stride_height, little-endian;</li>
 *   <li>output size {@code stride·(in−1) + filter − padTotal} where SAME has
 *       {@code padTotal = max(0, filter − (in−1) mod stride − 1)} and VALID none; the leading
 *       padding is {@code padTotal / 2};</li>
 *   <li>each output element starts at its bias and receives the products of the input pixels
 *       that reach it in input-pixel, then input-channel order (bias first, unlike
 *       TRANSPOSE_CONV, which adds it last).</li>
 * </ul>
 */
public final class TransposeConvBiasKernel implements Kernel {
    /** The custom code MediaPipe registers. */
    public static final String NAME = "Convolution2DTransposeBias";

    @Override
    public PreparedOp prepare(OpContext ctx) throws KernelException {
        if (ctx.inputCount() != 3 || ctx.outputCount() != 1) {
            throw new KernelException(NAME + ": needs 3 inputs (input, weights, bias) and 1 output");
        }
        RuntimeTensor in = ctx.requireInput(0);
        RuntimeTensor filter = ctx.requireInput(1);
        RuntimeTensor bias = ctx.requireInput(2);
        RuntimeTensor out = ctx.output(0);
        for (RuntimeTensor t : new RuntimeTensor[] {in, filter, bias, out}) {
            if (t.type() != TensorType.FLOAT32) {
                throw new KernelException(NAME + ": only float32 is defined (MediaPipe's kernel), got " + t);
            }
        }
        ConvSupport.checkRank(in, "input", 4);
        ConvSupport.checkRank(filter, "weights", 4);
        ConvSupport.checkRank(bias, "bias", 1);
        int inC = in.dim(3);
        int outC = filter.dim(0);
        if (filter.dim(3) != inC || bias.dim(0) != outC) {
            throw new KernelException(NAME + ": weights " + filter + " do not match input " + in + " and bias " + bias);
        }
        byte[] raw = ctx.operator().customOptions();
        if (raw == null || raw.length < 12) {
            throw new KernelException(NAME + ": custom options must hold padding, stride_width, stride_height"
                    + " (12 bytes), got " + (raw == null ? 0 : raw.length));
        }
        ByteBuffer o = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        int padding = o.getInt(0);
        int sw = o.getInt(4);
        int sh = o.getInt(8);
        if (padding != 1 && padding != 2 || sw <= 0 || sh <= 0) {
            throw new KernelException(NAME + ": bad options padding=" + padding + " stride=" + sw + "x" + sh);
        }
        int fh = filter.dim(1);
        int fw = filter.dim(2);
        int inH = in.dim(1);
        int inW = in.dim(2);
        int padTotalH = padding == 1 ? Math.max(0, fh - (inH - 1) % sh - 1) : 0;
        int padTotalW = padding == 1 ? Math.max(0, fw - (inW - 1) % sw - 1) : 0;
        int outH = sh * (inH - 1) + fh - padTotalH;
        int outW = sw * (inW - 1) + fw - padTotalW;
        out.resize(new int[] {in.dim(0), outH, outW, outC});
        // The forward conv from the output back to the input: its "input" is our output.
        Window fwd = new Window(in.dim(0), outH, outW, fh, fw, inH, inW, sh, sw, 1, 1, padTotalH / 2, padTotalW / 2);
        float[] wt = TransposeConvKernel.tapMajor(filter.floats(), outC, fh * fw, inC);
        float[] b = bias.floats();
        int size = out.flatSize();
        return () -> {
            float[] y = out.floats();
            for (int i = 0; i < size; i += outC) {
                System.arraycopy(b, 0, y, i, outC);
            }
            TransposeConvKernel.scatterFloat(in.floats(), wt, y, fwd, inH, inW, inC, outC);
        };
    }
}
