package dev.slimfit.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimfit.model.TensorType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** A [1, H, W] float input (MNIST LSTMs: rows as time steps) takes one grey image, pixel for pixel. */
class GreyRank3InputTest {
    @Test
    void greyImageFillsARank3InputRowMajor() {
        InputSpec in = new InputSpec("x", TensorType.FLOAT32, new int[] {1, 2, 3}, 0f, 0);
        Preprocessing pre = Preprocessing.defaults(in, null).withNormalization(Preprocessing.Normalization.zeroToOne());
        byte[] grey = {0, 51, 102, (byte) 153, (byte) 204, (byte) 255};
        byte[] out = new ImagePreprocessor(pre, in).apply(RgbImage.fromGrey(3, 2, grey));
        ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(24, out.length);
        for (int i = 0; i < 6; i++) {
            assertEquals((float) ((grey[i] & 0xFF) / 255.0), b.getFloat(4 * i), 0f);
        }
    }

    @Test
    void otherRanksAreStillRefusedByName() {
        InputSpec in = new InputSpec("tokens", TensorType.FLOAT32, new int[] {2, 28, 28}, 0f, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ImagePreprocessor(Preprocessing.defaults(in, null), in));
        assertTrue(e.getMessage().contains("'tokens'") && e.getMessage().contains("not an image tensor"),
                e.getMessage());
    }
}
