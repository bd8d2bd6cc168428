package dev.slimfit.oracle;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** One {@link OracleWorker} child JVM: start, await answers, diagnose its death, kill. */
final class WorkerProcess {
    private static final String READY = "@@slimfit-oracle-ready";
    private static final String EOF = "\u0000eof";
    private static final Set<WorkerProcess> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(WorkerProcess::kill),
                "slimfit-oracle-worker-reaper"));
    }

    /** Outcome of waiting for an answer. */
    enum Wait { ANSWERED, TIMED_OUT, DIED }

    private final Process process;
    private final Path answerDir;
    private final Path stderrLog;
    private final BlockingQueue<String> control = new LinkedBlockingQueue<>();
    private final ArrayDeque<String> stdoutNoise = new ArrayDeque<>();

    private WorkerProcess(Process process, Path answerDir, Path stderrLog) {
        this.process = process;
        this.answerDir = answerDir;
        this.stderrLog = stderrLog;
        Thread t = new Thread(this::pumpStdout, "slimfit-oracle-worker-" + process.pid() + "-stdout");
        t.setDaemon(true);
        t.start();
    }

    /** Starts a child with the test classpath and waits until it has loaded TFLite. */
    static WorkerProcess start() {
        try {
            Path logDir = logDir();
            Files.createDirectories(logDir);
            Path answers = Files.createTempDirectory(logDir, "answers-");
            Path log = Files.createTempFile(logDir, "worker-", ".stderr.log");
            List<String> cmd = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx1g", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-CreateCoredumpOnCrash",
                    "-XX:ErrorFile=" + logDir.resolve("hs_err_%p.log"),
                    "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                    "-cp", System.getProperty("java.class.path"),
                    OracleWorker.class.getName(), answers.toString()));
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            WorkerProcess w = new WorkerProcess(p, answers, log);
            LIVE.add(w);
            String first = w.control.poll(60, TimeUnit.SECONDS);
            if (!READY.equals(first)) {
                w.kill();
                throw new IllegalStateException("oracle worker did not start (exit "
                        + (p.isAlive() ? "none" : p.exitValue()) + ")" + w.diagnostics());
            }
            return w;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the oracle worker", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the oracle worker", e);
        }
    }

    /** {@code target/oracle-worker} next to {@code target/test-classes}, else the temp dir. */
    static Path logDir() {
        String explicit = System.getProperty("slimfit.oracle.logDir");
        if (explicit != null) {
            return Path.of(explicit);
        }
        try {
            Path classes = Path.of(WorkerProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (classes.getFileName().toString().equals("test-classes")) {
                return classes.getParent().resolve("oracle-worker");
            }
        } catch (java.net.URISyntaxException | RuntimeException e) {
            // fall through
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "slimfit-oracle-worker");
    }

    boolean alive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    OutputStream stdin() {
        return process.getOutputStream();
    }

    Path answerFile(long id) {
        return answerDir.resolve("resp-" + id + ".bin");
    }

    /** Waits for {@code DONE id} on stdout; stale answers to earlier requests are skipped. */
    Wait awaitAnswer(long id, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String want = WorkerProtocol.DONE + id;
        try {
            while (true) {
                String line = control.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null) {
                    return Wait.TIMED_OUT;
                }
                if (line.equals(EOF)) {
                    return Wait.DIED;
                }
                if (line.equals(want)) {
                    return Wait.ANSWERED;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Wait.TIMED_OUT;
        }
    }

    /** Waits (up to 10 s) for the child to exit; returns its exit code (128+signal if killed). */
    int awaitExit() {
        try {
            if (process.waitFor(10, TimeUnit.SECONDS)) {
                return process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return -1;
    }

    /** Kills the child and removes its answer directory. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LIVE.remove(this);
        try (Stream<Path> s = Files.walk(answerDir)) {
            s.sorted(Comparator.reverseOrder()).forEach(this::deleteQuietly);
        } catch (IOException e) {
            // best effort
        }
    }

    void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // best effort
        }
    }

    /** The tail of the child's stderr, stray stdout and the hs_err summary, for crash messages. */
    String diagnostics() {
        StringBuilder sb = new StringBuilder();
        try {
            List<String> err = Files.readAllLines(stderrLog, StandardCharsets.UTF_8);
            List<String> tail = err.subList(Math.max(0, err.size() - 8), err.size());
            sb.append("\n  stderr (").append(stderrLog).append("), last lines:");
            tail.forEach(l -> sb.append("\n    ").append(l));
        } catch (IOException | UncheckedIOException e) {
            sb.append("\n  stderr unreadable: ").append(e.getMessage());
        }
        Path hsErr = stderrLog.getParent().resolve("hs_err_" + process.pid() + ".log");
        if (Files.isRegularFile(hsErr)) {
            sb.append("\n  JVM crash log ").append(hsErr);
            try (Stream<String> lines = Files.lines(hsErr, StandardCharsets.ISO_8859_1)) {
                lines.map(l -> l.replaceFirst("^#\\s*", "")).filter(l -> l.startsWith("SIG") || l.startsWith("C  ["))
                        .limit(2).forEach(l -> sb.append("\n    ").append(l));
            } catch (IOException | UncheckedIOException e) {
                // the path is enough
            }
        } else {
            synchronized (stdoutNoise) {
                stdoutNoise.forEach(l -> sb.append("\n  stdout: ").append(l));
            }
        }
        return sb.toString();
    }

    private void pumpStdout() {
        try (BufferedReader r = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                int at = Math.max(line.indexOf(WorkerProtocol.DONE), line.indexOf(READY));
                if (at >= 0) {
                    control.add(line.substring(at).strip());
                } else {
                    synchronized (stdoutNoise) {
                        stdoutNoise.addLast(line);
                        if (stdoutNoise.size() > 5) {
                            stdoutNoise.removeFirst();
                        }
                    }
                }
            }
        } catch (IOException e) {
            // the process is gone
        } finally {
            control.add(EOF);
        }
    }
}
