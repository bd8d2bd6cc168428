package dev.slimfit.eval;

import dev.slimfit.model.TensorType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Input tensors from files: {@code .npy} arrays converted to the input's dtype (float arrays
 * quantized for quantized inputs, {@code clamp(round_half_away(v/scale)+zp)}), or raw
 * little-endian files whose size must match the input exactly.
 */
public final class TensorFiles {
    private TensorFiles() {
    }

    /** One or more samples for {@code input} from {@code file}. */
    public static List<byte[]> read(Path file, InputSpec input) throws IOException {
        if (file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".npy")) {
            return fromNpy(NpyArray.read(file), input, file.toString());
        }
        byte[] raw = Files.readAllBytes(file);
        if (raw.length != input.byteSize()) {
            throw new IOException(file + ": " + raw.length + " bytes, but input " + input + " needs "
                    + input.byteSize() + " (raw little-endian)");
        }
        return List.of(raw);
    }

    /** Converts an array with the input's shape, or a batch of them along the first dimension. */
    public static List<byte[]> fromNpy(NpyArray a, InputSpec input, String name) throws IOException {
        int per = input.elements();
        long n = a.elements();
        if (n == 0 || n % per != 0) {
            throw new IOException(name + ": shape " + Arrays.toString(a.shape()) + " does not fit input " + input);
        }
        int count = (int) (n / per);
        if (count > 1 && (a.shape().length == 0 || a.shape()[0] != count)) {
            throw new IOException(name + ": shape " + Arrays.toString(a.shape()) + " is neither input " + input
                    + " nor a batch of it");
        }
        List<byte[]> out = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            out.add(convert(a, (long) k * per, per, input));
        }
        return out;
    }

    private static byte[] convert(NpyArray a, long from, int n, InputSpec in) {
        TensorType t = in.type();
        ByteBuffer b = ByteBuffer.allocate((int) t.bytesFor(n)).order(ByteOrder.LITTLE_ENDIAN);
        boolean floatSource = a.dtype().startsWith("f");
        for (int i = 0; i < n; i++) {
            double v = a.get(from + i);
            switch (t) {
                case FLOAT32 -> b.putFloat((float) v);
                case INT32 -> b.putInt((int) v);
                case INT64 -> b.putLong((long) v);
                case BOOL -> b.put((byte) (v != 0 ? 1 : 0));
                case INT8, UINT8, INT16 -> {
                    long q = floatSource && in.quantized()
                            ? ImagePreprocessor.roundHalfAway(v / in.scale()) + in.zeroPoint()
                            : (long) v;
                    q = Math.max(ImagePreprocessor.qmin(t), Math.min(ImagePreprocessor.qmax(t), q));
                    if (t == TensorType.INT16) {
                        b.putShort((short) q);
                    } else {
                        b.put((byte) q);
                    }
                }
                default -> throw new IllegalArgumentException("input " + in + ": cannot fill " + t + " from .npy");
            }
        }
        return b.array();
    }
}
