package dev.slimfit.oracle;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Child-process main for {@link IsolatedOracle}: serves requests from stdin with
 * {@link InProcessOracle} until stdin closes (so it also exits when its parent dies). A native
 * crash kills only this process. See {@link WorkerProtocol} for the wire format.
 *
 * <p>Usage: {@code java -cp <test classpath> dev.slimfit.oracle.OracleWorker <answer dir>}.
 */
public final class OracleWorker {
    private OracleWorker() {
    }

    /**
     * Entry point.
     *
     * @param args one argument: the directory to write answer files into
     * @throws IOException if stdin or the answer directory fail
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: OracleWorker <answer dir>");
        }
        Path dir = Path.of(args[0]);
        PrintStream control = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        System.setOut(System.err); // keep Java-level chatter off the control channel
        NativeTflite.load();
        control.println("@@slimfit-oracle-ready");
        DataInputStream in = new DataInputStream(new BufferedInputStream(System.in, 1 << 16));
        WorkerProtocol.Request r;
        while ((r = WorkerProtocol.readRequest(in)) != null) {
            Path tmp = dir.resolve("resp-" + r.id() + ".tmp");
            try (OutputStream fo = Files.newOutputStream(tmp);
                    DataOutputStream out = new DataOutputStream(new BufferedOutputStream(fo, 1 << 16))) {
                answer(r, out);
            }
            Files.move(tmp, dir.resolve("resp-" + r.id() + ".bin"), StandardCopyOption.ATOMIC_MOVE);
            control.println(WorkerProtocol.DONE + r.id());
        }
    }

    private static void answer(WorkerProtocol.Request r, DataOutputStream out) throws IOException {
        InProcessOracle oracle = InProcessOracle.get();
        try {
            switch (r.op()) {
                case WorkerProtocol.OP_INSPECT:
                    WorkerProtocol.writeResult(out, oracle.inspect(r.model(), r.opts()));
                    break;
                case WorkerProtocol.OP_RUN:
                    WorkerProtocol.writeResult(out, oracle.run(r.model(), r.inputs(), r.opts()));
                    break;
                case WorkerProtocol.OP_BENCH:
                    WorkerProtocol.writeBench(out, oracle.bench(r.model(), r.inputs(), r.opts().threads(),
                            r.opts().xnnpack(), r.warmup(), r.runs()));
                    break;
                case WorkerProtocol.OP_SLEEP:
                    Thread.sleep(r.arg());
                    WorkerProtocol.writeResult(out, OracleResult.ok(java.util.List.of(), java.util.List.of(), -1));
                    break;
                case WorkerProtocol.OP_HALT:
                    Runtime.getRuntime().halt((int) r.arg());
                    break;
                default:
                    WorkerProtocol.writeHarnessError(out, "unknown op " + r.op());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            WorkerProtocol.writeHarnessError(out, "interrupted");
        } catch (RuntimeException | Error e) {
            StringWriter sw = new StringWriter();
            e.printStackTrace(new PrintWriter(sw));
            WorkerProtocol.writeHarnessError(out, sw.toString());
        }
    }
}
