package dev.slimfit.eval;

import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Decodes jpg/png/bmp/gif files to raw {@link RgbImage}s WITHOUT colour management. This is the
 * only class of the eval layer that touches {@code java.awt.image}.
 *
 * <p>Why not {@code ImageIO.read}: it applies embedded ICC profiles (14 of the shared ImageNet
 * samples change by up to 115 levels) and tags grey JPEGs as linear grey, so {@code getRGB}
 * gamma-brightens them. TF and PIL use libjpeg's decoded samples as they are. So JPEGs are read
 * with {@link ImageReader#readRaster} (libjpeg's samples before any colour conversion) and
 * YCbCr is converted to RGB here with libjpeg's own fixed-point tables; other formats are read
 * as rasters and palettes expanded by hand.
 */
public final class ImageDecoder {
    private static final int SCALEBITS = 16;
    private static final int ONE_HALF = 1 << (SCALEBITS - 1);

    private ImageDecoder() {
    }

    /** Decodes {@code file}; fails with a message naming the file for unreadable or odd images. */
    public static RgbImage decode(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such image file");
        }
        try {
            return decode(file, false);
        } catch (IOException e) {
            // A malformed ancillary chunk (e.g. a 2-byte bKGD in an RGBA PNG, as in go-tflite's MNIST
            // samples) makes ImageIO fail while parsing metadata; the pixels do not need it.
            try {
                return decode(file, true);
            } catch (IOException | RuntimeException retry) {
                throw e;
            }
        }
    }

    private static RgbImage decode(Path file, boolean ignoreMetadata) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new IOException(file + ": not an image format Slimfit can read (jpg, png, bmp, gif)");
            }
            ImageReader reader = readers.next();
            try {
                boolean jpeg = "jpeg".equalsIgnoreCase(reader.getFormatName());
                if (jpeg && ignoreMetadata) {
                    throw new IOException(file + ": JPEG metadata is needed to tell YCbCr from RGB");
                }
                reader.setInput(in, true, ignoreMetadata);
                return jpeg ? jpeg(reader, file) : other(reader, file);
            } catch (IOException | RuntimeException e) {
                throw new IOException(file + ": cannot decode image: " + e.getMessage(), e);
            } finally {
                reader.dispose();
            }
        }
    }

    private static RgbImage jpeg(ImageReader reader, Path file) throws IOException {
        Raster r = reader.readRaster(0, null);
        int w = r.getWidth();
        int h = r.getHeight();
        int bands = r.getNumBands();
        int[] px = r.getPixels(r.getMinX(), r.getMinY(), w, h, (int[]) null);
        if (bands == 1) {
            byte[] g = new byte[w * h];
            for (int i = 0; i < g.length; i++) {
                g[i] = (byte) px[i];
            }
            return RgbImage.fromGrey(w, h, g);
        }
        if (bands != 3) {
            throw new IOException(file + ": JPEG with " + bands + " channels (CMYK?) is not supported");
        }
        byte[] out = new byte[w * h * 3];
        if (!isYCbCr(reader.getImageMetadata(0))) {
            for (int i = 0; i < out.length; i++) {
                out[i] = (byte) px[i];
            }
            return new RgbImage(w, h, out);
        }
        for (int i = 0; i < w * h; i++) {
            int y = px[3 * i];
            int cb = px[3 * i + 1] - 128;
            int cr = px[3 * i + 2] - 128;
            // libjpeg jdcolor.c: FIX(x) = (int)(x * 65536 + 0.5), tables with ONE_HALF rounding.
            int rr = y + ((fix(1.40200) * cr + ONE_HALF) >> SCALEBITS);
            int gg = y + ((-fix(0.34414) * cb - fix(0.71414) * cr + ONE_HALF) >> SCALEBITS);
            int bb = y + ((fix(1.77200) * cb + ONE_HALF) >> SCALEBITS);
            out[3 * i] = (byte) clamp(rr);
            out[3 * i + 1] = (byte) clamp(gg);
            out[3 * i + 2] = (byte) clamp(bb);
        }
        return new RgbImage(w, h, out);
    }

    private static int fix(double x) {
        return (int) (x * (1L << SCALEBITS) + 0.5);
    }

    private static int clamp(int v) {
        return v < 0 ? 0 : Math.min(v, 255);
    }

    /** libjpeg's default guess: JFIF or Adobe transform 1 means YCbCr; Adobe 0 or ids 'R','G','B' mean RGB. */
    private static boolean isYCbCr(IIOMetadata meta) {
        if (meta == null) {
            return true;
        }
        Node root = meta.getAsTree("javax_imageio_jpeg_image_1.0");
        if (find(root, "app0JFIF") != null) {
            return true;
        }
        Node adobe = find(root, "app14Adobe");
        if (adobe != null) {
            Node t = adobe.getAttributes().getNamedItem("transform");
            return t != null && !"0".equals(t.getNodeValue());
        }
        Node sof = find(root, "sof");
        if (sof != null) {
            StringBuilder ids = new StringBuilder();
            for (Node c = sof.getFirstChild(); c != null; c = c.getNextSibling()) {
                NamedNodeMap a = c.getAttributes();
                Node id = a == null ? null : a.getNamedItem("componentId");
                if (id != null) {
                    ids.append((char) Integer.parseInt(id.getNodeValue()));
                }
            }
            return !"RGB".contentEquals(ids);
        }
        return true;
    }

    private static Node find(Node n, String name) {
        if (name.equals(n.getNodeName())) {
            return n;
        }
        for (Node c = n.getFirstChild(); c != null; c = c.getNextSibling()) {
            Node f = find(c, name);
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    private static RgbImage other(ImageReader reader, Path file) throws IOException {
        java.awt.image.BufferedImage bi = reader.read(0);
        Raster r = bi.getRaster();
        ColorModel cm = bi.getColorModel();
        int w = r.getWidth();
        int h = r.getHeight();
        byte[] out = new byte[w * h * 3];
        if (cm instanceof IndexColorModel icm) {
            int[] idx = r.getSamples(0, 0, w, h, 0, (int[]) null);
            for (int i = 0; i < idx.length; i++) {
                out[3 * i] = (byte) icm.getRed(idx[i]);
                out[3 * i + 1] = (byte) icm.getGreen(idx[i]);
                out[3 * i + 2] = (byte) icm.getBlue(idx[i]);
            }
            return new RgbImage(w, h, out);
        }
        int colour = cm.getNumColorComponents();
        if (colour != 1 && colour != 3) {
            throw new IOException(file + ": image with " + colour + " colour channels is not supported");
        }
        int bits = cm.getComponentSize(0);
        int max = (1 << bits) - 1;
        for (int c = 0; c < 3; c++) {
            int[] s = r.getSamples(0, 0, w, h, colour == 1 ? 0 : c, (int[]) null);
            for (int i = 0; i < s.length; i++) {
                int v = bits == 8 ? s[i] : (int) Math.round(s[i] * 255.0 / max);
                out[3 * i + c] = (byte) v;
            }
        }
        return new RgbImage(w, h, out);
    }
}
