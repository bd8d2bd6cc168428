package dev.slimfit.oracle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs every shared model (not {@code malformed/}) through an {@link IsolatedOracle} with 3 seeded
 * inputs, in two passes on two different worker processes, and prints a Markdown table: outcome
 * and whether both passes gave identical bytes. A main for humans ({@code OracleSurveyTest} runs it under JUnit when
 * {@code -Dslimfit.oracle.survey=true}); {@code OracleLimitationsTest} holds the assertions.
 */
public final class OracleSurvey {
    private OracleSurvey() {
    }

    /**
     * One model's survey line.
     *
     * @param model         path relative to {@code models/}
     * @param kind          worst outcome over both passes (enum order: TIMEOUT &gt; CRASHED &gt; FAILED &gt; OK)
     * @param deterministic both passes (two different worker processes) gave identical bytes for
     *                      every seed (false if not all OK)
     * @param message       first failure message, one line
     * @param millis        wall time for the model, both passes
     */
    public record Row(String model, OracleResult.Kind kind, boolean deterministic, String message, long millis) {
    }

    /**
     * One pass over one model.
     *
     * @param kind    worst outcome
     * @param message first failure message, one line
     * @param digests per seed, the sha-256 of every output's bytes
     * @param millis  wall time
     */
    public record Pass(OracleResult.Kind kind, String message, List<List<String>> digests, long millis) {
    }

    /** Inspects {@code model}, then runs it once per seed 1..{@code seeds} with {@link OracleInputs}. */
    public static Pass runSeeds(Oracle oracle, byte[] model, int seeds) {
        long t0 = System.nanoTime();
        OracleResult info = oracle.inspect(model, OracleOptions.DEFAULT);
        if (!info.isOk()) {
            return new Pass(info.kind(), oneLine(info.message()), List.of(), ms(t0));
        }
        List<List<String>> digests = new ArrayList<>();
        for (int seed = 1; seed <= seeds; seed++) {
            List<byte[]> in;
            try {
                in = OracleInputs.forInputs(info.inputs(), seed);
            } catch (IllegalArgumentException e) {
                return new Pass(OracleResult.Kind.FAILED, "inputs: " + e.getMessage(), List.of(), ms(t0));
            }
            OracleResult r = oracle.run(model, in, OracleOptions.DEFAULT);
            if (!r.isOk()) {
                return new Pass(r.kind(), oneLine(r.message()), List.of(), ms(t0));
            }
            digests.add(r.outputs().stream().map(t -> NativeTflite.sha256(t.data())).toList());
        }
        return new Pass(OracleResult.Kind.OK, "", digests, ms(t0));
    }

    /**
     * Runs every model twice over, the second pass on a fresh worker process (uninitialised memory
     * differs between processes far more than between interpreters in one process).
     */
    public static List<Row> survey(IsolatedOracle oracle, Path modelsDir, List<String> models, int seeds)
            throws IOException {
        Map<String, Pass> first = new LinkedHashMap<>();
        for (String rel : models) {
            first.put(rel, runSeeds(oracle, Files.readAllBytes(modelsDir.resolve(rel)), seeds));
        }
        oracle.close(); // the next request starts a new child
        List<Row> rows = new ArrayList<>();
        for (String rel : models) {
            Pass a = first.get(rel);
            Pass b = runSeeds(oracle, Files.readAllBytes(modelsDir.resolve(rel)), seeds);
            OracleResult.Kind kind = a.kind().compareTo(b.kind()) >= 0 ? a.kind() : b.kind();
            String msg = !a.message().isEmpty() ? a.message() : b.message();
            boolean same = kind == OracleResult.Kind.OK && a.digests().equals(b.digests());
            rows.add(new Row(rel, kind, same, msg, a.millis() + b.millis()));
        }
        return rows;
    }

    /** The rows as a Markdown table. */
    public static String table(List<Row> rows) {
        StringBuilder sb = new StringBuilder("| model | result | deterministic (2 runs x 3 seeds) | ms | note |\n"
                + "|---|---|---|---:|---|\n");
        for (Row r : rows) {
            String known = OracleLimitations.known(r.model()).map(k -> "known " + k.kind() + "; ").orElse("");
            String note = known + (r.message().length() > 110 ? r.message().substring(0, 110) + "..." : r.message());
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %s |%n", r.model(),
                    r.kind().name().toLowerCase(Locale.ROOT), r.kind() == OracleResult.Kind.OK
                            ? (r.deterministic() ? "yes" : "NO") : "-",
                    r.millis(), note.replace("|", "\\|")));
        }
        return sb.toString();
    }

    /**
     * Prints the survey table for the shared models.
     *
     * @param args optional: the shared directory (default: system property {@code slimfit.shared}
     *             or {@code ../shared})
     * @throws IOException if a model cannot be read
     */
    public static void main(String[] args) throws IOException {
        if (args.length > 0) {
            System.setProperty("slimfit.shared", args[0]);
        }
        if (!SharedModels.available()) {
            System.err.println("no shared models at " + SharedModels.expectedRoot());
            return;
        }
        long t0 = System.nanoTime();
        try (IsolatedOracle oracle = new IsolatedOracle()) {
            List<Row> rows = survey(oracle, SharedModels.modelsDir(), SharedModels.all(), 3);
            System.out.print(table(rows));
            System.out.printf(Locale.ROOT, "%d models, %d ok (%d deterministic), %d failed, %d crashed, "
                    + "%d timeout; %d worker JVM start(s); %.1f s%n", rows.size(),
                    count(rows, OracleResult.Kind.OK), rows.stream().filter(r -> r.deterministic()).count(),
                    count(rows, OracleResult.Kind.FAILED), count(rows, OracleResult.Kind.CRASHED),
                    count(rows, OracleResult.Kind.TIMEOUT), oracle.childStarts(), (System.nanoTime() - t0) / 1e9);
        }
    }

    private static long count(List<Row> rows, OracleResult.Kind k) {
        return rows.stream().filter(r -> r.kind() == k).count();
    }

    private static String oneLine(String s) {
        return s.strip().replaceAll("\\s*\\n\\s*", " / ");
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
