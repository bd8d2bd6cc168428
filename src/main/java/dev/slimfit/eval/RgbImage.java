package dev.slimfit.eval;

/**
 * A decoded image as 8-bit RGB, row-major, interleaved ({@code rgb[(y*width + x)*3 + c]}, values
 * 0..255): what TF's {@code decode_jpeg}/{@code decode_png} and PIL hand to preprocessing — raw
 * decoded samples, no colour management, grey replicated, alpha dropped.
 */
public record RgbImage(int width, int height, byte[] rgb) {
    public RgbImage {
        if (width <= 0 || height <= 0 || rgb.length != width * height * 3) {
            throw new IllegalArgumentException("bad image geometry " + width + "x" + height + " for "
                    + rgb.length + " bytes");
        }
    }

    /** Sample {@code c} (0=R,1=G,2=B) at (x, y), 0..255. */
    public int at(int x, int y, int c) {
        return rgb[(y * width + x) * 3 + c] & 0xFF;
    }

    /** An RGB image from grey pixels (0..255), each replicated to three channels. */
    public static RgbImage fromGrey(int width, int height, byte[] grey) {
        byte[] out = new byte[width * height * 3];
        for (int i = 0; i < grey.length; i++) {
            out[3 * i] = grey[i];
            out[3 * i + 1] = grey[i];
            out[3 * i + 2] = grey[i];
        }
        return new RgbImage(width, height, out);
    }
}
