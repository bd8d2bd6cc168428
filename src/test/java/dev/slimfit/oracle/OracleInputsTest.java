package dev.slimfit.oracle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class OracleInputsTest {

    @Test
    void pinnedValuesFollowTheDocumentedRecipe() {
        // SplitMix64 from state 0: first outputs 0xE220A8397B1DCDAF, 0x6E789E6AA1B965F4 (published test vector)
        ByteBuffer f = ByteBuffer.wrap(OracleInputs.generate("FLOAT32", new int[] {2}, 0))
                .order(ByteOrder.LITTLE_ENDIAN);
        assertEquals((0xE220A8 - 8388608) / 8388608.0f, f.getFloat(0));
        assertEquals((0x6E789E - 8388608) / 8388608.0f, f.getFloat(4));
        assertArrayEquals(new byte[] {(byte) 0xE2, 0x6E}, OracleInputs.generate("INT8", new int[] {2}, 0));
        assertArrayEquals(new byte[] {(byte) 0xE2, 0x6E}, OracleInputs.generate("UINT8", new int[] {1, 2}, 0));
        assertArrayEquals(new byte[] {0x20, (byte) 0xE2}, OracleInputs.generate("INT16", new int[] {1}, 0));
        assertArrayEquals(new byte[] {7, 0, 0, 0, 3, 0, 0, 0}, OracleInputs.generate("INT32", new int[] {2}, 0));
        assertArrayEquals(new byte[] {1, 0}, OracleInputs.generate("BOOL", new int[] {2}, 0));
        assertEquals(16, OracleInputs.generate("INT64", new int[] {2}, 0).length);
    }

    @Test
    void rangesAndSizes() {
        int[] shape = {3, 50, 7};
        ByteBuffer f = ByteBuffer.wrap(OracleInputs.generate("FLOAT32", shape, 42)).order(ByteOrder.LITTLE_ENDIAN);
        float min = 1;
        float max = -1;
        while (f.hasRemaining()) {
            float v = f.getFloat();
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertTrue(min >= -1f && min < -0.95f && max < 1f && max > 0.95f, min + ".." + max);
        ByteBuffer i = ByteBuffer.wrap(OracleInputs.generate("INT64", shape, 42)).order(ByteOrder.LITTLE_ENDIAN);
        boolean[] seen = new boolean[8];
        while (i.hasRemaining()) {
            seen[(int) i.getLong()] = true; // throws if outside [0, 7]
        }
        assertFalse(Arrays.toString(seen).contains("false"), "all of 0..7 appear");
        byte[] b = OracleInputs.generate("BOOL", shape, 42);
        assertTrue(Arrays.toString(b).matches("\\[[01](, [01])*\\]"));
        assertEquals(1050 * 2, OracleInputs.generate("INT16", shape, 42).length);
        assertEquals(4, OracleInputs.generate("FLOAT32", new int[0], 42).length, "rank 0 is one element");
        assertEquals(0, OracleInputs.generate("FLOAT32", new int[] {0, 5}, 42).length);
    }

    @Test
    void deterministicPerSeedAndDistinctPerInput() {
        int[] shape = {4, 4};
        assertArrayEquals(OracleInputs.generate("INT8", shape, 9), OracleInputs.generate("INT8", shape, 9));
        assertFalse(Arrays.equals(OracleInputs.generate("INT8", shape, 9), OracleInputs.generate("INT8", shape, 10)));
        OracleTensor a = new OracleTensor(0, "a", "UINT8", shape, 0, 0, new byte[0]);
        OracleTensor b = new OracleTensor(1, "b", "UINT8", shape, 0, 0, new byte[0]);
        List<byte[]> in = OracleInputs.forInputs(List.of(a, b), 3);
        assertFalse(Arrays.equals(in.get(0), in.get(1)));
        assertArrayEquals(OracleInputs.generate("UINT8", shape, OracleInputs.inputSeed(3, 1)), in.get(1));
    }

    @Test
    void rejectsDynamicDimsAndUnknownTypes() {
        assertThrows(IllegalArgumentException.class, () -> OracleInputs.generate("FLOAT32", new int[] {-1, 1}, 0));
        assertThrows(IllegalArgumentException.class, () -> OracleInputs.generate("STRING", new int[] {1}, 0));
    }
}
