package dev.slimfit.oracle;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs TFLite 2.6.2 in a reusable child JVM ({@link OracleWorker}) so that models which crash or
 * abort TFLite cannot take the test JVM down. One child serves any number of requests; when it
 * dies the request returns {@link OracleResult.Kind#CRASHED} (with its exit code and stderr tail)
 * and the next request starts a new child. A request that takes longer than the timeout kills the
 * child and returns {@link OracleResult.Kind#TIMEOUT}. Children are killed on JVM exit, and exit
 * by themselves when their stdin closes.
 *
 * <p>Calls are serialized ({@code synchronized}). Tests should use {@link #shared()} so the whole
 * suite pays for one child JVM start. Child stderr goes to {@code target/oracle-worker/}; JVM
 * crash logs to {@code target/oracle-worker/hs_err_<pid>.log}.
 */
public final class IsolatedOracle implements Oracle, AutoCloseable {
    /** Default per-request timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private static IsolatedOracle shared;

    private final Duration timeout;
    private final AtomicLong ids = new AtomicLong();
    private WorkerProcess child;
    private int starts;

    /** An oracle with {@link #DEFAULT_TIMEOUT}; the child starts on first use. */
    public IsolatedOracle() {
        this(DEFAULT_TIMEOUT);
    }

    /** An oracle with the given per-request timeout (raise it for long benches). */
    public IsolatedOracle(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        this.timeout = timeout;
    }

    /** The JVM-wide instance with the default timeout. Closing it is harmless (it restarts). */
    public static synchronized IsolatedOracle shared() {
        if (shared == null) {
            shared = new IsolatedOracle();
        }
        return shared;
    }

    @Override
    public OracleResult inspect(byte[] model, OracleOptions opts) {
        return (OracleResult) call(new WorkerProtocol.Request(WorkerProtocol.OP_INSPECT, ids.incrementAndGet(),
                model, null, opts, 0, 0, 0));
    }

    @Override
    public OracleResult run(byte[] model, List<byte[]> inputs, OracleOptions opts) {
        return (OracleResult) call(new WorkerProtocol.Request(WorkerProtocol.OP_RUN, ids.incrementAndGet(), model,
                List.copyOf(inputs), opts, 0, 0, 0));
    }

    @Override
    public OracleBench bench(byte[] model, List<byte[]> inputs, int threads, boolean xnnpack, int warmup,
            int runs) {
        if (runs < 1 || warmup < 0) {
            throw new IllegalArgumentException("need runs >= 1 and warmup >= 0");
        }
        OracleOptions opts = OracleOptions.DEFAULT.withThreads(threads).withXnnpack(xnnpack);
        Object a = call(new WorkerProtocol.Request(WorkerProtocol.OP_BENCH, ids.incrementAndGet(), model,
                List.copyOf(inputs), opts, warmup, runs, 0));
        return a instanceof OracleBench b ? b : OracleBench.failure((OracleResult) a);
    }

    /** Test hook: the child sleeps {@code millis} before answering OK. */
    OracleResult sleepForTest(long millis) {
        return (OracleResult) call(new WorkerProtocol.Request(WorkerProtocol.OP_SLEEP, ids.incrementAndGet(), null,
                null, null, 0, 0, millis));
    }

    /** Test hook: the child calls {@code Runtime.halt(exitCode)} instead of answering. */
    OracleResult haltForTest(int exitCode) {
        return (OracleResult) call(new WorkerProtocol.Request(WorkerProtocol.OP_HALT, ids.incrementAndGet(), null,
                null, null, 0, 0, exitCode));
    }

    /** How many child JVMs this instance has started so far. */
    public synchronized int childStarts() {
        return starts;
    }

    /** Pid of the current child, or -1 if none is running. */
    public synchronized long childPid() {
        return child != null && child.alive() ? child.pid() : -1;
    }

    /** Kills the child, if any. The next request starts a new one. */
    @Override
    public synchronized void close() {
        if (child != null) {
            child.kill();
            child = null;
        }
    }

    private synchronized Object call(WorkerProtocol.Request request) {
        if (child == null || !child.alive()) {
            if (child != null) {
                child.kill();
            }
            child = WorkerProcess.start();
            starts++;
        }
        WorkerProcess c = child;
        try {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(c.stdin(), 1 << 16));
            WorkerProtocol.writeRequest(out, request);
            out.flush();
        } catch (IOException e) {
            return crashed(c, "while sending the request: " + e.getMessage());
        }
        WorkerProcess.Wait w = c.awaitAnswer(request.id(), timeout);
        switch (w) {
            case ANSWERED:
                Path file = c.answerFile(request.id());
                try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
                    return WorkerProtocol.readAnswer(in);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read oracle worker answer " + file, e);
                } finally {
                    c.deleteQuietly(file);
                }
            case TIMED_OUT:
                c.kill();
                child = null;
                return OracleResult.timeout("no answer within " + timeout.toMillis() + " ms; worker pid " + c.pid()
                        + " killed");
            default:
                return crashed(c, "");
        }
    }

    private OracleResult crashed(WorkerProcess c, String context) {
        int code = c.awaitExit();
        child = null;
        String msg = "oracle worker (pid " + c.pid() + ") died with exit code " + code
                + (code > 128 ? " (signal " + (code - 128) + ")" : "") + (context.isEmpty() ? "" : " " + context)
                + c.diagnostics();
        c.kill();
        return OracleResult.crashed(code, msg);
    }
}
