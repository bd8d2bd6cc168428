package dev.slimfit.runtime.kernels.conv;

import dev.slimfit.model.OpOptions;
import dev.slimfit.model.Padding;
import dev.slimfit.runtime.KernelException;

/**
 * The spatial geometry of a conv or pool node: NHWC input and output sizes, filter extent,
 * strides, dilations and the leading padding TFLite 2.6.2 computes for SAME/VALID.
 */
record Window(int batches, int inH, int inW, int filterH, int filterW, int outH, int outW,
              int strideH, int strideW, int dilationH, int dilationW, int padH, int padW) {

    /** From the options' padding, strides and (when the op has them) dilation factors. */
    static Window of(OpOptions o, int batches, int inH, int inW, int filterH, int filterW, boolean dilated)
            throws KernelException {
        if (o == null) {
            throw new KernelException("missing builtin options");
        }
        Padding padding = o.padding();
        int sh = ConvSupport.positive(o.getInt("strideH", 1), "stride_h");
        int sw = ConvSupport.positive(o.getInt("strideW", 1), "stride_w");
        int dh = dilated ? ConvSupport.positive(o.getInt("dilationHFactor", 1), "dilation_h") : 1;
        int dw = dilated ? ConvSupport.positive(o.getInt("dilationWFactor", 1), "dilation_w") : 1;
        int oh = ConvSupport.outSize(padding, inH, filterH, sh, dh);
        int ow = ConvSupport.outSize(padding, inW, filterW, sw, dw);
        if (oh <= 0 || ow <= 0) {
            throw new KernelException("the filter " + filterH + "x" + filterW + " does not fit the input "
                    + inH + "x" + inW + " (" + padding + ")");
        }
        return new Window(batches, inH, inW, filterH, filterW, oh, ow, sh, sw, dh, dw,
                ConvSupport.padBefore(sh, dh, inH, filterH, oh), ConvSupport.padBefore(sw, dw, inW, filterW, ow));
    }

    int outPixels() {
        return batches * outH * outW;
    }

    /** True when every tap of output row oy / column ox is inside the input. */
    boolean rowInside(int oy) {
        int y0 = oy * strideH - padH;
        return y0 >= 0 && y0 + (filterH - 1) * dilationH < inH;
    }

    boolean colInside(int ox) {
        int x0 = ox * strideW - padW;
        return x0 >= 0 && x0 + (filterW - 1) * dilationW < inW;
    }
}
