package dev.slimfit.eval;

import dev.slimfit.model.TensorType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Turns an {@link RgbImage} into the bytes of one input tensor by a {@link Preprocessing}:
 * central crop exactly as {@code tf.image.central_crop}, bilinear resize in double precision with
 * no intermediate rounding, grey conversion for 1-channel inputs, layout, normalisation and
 * quantization ({@code clamp(round_half_away(v/scale) + zp)}).
 */
public final class ImagePreprocessor {
    private final Preprocessing pre;
    private final InputSpec input;
    private final int height;
    private final int width;
    private final int channels;
    private final boolean nchw;

    /**
     * Fails when the input is not an image tensor: rank 4 with 1 or 3 channels, or rank 3
     * {@code [1, H, W]} (one grey image without a channel axis, as MNIST LSTMs take it).
     */
    public ImagePreprocessor(Preprocessing pre, InputSpec input) {
        this.pre = pre;
        this.input = input;
        int[] s = input.shape();
        if (s.length == 3 && s[0] == 1) {
            nchw = false;
            channels = 1;
            height = s[1];
            width = s[2];
        } else if (s.length == 4) {
            boolean cLast = s[3] == 1 || s[3] == 3;
            boolean cFirst = s[1] == 1 || s[1] == 3;
            nchw = switch (pre.layout()) {
                case NCHW -> true;
                case NHWC -> false;
                case AUTO -> !cLast && cFirst;
            };
            channels = nchw ? s[1] : s[3];
            height = nchw ? s[2] : s[1];
            width = nchw ? s[3] : s[2];
        } else {
            throw new IllegalArgumentException("input " + input + " is not an image tensor (rank 4 [N,H,W,C], or"
                    + " [1,H,W] for one grey image, expected)");
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("input " + input + " has " + channels
                    + " channels; image preprocessing handles 1 (grey) or 3 (RGB)");
        }
        if (input.type() != TensorType.FLOAT32 && !input.type().isQuantizedInteger()) {
            throw new IllegalArgumentException("input " + input + ": images can feed float32, uint8, int8 or int16");
        }
    }

    public Preprocessing preprocessing() {
        return pre;
    }

    /** The input tensor bytes (little-endian) for {@code img}. */
    public byte[] apply(RgbImage img) {
        double[] px = resized(crop(img));
        ByteBuffer out = ByteBuffer.allocate(input.byteSize()).order(ByteOrder.LITTLE_ENDIAN);
        int plane = height * width;
        for (int i = 0; i < plane * channels; i++) {
            int c;
            int p;
            if (nchw) {
                c = i / plane;
                p = i % plane;
            } else {
                c = i % channels;
                p = i / channels;
            }
            double level;
            if (channels == 1) {
                double r = px[3 * p];
                double g = px[3 * p + 1];
                double b = px[3 * p + 2];
                // Grey sources stay exact (0.2989+0.5870+0.1140 is 0.9999, which would dim them).
                level = r == g && g == b ? r : 0.2989 * r + 0.5870 * g + 0.1140 * b;
            } else {
                int src = pre.order() == Preprocessing.ChannelOrder.BGR ? 2 - c : c;
                level = px[3 * p + src];
            }
            put(out, level, c);
        }
        return out.array();
    }

    private void put(ByteBuffer out, double level, int c) {
        Preprocessing.Normalization n = pre.normalization();
        TensorType t = input.type();
        if (t == TensorType.FLOAT32) {
            out.putFloat((float) n.apply(level, c));
            return;
        }
        long qmin = qmin(t);
        long qmax = qmax(t);
        long q = switch (n.kind()) {
            case RAW_BYTES -> roundHalfAway(level);
            case FILL -> qmin + roundHalfAway(level);
            case MEAN_STD -> {
                if (!input.quantized()) {
                    throw new IllegalArgumentException("input " + input + " is integer without a scale: use raw or fill");
                }
                yield roundHalfAway(n.apply(level, c) / input.scale()) + input.zeroPoint();
            }
        };
        q = Math.max(qmin, Math.min(qmax, q));
        switch (t) {
            case INT16 -> out.putShort((short) q);
            default -> out.put((byte) q);
        }
    }

    static long qmin(TensorType t) {
        return switch (t) {
            case INT8 -> -128;
            case INT16 -> Short.MIN_VALUE;
            default -> 0;
        };
    }

    static long qmax(TensorType t) {
        return switch (t) {
            case INT8 -> 127;
            case INT16 -> Short.MAX_VALUE;
            default -> 255;
        };
    }

    /** Rounds half away from zero (C's {@code round}). */
    public static long roundHalfAway(double v) {
        return v < 0 ? -(long) Math.floor(-v + 0.5) : (long) Math.floor(v + 0.5);
    }

    /** {@code tf.image.central_crop}: y0 = int((h - h*F)/2), height h - 2*y0; same for x. */
    private RgbImage crop(RgbImage img) {
        double f = pre.cropFraction();
        if (f >= 1.0) {
            return img;
        }
        int h = img.height();
        int w = img.width();
        int y0 = (int) ((h - h * f) / 2);
        int x0 = (int) ((w - w * f) / 2);
        int ch = h - 2 * y0;
        int cw = w - 2 * x0;
        byte[] out = new byte[ch * cw * 3];
        for (int y = 0; y < ch; y++) {
            System.arraycopy(img.rgb(), ((y + y0) * w + x0) * 3, out, y * cw * 3, cw * 3);
        }
        return new RgbImage(cw, ch, out);
    }

    /** Resized RGB levels as doubles, [height][width][3] flattened. */
    private double[] resized(RgbImage img) {
        int ih = img.height();
        int iw = img.width();
        byte[] src = img.rgb();
        double[] out = new double[height * width * 3];
        boolean half = pre.resize() == Preprocessing.Resize.BILINEAR;
        double sy = (double) ih / height;
        double sx = (double) iw / width;
        int[] x0 = new int[width];
        int[] x1 = new int[width];
        double[] xl = new double[width];
        for (int x = 0; x < width; x++) {
            double fx = half ? (x + 0.5) * sx - 0.5 : x * sx;
            fx = Math.max(0, Math.min(fx, iw - 1));
            x0[x] = (int) Math.floor(fx);
            x1[x] = Math.min(x0[x] + 1, iw - 1);
            xl[x] = fx - x0[x];
        }
        for (int y = 0; y < height; y++) {
            double fy = half ? (y + 0.5) * sy - 0.5 : y * sy;
            fy = Math.max(0, Math.min(fy, ih - 1));
            int y0 = (int) Math.floor(fy);
            int y1 = Math.min(y0 + 1, ih - 1);
            double yl = fy - y0;
            for (int x = 0; x < width; x++) {
                for (int c = 0; c < 3; c++) {
                    double tl = src[(y0 * iw + x0[x]) * 3 + c] & 0xFF;
                    double tr = src[(y0 * iw + x1[x]) * 3 + c] & 0xFF;
                    double bl = src[(y1 * iw + x0[x]) * 3 + c] & 0xFF;
                    double br = src[(y1 * iw + x1[x]) * 3 + c] & 0xFF;
                    double top = tl + (tr - tl) * xl[x];
                    double bottom = bl + (br - bl) * xl[x];
                    out[(y * width + x) * 3 + c] = top + (bottom - top) * yl;
                }
            }
        }
        return out;
    }
}
