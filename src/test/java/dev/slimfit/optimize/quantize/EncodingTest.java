package dev.slimfit.optimize.quantize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** The converter's number rules: ranges widened to 0, nudged zero points, symmetric weights, biases. */
class EncodingTest {
    @Test
    void asymmetricRangeIsWidenedToContainZero() {
        float[] sz = Ranges.asymmetric8(2f, 6f);
        assertEquals(6f / 255f, sz[0], 0f);
        assertEquals(-128, (int) sz[1]);
    }

    @Test
    void zeroPointIsRoundedSoZeroIsExact() {
        float[] sz = Ranges.asymmetric8(-1f, 3f);
        float scale = 4f / 255f;
        assertEquals(scale, sz[0], 0f);
        assertEquals(Math.round(-128 + 1 / scale), (int) sz[1]);
    }

    @Test
    void emptyRangeGetsScaleOne() {
        assertArrayEquals(new float[] {1f, -128}, Ranges.asymmetric8(0f, 0f));
        assertArrayEquals(new float[] {1f, 0}, Ranges.symmetric16(0f, 0f));
    }

    @Test
    void int16IsSymmetricOverTheLargerMagnitude() {
        float[] sz = Ranges.symmetric16(-2f, 8f);
        assertEquals(8f / 32767f, sz[0], 0f);
        assertEquals(0, (int) sz[1]);
    }

    @Test
    void perChannelWeightsScaleEachOutputChannel() {
        // shape [2, 3]: channel 0 max 1.27, channel 1 max 0.254, dim 0
        float[] w = {1.27f, -0.635f, 0f, 0.254f, -0.127f, 0.0635f};
        WeightCodec.Encoded e = WeightCodec.symmetricInt8(w, new int[] {2, 3}, 0);
        assertEquals(0.01f, e.scales()[0], 1e-7f);
        assertEquals(0.002f, e.scales()[1], 1e-8f);
        assertArrayEquals(new byte[] {127, -64, 0, 127, -64, 32}, e.bytes());
    }

    @Test
    void depthwiseChannelsAreTheLastDimension() {
        float[] w = {1f, 2f, -1f, -4f};
        WeightCodec.Encoded e = WeightCodec.symmetricInt8(w, new int[] {1, 2, 1, 2}, 3);
        assertEquals(1f / 127f, e.scales()[0], 1e-8f);
        assertEquals(4f / 127f, e.scales()[1], 1e-8f);
    }

    @Test
    void allZeroChannelGetsScaleOne() {
        WeightCodec.Encoded e = WeightCodec.symmetricInt8(new float[] {0f, 0f}, new int[] {2}, -1);
        assertEquals(1f, e.scales()[0]);
    }

    @Test
    void biasUsesInputTimesWeightScale() {
        WeightCodec.Encoded e = WeightCodec.bias(new float[] {1f, -0.25f}, 0.5f, new float[] {0.01f, 0.001f}, false);
        ByteBuffer b = ByteBuffer.wrap(e.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(200, b.getInt());
        assertEquals(-500, b.getInt());
        assertEquals(0.005f, e.scales()[0], 1e-9f);
    }

    @Test
    void int16x8BiasIsInt64() {
        WeightCodec.Encoded e = WeightCodec.bias(new float[] {3f}, 1e-4f, new float[] {1e-4f}, true);
        assertEquals(8, e.bytes().length);
        assertEquals(300_000_000L, ByteBuffer.wrap(e.bytes()).order(ByteOrder.LITTLE_ENDIAN).getLong(), 100);
    }
}
