package dev.slimfit.model;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a tensor's stored bytes as a NumPy {@code .npy} file (format version 1.0, C order,
 * little-endian), so a constant can be loaded with {@code numpy.load}. Quantized tensors are
 * written as their integers; the caller saves scales separately if it needs them.
 */
public final class NpyWriter {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};

    private NpyWriter() {
    }

    /** Writes {@code t}'s constant data to {@code target}. */
    public static void write(Model model, Tensor t, Path target) throws IOException {
        if (t.buffer() <= 0 || model.dataOf(t).isEmpty()) {
            throw new IOException("tensor '" + t.name() + "' has no constant data");
        }
        write(t.type(), t.shape(), model.dataOf(t).data(), target);
    }

    /** Writes raw little-endian {@code data} of the given type and shape to {@code target}. */
    public static void write(TensorType type, int[] shape, ByteBuffer data, Path target) throws IOException {
        byte[] header = header(type, shape);
        try (OutputStream out = Files.newOutputStream(target)) {
            out.write(header);
            WritableByteChannel ch = Channels.newChannel(out);
            ByteBuffer d = data.duplicate();
            while (d.hasRemaining()) {
                ch.write(d);
            }
        }
    }

    /** The magic, version, length and padded header dictionary. */
    static byte[] header(TensorType type, int[] shape) {
        StringBuilder dims = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            dims.append(shape[i]).append(shape.length == 1 ? "," : i + 1 < shape.length ? ", " : "");
        }
        dims.append(')');
        StringBuilder dict = new StringBuilder("{'descr': '").append(descr(type))
                .append("', 'fortran_order': False, 'shape': ").append(dims).append(", }");
        int total = MAGIC.length + 2 + dict.length() + 1;
        int pad = (64 - total % 64) % 64;
        dict.append(" ".repeat(pad)).append('\n');
        byte[] text = dict.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[MAGIC.length + 2 + text.length];
        System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
        out[MAGIC.length] = (byte) (text.length & 0xFF);
        out[MAGIC.length + 1] = (byte) (text.length >>> 8);
        System.arraycopy(text, 0, out, MAGIC.length + 2, text.length);
        return out;
    }

    static String descr(TensorType type) {
        switch (type) {
            case FLOAT32: return "<f4";
            case FLOAT16: return "<f2";
            case FLOAT64: return "<f8";
            case INT8: return "|i1";
            case UINT8: return "|u1";
            case BOOL: return "|b1";
            case INT16: return "<i2";
            case UINT16: return "<u2";
            case INT32: return "<i4";
            case UINT32: return "<u4";
            case INT64: return "<i8";
            case UINT64: return "<u8";
            case COMPLEX64: return "<c8";
            case COMPLEX128: return "<c16";
            default: throw new IllegalArgumentException("no NumPy type for " + type);
        }
    }
}
