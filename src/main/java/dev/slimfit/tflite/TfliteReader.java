package dev.slimfit.tflite;

import dev.slimfit.model.AppendedArchive;
import dev.slimfit.model.Buffer;
import dev.slimfit.model.CompositeOptions;
import dev.slimfit.model.Model;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a {@code .tflite} file into an immutable {@link Model}.
 *
 * <p>The file is memory-mapped and weights stay in the mapping (no heap copy). The flatbuffer is
 * untrusted input: flatbuffers-java has no verifier, so every vector length is checked against the
 * file before anything is allocated from it, a global element budget stops files whose tables
 * share vectors many times over, and every index (buffer, tensor, opcode, subgraph) is checked.
 * Any defect becomes a {@link TfliteFormatException} naming the file and the place.
 */
public final class TfliteReader {
    /** Largest file this reader maps (a mapping is limited to 2 GiB). */
    static final long MAX_FILE = Integer.MAX_VALUE - 8;

    private TfliteReader() {
    }

    /** Reads and validates the model at {@code file}. */
    public static Model read(Path file) throws TfliteFormatException {
        String name = file.toString();
        if (Files.isDirectory(file)) {
            throw new TfliteFormatException(name + ": is a directory, not a .tflite file");
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            // Opening a named pipe blocks until something writes to it: never open one.
            throw new TfliteFormatException(name + ": not a regular file (a device, pipe or socket)");
        }
        ByteBuffer bb;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size == 0) {
                throw new TfliteFormatException(name + ": empty file (0 bytes)");
            }
            if (size > MAX_FILE) {
                throw new TfliteFormatException(name + ": " + size + " bytes; files over 2 GiB are not supported");
            }
            bb = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
        } catch (NoSuchFileException e) {
            throw new TfliteFormatException(name + ": no such file");
        } catch (TfliteFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new TfliteFormatException(name + ": cannot read: " + e.getMessage(), e);
        }
        return read(bb, name);
    }

    /** Reads a model from bytes (position 0 to capacity); {@code name} is used in error messages. */
    public static Model read(ByteBuffer bytes, String name) throws TfliteFormatException {
        ByteBuffer bb = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        bb.position(0);
        int cap = bb.capacity();
        if (cap < 16) {
            throw new TfliteFormatException(name + ": " + cap + " bytes is too short to be a TFLite model");
        }
        String ident = identifier(bb);
        if (!"TFL3".equals(ident)) {
            throw new TfliteFormatException(name + ": not a TFLite model (file identifier "
                    + (ident == null ? "missing" : "'" + ident + "'") + ", expected 'TFL3')");
        }
        int root = bb.getInt(0);
        if (root < 8 || root > cap - 4) {
            throw new TfliteFormatException(name + ": corrupt flatbuffer (root table offset " + root
                    + " outside the " + cap + "-byte file)");
        }
        FlatWalker walker = new FlatWalker(bb, name);
        try {
            Model model = walker.model();
            ModelValidator.validate(model, name);
            return model;
        } catch (TfliteFormatException e) {
            throw e;
        } catch (IndexOutOfBoundsException | IllegalArgumentException | BufferUnderflowException
                 | NegativeArraySizeException | ArithmeticException | IllegalStateException e) {
            throw new TfliteFormatException(name + ": corrupt flatbuffer" + walker.where() + ": "
                    + describe(e, cap), e);
        } catch (ReflectiveOperationException e) {
            Throwable c = e.getCause() != null ? e.getCause() : e;
            throw new TfliteFormatException(name + ": corrupt flatbuffer" + walker.where() + ": " + describe(c, cap),
                    c);
        } catch (OutOfMemoryError e) {
            throw new TfliteFormatException(name + ": corrupt flatbuffer" + walker.where()
                    + ": a length in the file asks for more memory than is available");
        }
    }

    /**
     * The problem in words for the one-line message. The JDK's bounds checks throw without a
     * message, and a class name tells a user nothing; a truncated download is the usual cause.
     */
    private static String describe(Throwable e, int cap) {
        String m = e.getMessage();
        if (m != null && !m.isBlank()) {
            return m;
        }
        if (e instanceof IndexOutOfBoundsException || e instanceof BufferUnderflowException) {
            return "an offset or length points past the end of the " + cap + "-byte file (truncated or damaged)";
        }
        if (e instanceof NegativeArraySizeException) {
            return "a length in the file is negative";
        }
        if (e instanceof ArithmeticException) {
            return "a size in the file overflows";
        }
        return "unreadable table (" + e.getClass().getSimpleName() + ")";
    }

    /** The 4-character file identifier, or null when it is not printable ASCII. */
    private static String identifier(ByteBuffer bb) {
        StringBuilder sb = new StringBuilder(4);
        for (int i = 4; i < 8; i++) {
            int c = bb.get(i) & 0xFF;
            if (c < 0x20 || c > 0x7E) {
                return null;
            }
            sb.append((char) c);
        }
        return sb.toString();
    }

    /** Finds a zip appended after the flatbuffer (TFLite metadata's associated files). */
    static AppendedArchive findAppendedZip(ByteBuffer bb) {
        int cap = bb.capacity();
        int min = Math.max(8, cap - 22 - 65535);
        for (int p = cap - 22; p >= min; p--) {
            if (bb.getInt(p) == 0x06054b50) {
                int entries = bb.getShort(p + 10) & 0xFFFF;
                long cdSize = bb.getInt(p + 12) & 0xFFFFFFFFL;
                long cdOffset = bb.getInt(p + 16) & 0xFFFFFFFFL;
                if (cdOffset + cdSize > p || entries == 0) {
                    return null;
                }
                long start = cdOffset;
                int q = (int) cdOffset;
                for (int i = 0; i < entries; i++) {
                    if (q + 46 > p || bb.getInt(q) != 0x02014b50) {
                        return null;
                    }
                    long local = bb.getInt(q + 42) & 0xFFFFFFFFL;
                    start = Math.min(start, local);
                    q += 46 + (bb.getShort(q + 28) & 0xFFFF) + (bb.getShort(q + 30) & 0xFFFF)
                            + (bb.getShort(q + 32) & 0xFFFF);
                }
                if (start < 8 || bb.getInt((int) start) != 0x04034b50) {
                    return null;
                }
                byte[] zip = new byte[cap - (int) start];
                bb.duplicate().position((int) start).get(zip);
                ZipRebase.rebase(zip, start, 0);
                return new AppendedArchive(Buffer.of(zip));
            }
        }
        return null;
    }

    /** Reads the StableHLO composite options of {@code builtin_options_2} (union type 21). */
    static CompositeOptions composite(ByteBuffer bb, int opPos, FlatWalker w) {
        int type = RawSlots.ubyte(bb, opPos, 11, 0);
        if (type == 0) {
            return null;
        }
        if (type != FlatWalker.STABLEHLO_COMPOSITE_OPTIONS) {
            throw new IllegalArgumentException("builtin_options_2 of union type " + type
                    + " is not supported (only StableHLO composite options, type 21)");
        }
        int t = RawSlots.table(bb, opPos, 12);
        if (t == 0) {
            return null;
        }
        int nameField = RawSlots.field(bb, t, 0);
        String name = nameField == 0 ? null : w.string(nameField + bb.getInt(nameField));
        int attrs = RawSlots.vector(bb, t, 2);
        byte[] attributes = attrs == 0 ? null : w.bytesAt(attrs);
        return new CompositeOptions(name, RawSlots.int32(bb, t, 1, 0), attributes, RawSlots.ubyte(bb, t, 3, 0),
                RawSlots.int32(bb, t, 4, 0));
    }
}
