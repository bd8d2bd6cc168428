package dev.slimfit.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The child-process oracle: same results, survives crashes, times out, cleans up. */
class IsolatedOracleTest {
    private static IsolatedOracle oracle;

    @BeforeAll
    static void start() {
        oracle = new IsolatedOracle(Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() {
        oracle.close();
    }

    private static byte[] hello() {
        return SharedModels.read(InProcessOracleTest.HELLO);
    }

    @Test
    void sameResultAsInProcess() {
        List<byte[]> in = List.of(InProcessOracleTest.f32(2.5f));
        OracleResult child = oracle.run(hello(), in, OracleOptions.DEFAULT).requireOk();
        OracleResult local = InProcessOracle.get().run(hello(), in, OracleOptions.DEFAULT).requireOk();
        assertTrue(child.sameOutputBytes(local));
        assertEquals(local.inputs().toString(), child.inputs().toString());
        assertEquals(local.outputs().get(0).name(), child.outputs().get(0).name());
    }

    @Test
    void manyRequestsShareOneChild() {
        oracle.run(hello(), List.of(InProcessOracleTest.f32(0f)), OracleOptions.DEFAULT).requireOk();
        int starts = oracle.childStarts();
        long pid = oracle.childPid();
        for (int i = 0; i < 30; i++) {
            oracle.run(hello(), List.of(InProcessOracleTest.f32(i / 10f)), OracleOptions.DEFAULT).requireOk();
        }
        assertEquals(starts, oracle.childStarts());
        assertEquals(pid, oracle.childPid());
    }

    @Test
    void survivesARealNativeCrashThenRunsAGoodModel() {
        byte[] crasher = SharedModels.read("malformed/fuzz_malicious_gather.tflite");
        OracleResult info = oracle.inspect(crasher, OracleOptions.DEFAULT).requireOk();
        int starts = oracle.childStarts();
        OracleResult r = oracle.run(crasher, OracleInputs.forInputs(info.inputs(), 1), OracleOptions.DEFAULT);
        assertEquals(OracleResult.Kind.CRASHED, r.kind(), r.toString());
        assertNotEquals(0, r.exitCode());
        assertTrue(r.message().contains("died with exit code"), r.message());
        oracle.run(hello(), List.of(InProcessOracleTest.f32(1f)), OracleOptions.DEFAULT).requireOk();
        assertEquals(starts + 1, oracle.childStarts(), "a new child after the crash");
    }

    @Test
    void childDeathWithoutSharedModels() {
        OracleResult r = oracle.haltForTest(77);
        assertEquals(OracleResult.Kind.CRASHED, r.kind());
        assertEquals(77, r.exitCode());
        assertEquals(OracleResult.Kind.OK, oracle.sleepForTest(1).kind(), "next request gets a new child");
    }

    @Test
    void garbageModelFailsWithTfliteMessage() {
        OracleResult r = oracle.inspect("garbage garbage garbage!".getBytes(StandardCharsets.US_ASCII),
                OracleOptions.DEFAULT);
        assertEquals(OracleResult.Kind.FAILED, r.kind());
        assertTrue(r.message().contains("not a valid flatbuffer model"), r.message());
        OracleResult empty = oracle.run(new byte[0], List.of(new byte[4]), OracleOptions.DEFAULT);
        assertFalse(empty.isOk(), empty.toString());
    }

    @Test
    void timeoutKillsTheChildAndTheNextRequestWorks() throws Exception {
        try (IsolatedOracle quick = new IsolatedOracle(Duration.ofMillis(1500))) {
            assertEquals(OracleResult.Kind.OK, quick.sleepForTest(10).kind());
            long pid = quick.childPid();
            long t0 = System.nanoTime();
            OracleResult r = quick.sleepForTest(60_000);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(OracleResult.Kind.TIMEOUT, r.kind());
            assertTrue(ms >= 1400 && ms < 15_000, ms + " ms");
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "child killed");
            assertEquals(OracleResult.Kind.OK, quick.sleepForTest(10).kind());
            assertEquals(2, quick.childStarts());
        }
    }

    @Test
    void closeKillsTheChild() {
        IsolatedOracle o = new IsolatedOracle();
        o.sleepForTest(1);
        long pid = o.childPid();
        assertTrue(pid > 0);
        o.close();
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        assertEquals(-1, o.childPid());
    }

    @Test
    void benchInTheChild() {
        OracleBench b = oracle.bench(hello(), List.of(InProcessOracleTest.f32(1f)), 1, false, 3, 11);
        assertEquals(OracleResult.Kind.OK, b.kind(), b.message());
        assertEquals(11, b.runs());
    }
}
