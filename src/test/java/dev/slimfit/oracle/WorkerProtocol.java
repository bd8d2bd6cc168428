package dev.slimfit.oracle;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Wire format between {@link IsolatedOracle} and {@link OracleWorker}: requests are binary frames on
 * the child's stdin; each answer is a binary file {@code resp-<id>.bin} in a private directory,
 * announced by the line {@value #DONE}{@code <id>} on the child's stdout. Stdout carries only
 * those lines because native code may print there too; the parent ignores everything else.
 * All integers are big-endian ({@link DataOutputStream}); byte arrays are length-prefixed.
 */
final class WorkerProtocol {
    static final int MAGIC = 0x534C4F52; // "SLOR"
    static final String DONE = "@@slimfit-oracle-done ";

    static final int OP_INSPECT = 1;
    static final int OP_RUN = 2;
    static final int OP_BENCH = 3;
    static final int OP_SLEEP = 90; // test hook: sleep, then answer
    static final int OP_HALT = 91;  // test hook: Runtime.halt(code), i.e. die without answering

    static final byte ANSWER_RESULT = 0;
    static final byte ANSWER_BENCH = 1;
    static final byte ANSWER_HARNESS_ERROR = 2;

    private WorkerProtocol() {
    }

    /** A decoded request. {@code inputs} is null for inspect. */
    record Request(int op, long id, byte[] model, List<byte[]> inputs, OracleOptions opts, int warmup, int runs,
            long arg) {
    }

    static void writeRequest(DataOutputStream out, Request r) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(r.op());
        out.writeLong(r.id());
        if (r.op() == OP_SLEEP || r.op() == OP_HALT) {
            out.writeLong(r.arg());
            return;
        }
        writeBytes(out, r.model());
        out.writeInt(r.opts().threads());
        out.writeBoolean(r.opts().xnnpack());
        out.writeInt(r.opts().inputShapes().size());
        for (Map.Entry<Integer, int[]> e : r.opts().inputShapes().entrySet()) {
            out.writeInt(e.getKey());
            writeInts(out, e.getValue());
        }
        out.writeInt(r.inputs() == null ? -1 : r.inputs().size());
        if (r.inputs() != null) {
            for (byte[] b : r.inputs()) {
                writeBytes(out, b);
            }
        }
        out.writeInt(r.warmup());
        out.writeInt(r.runs());
    }

    /** Reads one request, or returns null at a clean end of stream. */
    static Request readRequest(DataInputStream in) throws IOException {
        int magic;
        try {
            magic = in.readInt();
        } catch (EOFException e) {
            return null;
        }
        if (magic != MAGIC) {
            throw new IOException("bad request magic " + Integer.toHexString(magic));
        }
        int op = in.readInt();
        long id = in.readLong();
        if (op == OP_SLEEP || op == OP_HALT) {
            return new Request(op, id, null, null, null, 0, 0, in.readLong());
        }
        byte[] model = readBytes(in);
        int threads = in.readInt();
        boolean xnnpack = in.readBoolean();
        Map<Integer, int[]> shapes = new TreeMap<>();
        for (int n = in.readInt(); n > 0; n--) {
            shapes.put(in.readInt(), readInts(in));
        }
        int nIn = in.readInt();
        List<byte[]> inputs = nIn < 0 ? null : new ArrayList<>(nIn);
        for (int i = 0; i < nIn; i++) {
            inputs.add(readBytes(in));
        }
        int warmup = in.readInt();
        int runs = in.readInt();
        return new Request(op, id, model, inputs, new OracleOptions(threads, xnnpack, shapes), warmup, runs, 0);
    }

    static void writeResult(DataOutputStream out, OracleResult r) throws IOException {
        out.writeByte(ANSWER_RESULT);
        out.writeInt(r.kind().ordinal());
        writeTensors(out, r.inputs());
        writeTensors(out, r.outputs());
        writeString(out, r.message());
        out.writeInt(r.exitCode());
        out.writeLong(r.nativeNanos());
    }

    static void writeBench(DataOutputStream out, OracleBench b) throws IOException {
        out.writeByte(ANSWER_BENCH);
        out.writeInt(b.kind().ordinal());
        writeString(out, b.message());
        out.writeInt(b.runs());
        for (double d : new double[] {b.medianMs(), b.minMs(), b.meanMs(), b.p90Ms()}) {
            out.writeDouble(d);
        }
    }

    static void writeHarnessError(DataOutputStream out, String message) throws IOException {
        out.writeByte(ANSWER_HARNESS_ERROR);
        writeString(out, message);
    }

    /** Decodes an answer: an {@link OracleResult} or {@link OracleBench}; harness errors throw. */
    static Object readAnswer(DataInputStream in) throws IOException {
        byte tag = in.readByte();
        switch (tag) {
            case ANSWER_RESULT: {
                OracleResult.Kind kind = OracleResult.Kind.values()[in.readInt()];
                List<OracleTensor> inputs = readTensors(in);
                List<OracleTensor> outputs = readTensors(in);
                return new OracleResult(kind, inputs, outputs, readString(in), in.readInt(), in.readLong());
            }
            case ANSWER_BENCH: {
                OracleResult.Kind kind = OracleResult.Kind.values()[in.readInt()];
                String message = readString(in);
                return new OracleBench(kind, message, in.readInt(), in.readDouble(), in.readDouble(),
                        in.readDouble(), in.readDouble());
            }
            case ANSWER_HARNESS_ERROR:
                throw new IllegalStateException("oracle worker harness error: " + readString(in));
            default:
                throw new IOException("bad answer tag " + tag);
        }
    }

    private static void writeTensors(DataOutputStream out, List<OracleTensor> ts) throws IOException {
        out.writeInt(ts.size());
        for (OracleTensor t : ts) {
            out.writeInt(t.index());
            writeString(out, t.name());
            writeString(out, t.dtype());
            writeInts(out, t.shape());
            out.writeFloat(t.scale());
            out.writeInt(t.zeroPoint());
            writeBytes(out, t.data());
        }
    }

    private static List<OracleTensor> readTensors(DataInputStream in) throws IOException {
        int n = in.readInt();
        List<OracleTensor> ts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ts.add(new OracleTensor(in.readInt(), readString(in), readString(in), readInts(in), in.readFloat(),
                    in.readInt(), readBytes(in)));
        }
        return ts;
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        writeBytes(out, s.getBytes(StandardCharsets.UTF_8));
    }

    private static String readString(DataInputStream in) throws IOException {
        return new String(readBytes(in), StandardCharsets.UTF_8);
    }

    private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("negative length " + n);
        }
        return in.readNBytes(n);
    }

    private static void writeInts(DataOutputStream out, int[] v) throws IOException {
        out.writeInt(v.length);
        for (int x : v) {
            out.writeInt(x);
        }
    }

    private static int[] readInts(DataInputStream in) throws IOException {
        int[] v = new int[in.readInt()];
        for (int i = 0; i < v.length; i++) {
            v[i] = in.readInt();
        }
        return v;
    }
}
