package dev.slimfit.optimize;

import dev.slimfit.model.BuiltinOp;
import dev.slimfit.model.Operator;
import dev.slimfit.model.Subgraph;

/** How many scales a weight tensor gets. */
public enum Granularity {
    /** One scale per output channel (conv: dimension 0; depthwise: dimension 3; FC: dimension 0). */
    PER_CHANNEL,
    /** One scale for the whole tensor. */
    PER_TENSOR,
    /**
     * Per channel, except where per-channel scales only add bytes: a CONV_2D whose output is 1×1
     * in space (MobileNet's logits layer, a kernel covering the whole map) is a fully-connected
     * layer, so it gets one scale, as the converter gives FULLY_CONNECTED. Measured on MobileNet v1 0.25/128 int8 (100 ImageNet
     * images): the logits layer's per-channel vectors are 16 KB (3% of the file) and buy 0.03 dB of
     * output SQNR; top-1 agreement with float 0.83 → 0.80, inside the 0.77–0.83 spread of the
     * calibration methods. Every other layer stays per channel (one layer per-tensor there costs
     * up to 9 dB).
     */
    AUTO;

    /** Whether {@code op}'s weights get one scale per output channel under this granularity. */
    public boolean perChannel(Subgraph sg, Operator op) {
        return switch (this) {
            case PER_CHANNEL -> true;
            case PER_TENSOR -> false;
            case AUTO -> !fullyConnectedConv(sg, op);
        };
    }

    /** A CONV_2D with a 1×1 output map: one dot product per output channel, a fully-connected layer. */
    static boolean fullyConnectedConv(Subgraph sg, Operator op) {
        if (!op.code().is(BuiltinOp.CONV_2D) || op.outputCount() < 1 || op.output(0) < 0) {
            return false;
        }
        int[] out = sg.tensor(op.output(0)).shape();
        return out.length == 4 && out[1] == 1 && out[2] == 1;
    }
}
