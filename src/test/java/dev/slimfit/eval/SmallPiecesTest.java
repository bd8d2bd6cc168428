package dev.slimfit.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimfit.model.TensorType;
import dev.slimfit.oracle.OracleInputs;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Top-k, CSV, NPY, IDX and random-input pieces. */
class SmallPiecesTest {
    @TempDir
    Path tmp;

    @Test
    void topKBreaksTiesTowardsTheLowerIndexLikeArgmax() {
        assertArrayEquals(new int[] {1, 3, 2}, TopK.of(new double[] {0.1, 0.5, 0.2, 0.5, 0.0}, 3));
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, TopK.of(new double[] {1, 1, 1, 1, 1, 1}, 5));
        assertArrayEquals(new int[] {2}, TopK.of(new double[] {0, 1, 3}, 1));
        assertArrayEquals(new int[] {1, 0}, TopK.of(new double[] {0, 1}, 5));
    }

    @Test
    void randomInputsAreByteIdenticalToTheOracleRecipe() {
        int[][] shapes = {{1}, {2, 3}, {1, 4, 4, 3}, {}};
        String[] types = {"FLOAT32", "INT8", "UINT8", "INT16", "INT32", "INT64", "BOOL"};
        for (long seed : new long[] {0, 42, -7}) {
            for (int[] s : shapes) {
                for (String t : types) {
                    for (int idx = 0; idx < 3; idx++) {
                        assertArrayEquals(OracleInputs.generate(t, s, OracleInputs.inputSeed(seed, idx)),
                                RandomInputs.forInput(TensorType.valueOf(t), s, seed, idx), t + " seed " + seed);
                    }
                }
            }
        }
    }

    @Test
    void csvHonoursQuotedCommasAndNamedColumns() throws IOException {
        Path csv = tmp.resolve("l.csv");
        Files.writeString(csv, "file,label,class_index_1001\na.jpg,\"tench, Tinca tinca\",1\nb.jpg,\"x \"\"y\"\"\",7\n");
        Map<String, Integer> m = LabelCsv.read(csv, "file", "class_index_1001");
        assertEquals(Map.of("a.jpg", 1, "b.jpg", 7), m);
        IOException e = assertThrows(IOException.class, () -> LabelCsv.read(csv, "file", "nope"));
        assertTrue(e.getMessage().contains("no column 'nope'"), e.getMessage());
    }

    @Test
    void npyRoundTripsThroughEncodeAndParse() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 6; i++) {
            b.putFloat(i * 0.5f - 1);
        }
        NpyArray a = NpyArray.parse(NpyArray.encode("f4", new int[] {2, 3}, b.array()), "x");
        assertEquals("f4", a.dtype());
        assertArrayEquals(new int[] {2, 3}, a.shape());
        assertEquals(1.5, a.get(5));
        NpyArray one = NpyArray.parse(NpyArray.encode("i8", new int[] {1}, new byte[] {-2, -1, -1, -1, -1, -1, -1, -1}),
                "y");
        assertEquals(-2.0, one.get(0));
    }

    @Test
    void npyVersion2HeaderIsRead() throws IOException {
        String h = "{'descr': '|u1', 'fortran_order': False, 'shape': (3,), }";
        h = h + " ".repeat(64 - ((12 + h.length() + 1) % 64)) + "\n";
        ByteBuffer b = ByteBuffer.allocate(12 + h.length() + 3).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.ISO_8859_1)).put((byte) 2).put((byte) 0);
        b.putInt(h.length()).put(h.getBytes(StandardCharsets.ISO_8859_1)).put(new byte[] {1, (byte) 200, 3});
        NpyArray a = NpyArray.parse(b.array(), "v2");
        assertEquals(200.0, a.get(1));
    }

    @Test
    void npyRejectsFortranOrderBigEndianAndTruncation() {
        byte[] ok = NpyArray.encode("f4", new int[] {2}, new byte[8]);
        String text = new String(ok, StandardCharsets.ISO_8859_1);
        byte[] fortran = text.replace("False", "True ").getBytes(StandardCharsets.ISO_8859_1);
        assertTrue(assertThrows(IOException.class, () -> NpyArray.parse(fortran, "f")).getMessage()
                .contains("Fortran"));
        byte[] big = text.replace("<f4", ">f4").getBytes(StandardCharsets.ISO_8859_1);
        assertTrue(assertThrows(IOException.class, () -> NpyArray.parse(big, "b")).getMessage()
                .contains("big-endian"));
        byte[] cut = java.util.Arrays.copyOf(ok, ok.length - 1);
        assertTrue(assertThrows(IOException.class, () -> NpyArray.parse(cut, "c")).getMessage()
                .contains("truncated"));
    }

    @Test
    void floatNpyIsQuantizedForQuantizedInputsWithRoundHalfAway() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        b.putFloat(0.25f).putFloat(-0.25f).putFloat(100f).putFloat(-100f);
        NpyArray a = NpyArray.parse(NpyArray.encode("f4", new int[] {4}, b.array()), "q");
        InputSpec in = new InputSpec("x", TensorType.INT8, new int[] {4}, 0.5f, 0);
        List<byte[]> s = TensorFiles.fromNpy(a, in, "q");
        assertArrayEquals(new byte[] {1, -1, 127, -128}, s.get(0));
    }

    @Test
    void npyBatchSplitsIntoSamplesAndRawFilesMustMatchTheInputSize() throws IOException {
        InputSpec in = new InputSpec("x", TensorType.UINT8, new int[] {1, 2}, 0f, 0);
        Path npy = tmp.resolve("batch.npy");
        Files.write(npy, NpyArray.encode("u1", new int[] {3, 2}, new byte[] {1, 2, 3, 4, 5, 6}));
        Dataset d = Datasets.tensors(npy, in);
        assertEquals(3, d.size());
        assertArrayEquals(new byte[] {5, 6}, d.inputs(2)[0]);
        Path raw = tmp.resolve("x.bin");
        Files.write(raw, new byte[3]);
        IOException e = assertThrows(IOException.class, () -> Datasets.tensors(raw, in));
        assertTrue(e.getMessage().contains("x.bin") && e.getMessage().contains("needs 2"), e.getMessage());
    }

    @Test
    void idxReadsPlainAndGzippedFiles() throws IOException {
        byte[] idx = {0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 2, 9, 8, 7, 6};
        Path plain = tmp.resolve("img-idx3-ubyte");
        Files.write(plain, idx);
        IdxFile f = IdxFile.read(plain);
        assertArrayEquals(new int[] {2, 1, 2}, f.shape());
        assertEquals(6, f.data()[3]);
        Path gz = tmp.resolve("img-idx3-ubyte.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(idx);
        }
        assertArrayEquals(f.data(), IdxFile.read(gz).data());
        Files.write(plain, new byte[] {0, 0, 0x0D, 1, 0, 0, 0, 1, 0, 0, 0, 0});
        assertTrue(assertThrows(IOException.class, () -> IdxFile.read(plain)).getMessage().contains("0xd"));
    }
}
