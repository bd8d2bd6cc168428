package dev.slimfit.optimize.prune;

/**
 * How a weight tensor's elements split into output channels and, per channel, the reduction
 * elements (what one output value sums over). Conv filters [O,H,W,I] and FC weights [O,I] keep a
 * channel's reduction contiguous (stride 1, offset o·K); depthwise filters [1,H,W,C] interleave
 * channels (stride C, offset c).
 *
 * @param channels  number of output channels
 * @param reduction reduction elements per channel (K)
 * @param stride    distance between consecutive reduction elements of one channel
 * @param channelStep distance between the first elements of consecutive channels
 */
public record WeightLayout(int channels, int reduction, int stride, int channelStep) {
    /** Conv/FC style: output dimension 0. */
    public static WeightLayout outputFirst(int[] shape) {
        int o = shape.length == 0 ? 1 : shape[0];
        int k = 1;
        for (int i = 1; i < shape.length; i++) {
            k *= shape[i];
        }
        return new WeightLayout(o, k, 1, k);
    }

    /** Depthwise style: output dimension last. */
    public static WeightLayout outputLast(int[] shape) {
        int c = shape[shape.length - 1];
        int k = 1;
        for (int i = 0; i < shape.length - 1; i++) {
            k *= shape[i];
        }
        return new WeightLayout(c, k, c, 1);
    }

    /** Flat index of reduction element {@code j} of channel {@code ch}. */
    public int index(int ch, int j) {
        return ch * channelStep + j * stride;
    }
}
