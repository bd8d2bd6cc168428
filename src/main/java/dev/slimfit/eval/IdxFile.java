package dev.slimfit.eval;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * An IDX file (the MNIST format: big-endian magic {@code 0,0,type,ndims}, big-endian int32 dims,
 * then the data), plain or gzip-compressed. Only unsigned-byte data (type 0x08) is kept, as
 * every MNIST-style set uses; other types are rejected with a clear message.
 *
 * @param shape dimensions
 * @param data  the unsigned bytes, row-major
 */
public record IdxFile(int[] shape, byte[] data) {
    public IdxFile {
        shape = shape.clone();
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** Reads {@code file} ({@code .gz} decompressed by content, not name). */
    public static IdxFile read(Path file) throws IOException {
        byte[] raw = Files.readAllBytes(file);
        InputStream in = new ByteArrayInputStream(raw);
        if (raw.length > 2 && (raw[0] & 0xFF) == 0x1F && (raw[1] & 0xFF) == 0x8B) {
            in = new GZIPInputStream(in);
        }
        try (DataInputStream d = new DataInputStream(in)) {
            int magic = d.readInt();
            int type = (magic >>> 8) & 0xFF;
            int rank = magic & 0xFF;
            if ((magic >>> 16) != 0 || rank == 0) {
                throw new IOException(file + ": not an IDX file (magic 0x" + Integer.toHexString(magic) + ")");
            }
            if (type != 0x08) {
                throw new IOException(file + ": IDX element type 0x" + Integer.toHexString(type)
                        + " is not supported (only unsigned bytes, 0x08)");
            }
            int[] shape = new int[rank];
            long n = 1;
            for (int i = 0; i < rank; i++) {
                shape[i] = d.readInt();
                n *= shape[i];
            }
            if (n > Integer.MAX_VALUE - 8 || n < 0) {
                throw new IOException(file + ": IDX array too large");
            }
            byte[] data = new byte[(int) n];
            d.readFully(data);
            return new IdxFile(shape, data);
        } catch (java.io.EOFException e) {
            throw new IOException(file + ": IDX data truncated", e);
        }
    }
}
