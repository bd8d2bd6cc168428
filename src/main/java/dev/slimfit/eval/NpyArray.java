package dev.slimfit.eval;

import dev.slimfit.model.TensorType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A NumPy {@code .npy} array (format versions 1 and 2; little-endian f4/f8/i1/u1/i2/i4/i8 and
 * bool, C order): enough to feed models with arrays saved by {@code np.save}.
 *
 * @param dtype NumPy type code without byte order, e.g. "f4", "u1"
 * @param shape dimensions ({} for a scalar)
 * @param data  the element bytes, little-endian
 */
public record NpyArray(String dtype, int[] shape, byte[] data) {
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([a-z])(\\d+)'");
    private static final Pattern ORDER = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    public NpyArray {
        shape = shape.clone();
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** Element count. */
    public long elements() {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    /** Bytes per element. */
    public int itemSize() {
        return Integer.parseInt(dtype.substring(1));
    }

    /** Reads a file; errors name it. */
    public static NpyArray read(Path file) throws IOException {
        return parse(Files.readAllBytes(file), file.toString());
    }

    /** Parses {@code .npy} bytes; {@code name} appears in errors. */
    public static NpyArray parse(byte[] bytes, String name) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 10 || (bytes[0] & 0xFF) != 0x93 || !"NUMPY".equals(new String(bytes, 1, 5,
                StandardCharsets.ISO_8859_1))) {
            throw new IOException(name + ": not a .npy file (magic \\x93NUMPY missing)");
        }
        int major = bytes[6];
        int headerLen;
        int start;
        if (major == 1) {
            headerLen = b.getShort(8) & 0xFFFF;
            start = 10;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) {
                throw new IOException(name + ": truncated .npy header");
            }
            headerLen = b.getInt(8);
            start = 12;
        } else {
            throw new IOException(name + ": .npy format version " + major + " is not supported");
        }
        if (headerLen < 0 || start + headerLen > bytes.length) {
            throw new IOException(name + ": truncated .npy header");
        }
        String header = new String(bytes, start, headerLen, major == 3 ? StandardCharsets.UTF_8
                : StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(header);
        Matcher o = ORDER.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !o.find() || !s.find()) {
            throw new IOException(name + ": cannot parse .npy header " + header.strip());
        }
        String dtype = d.group(2) + d.group(3);
        if (!Arrays.asList("f4", "f8", "i1", "u1", "b1", "i2", "i4", "i8").contains(dtype)) {
            throw new IOException(name + ": dtype " + d.group(1) + dtype + " is not supported");
        }
        if (">".equals(d.group(1)) && !dtype.endsWith("1")) {
            throw new IOException(name + ": big-endian arrays are not supported; save with '<" + dtype + "'");
        }
        if ("True".equals(o.group(1))) {
            throw new IOException(name + ": Fortran-order arrays are not supported; save a C-order array");
        }
        String[] dims = s.group(1).split(",");
        int[] shape = Arrays.stream(dims).map(String::strip).filter(x -> !x.isEmpty())
                .mapToInt(Integer::parseInt).toArray();
        long n = 1;
        for (int x : shape) {
            n *= x;
        }
        long size = n * Integer.parseInt(d.group(3));
        int dataStart = start + headerLen;
        if (dataStart + size > bytes.length) {
            throw new IOException(name + ": data truncated: need " + size + " bytes after the header, file has "
                    + (bytes.length - dataStart));
        }
        return new NpyArray(dtype, shape, Arrays.copyOfRange(bytes, dataStart, (int) (dataStart + size)));
    }

    /** Element {@code i} as a double. */
    public double get(long i) {
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int k = (int) i;
        return switch (dtype) {
            case "f4" -> b.getFloat(4 * k);
            case "f8" -> b.getDouble(8 * k);
            case "i1" -> data[k];
            case "u1", "b1" -> data[k] & 0xFF;
            case "i2" -> b.getShort(2 * k);
            case "i4" -> b.getInt(4 * k);
            case "i8" -> b.getLong(8 * k);
            default -> throw new IllegalStateException(dtype);
        };
    }

    /**
     * NumPy dtype code ("f4", "i1", ...) of a TFLite tensor type, for {@link #encode}. Covers every
     * type NumPy has, so constants of any of them can be saved even where {@link #parse} (which
     * only needs model input types) would not read them back.
     */
    public static String dtypeOf(TensorType type) {
        return switch (type) {
            case FLOAT32 -> "f4";
            case FLOAT16 -> "f2";
            case FLOAT64 -> "f8";
            case INT8 -> "i1";
            case UINT8 -> "u1";
            case BOOL -> "b1";
            case INT16 -> "i2";
            case UINT16 -> "u2";
            case INT32 -> "i4";
            case UINT32 -> "u4";
            case INT64 -> "i8";
            case UINT64 -> "u8";
            case COMPLEX64 -> "c8";
            case COMPLEX128 -> "c16";
            default -> throw new IllegalArgumentException("no NumPy dtype for tensor type " + type);
        };
    }

    /** The {@code .npy} (v1) bytes of a tensor with NumPy dtype code {@code dtype} ("f4", "u1", ...). */
    public static byte[] encode(String dtype, int[] shape, byte[] littleEndianData) {
        String order = dtype.endsWith("1") ? "|" : "<";
        StringBuilder dims = new StringBuilder();
        for (int d : shape) {
            dims.append(d).append(", ");
        }
        String shapeText = shape.length == 1 ? "(" + shape[0] + ",)"
                : "(" + (dims.length() > 0 ? dims.substring(0, dims.length() - 2) : "") + ")";
        StringBuilder h = new StringBuilder("{'descr': '" + order + dtype + "', 'fortran_order': False, 'shape': "
                + shapeText + ", }");
        while ((10 + h.length() + 1) % 64 != 0) {
            h.append(' ');
        }
        h.append('\n');
        byte[] header = h.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(10 + header.length + littleEndianData.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.ISO_8859_1)).put((byte) 1).put((byte) 0);
        b.putShort((short) header.length).put(header).put(littleEndianData);
        return b.array();
    }
}
