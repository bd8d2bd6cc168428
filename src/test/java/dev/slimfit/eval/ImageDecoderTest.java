package dev.slimfit.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimfit.oracle.SharedModels;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * go-tflite's MNIST PNGs (RGBA, 100×100) carry a 2-byte bKGD chunk, which the PNG spec allows only
 * for grey images: ImageIO fails when it reads their metadata (which JPEG decoding needs). A user's calibration or evaluation folder of
 * such files must still decode: the pixels do not need the metadata.
 */
class ImageDecoderTest {
    private static Path digit(int d) {
        return SharedModels.root().resolve("data/mnist/gotflite_" + d + ".png");
    }

    @Test
    void pngWithAMalformedAncillaryChunkStillDecodes() throws Exception {
        Path one = digit(1);
        assertThrows(javax.imageio.IIOException.class, () -> {
            try (var in = ImageIO.createImageInputStream(one.toFile())) {
                var reader = ImageIO.getImageReaders(in).next();
                reader.setInput(in, true, false);
                reader.read(0);
            }
        }, "the file really is one ImageIO refuses when it reads the metadata");
        for (int d = 0; d < 10; d++) {
            RgbImage img = ImageDecoder.decode(digit(d));
            assertEquals(100, img.width());
            assertEquals(100, img.height());
            int min = 255;
            int max = 0;
            for (byte b : img.rgb()) {
                min = Math.min(min, b & 0xFF);
                max = Math.max(max, b & 0xFF);
            }
            assertTrue(max - min > 100, "digit " + d + " has ink: values " + min + ".." + max);
        }
    }
}
