package dev.slimfit.eval;

import dev.slimfit.model.ModelMetadataInfo;
import dev.slimfit.model.TensorType;
import java.util.Arrays;
import java.util.Locale;

/**
 * How an image becomes an input tensor, with defaults that reproduce the reference protocol
 * (TF-slim evaluation; the shared oracle's {@code classify}): central crop, bilinear resize in
 * float, channel order, layout, then normalisation.
 *
 * @param cropFraction  {@code tf.image.central_crop} fraction (1 = whole image)
 * @param resize        resize sampling
 * @param order         channel order written to the tensor
 * @param layout        tensor layout (AUTO: NCHW only when the last dim is not 1/3 and dim 1 is)
 * @param normalization pixel → value mapping
 */
public record Preprocessing(double cropFraction, Resize resize, ChannelOrder order, Layout layout,
                            Normalization normalization) {
    public Preprocessing {
        if (!(cropFraction > 0 && cropFraction <= 1)) {
            throw new IllegalArgumentException("crop fraction must be in (0, 1], got " + cropFraction);
        }
    }

    /** Resize sampling. */
    public enum Resize {
        /** Half-pixel centres: TF2 {@code tf.image.resize}, OpenCV. */
        BILINEAR,
        /** TF1 {@code resize_bilinear(align_corners=False)}: {@code src = dst*in/out}. */
        BILINEAR_TF1
    }

    /** Channel order in the tensor. */
    public enum ChannelOrder { RGB, BGR }

    /** Tensor layout. */
    public enum Layout { AUTO, NHWC, NCHW }

    /**
     * Pixel mapping. {@code RAW_BYTES}: round(p) as the integer code (uint8 TF-slim/Coral models);
     * {@code FILL}: {@code qmin + round(p)}; {@code MEAN_STD}: {@code (p/divisor - mean[c]) / std[c]},
     * then quantized when the input is: {@code clamp(round_half_away(v/scale) + zp)}.
     */
    public record Normalization(Kind kind, float[] mean, float[] std, double divisor) {
        /** The mapping kind. */
        public enum Kind { RAW_BYTES, FILL, MEAN_STD }

        public Normalization {
            mean = mean == null ? new float[] {0f} : mean.clone();
            std = std == null ? new float[] {1f} : std.clone();
        }

        /** (p - mean) / std on the 0..255 scale (the TFLite metadata convention); one value = all channels. */
        public static Normalization meanStd(float[] mean, float[] std) {
            return new Normalization(Kind.MEAN_STD, mean, std, 1.0);
        }

        /** (p - 127.5) / 127.5, range [-1, 1]. */
        public static Normalization minusOneToOne() {
            return meanStd(new float[] {127.5f}, new float[] {127.5f});
        }

        /** p / 255. */
        public static Normalization zeroToOne() {
            return meanStd(new float[] {0f}, new float[] {255f});
        }

        /** torchvision's mean/std on p/255. */
        public static Normalization imagenet() {
            return new Normalization(Kind.MEAN_STD, new float[] {0.485f, 0.456f, 0.406f},
                    new float[] {0.229f, 0.224f, 0.225f}, 255.0);
        }

        /** Maps 0..255 linearly onto [lo, hi]. */
        public static Normalization range(float lo, float hi) {
            return meanStd(new float[] {-lo * 255f / (hi - lo)}, new float[] {255f / (hi - lo)});
        }

        /** The integer code = round(p). */
        public static Normalization rawBytes() {
            return new Normalization(Kind.RAW_BYTES, null, null, 1.0);
        }

        /** The value for pixel level {@code p} of channel {@code c}. */
        public double apply(double p, int c) {
            return switch (kind) {
                case RAW_BYTES, FILL -> p;
                case MEAN_STD -> (p / divisor - mean[c % mean.length]) / std[c % std.length];
            };
        }

        @Override
        public float[] mean() {
            return mean.clone();
        }

        @Override
        public float[] std() {
            return std.clone();
        }

        @Override
        public String toString() {
            return kind == Kind.MEAN_STD ? String.format(Locale.ROOT, "mean=%s std=%s%s", Arrays.toString(mean),
                    Arrays.toString(std), divisor == 1.0 ? "" : " on p/" + divisor) : kind.toString();
        }
    }

    /** The TF-slim evaluation protocol for this input: crop 0.875, bilinear, defaults by dtype. */
    public static Preprocessing tfSlim(InputSpec input, ModelMetadataInfo.TensorInfo meta) {
        return defaults(input, meta).withCrop(0.875);
    }

    /**
     * Whole image, half-pixel bilinear, RGB, auto layout, and normalisation from the model's
     * metadata (float inputs) or by dtype: float → [-1,1]; uint8 → raw bytes; int8/int16 → the
     * standard range closest to the tensor's representable range, else FILL.
     */
    public static Preprocessing defaults(InputSpec input, ModelMetadataInfo.TensorInfo meta) {
        return new Preprocessing(1.0, Resize.BILINEAR, ChannelOrder.RGB, Layout.AUTO, defaultNorm(input, meta));
    }

    static Normalization defaultNorm(InputSpec in, ModelMetadataInfo.TensorInfo meta) {
        TensorType t = in.type();
        if (t == TensorType.UINT8) {
            return Normalization.rawBytes();
        }
        if (meta != null && meta.hasNormalization() && t == TensorType.FLOAT32) {
            return Normalization.meanStd(meta.mean(), meta.std());
        }
        if (t == TensorType.INT8 || t == TensorType.INT16) {
            return derivedNorm(in);
        }
        return Normalization.minusOneToOne();
    }

    private static Normalization derivedNorm(InputSpec in) {
        if (!in.quantized()) {
            return new Normalization(Normalization.Kind.FILL, null, null, 1.0);
        }
        int qmin = in.type() == TensorType.INT8 ? -128 : Short.MIN_VALUE;
        int qmax = in.type() == TensorType.INT8 ? 127 : Short.MAX_VALUE;
        double lo = (qmin - in.zeroPoint()) * (double) in.scale();
        double hi = (qmax - in.zeroPoint()) * (double) in.scale();
        double[][] ranges = {{-1, 1}, {0, 1}, {0, 255}, {-2.1179039301310043, 2.6399999999999997}};
        Normalization[] norms = {Normalization.minusOneToOne(), Normalization.zeroToOne(),
            Normalization.meanStd(new float[] {0f}, new float[] {1f}), Normalization.imagenet()};
        int best = -1;
        double bestErr = Double.MAX_VALUE;
        for (int i = 0; i < ranges.length; i++) {
            double width = ranges[i][1] - ranges[i][0];
            double e1 = Math.abs(lo - ranges[i][0]);
            double e2 = Math.abs(hi - ranges[i][1]);
            if (e1 <= 0.15 * width && e2 <= 0.15 * width && e1 + e2 < bestErr) {
                best = i;
                bestErr = e1 + e2;
            }
        }
        return best < 0 ? new Normalization(Normalization.Kind.FILL, null, null, 1.0) : norms[best];
    }

    public Preprocessing withCrop(double fraction) {
        return new Preprocessing(fraction, resize, order, layout, normalization);
    }

    public Preprocessing withResize(Resize r) {
        return new Preprocessing(cropFraction, r, order, layout, normalization);
    }

    public Preprocessing withOrder(ChannelOrder o) {
        return new Preprocessing(cropFraction, resize, o, layout, normalization);
    }

    public Preprocessing withLayout(Layout l) {
        return new Preprocessing(cropFraction, resize, order, l, normalization);
    }

    public Preprocessing withNormalization(Normalization n) {
        return new Preprocessing(cropFraction, resize, order, layout, n);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "crop=%s resize=%s order=%s layout=%s norm=%s", cropFraction, resize,
                order, layout, normalization);
    }
}
