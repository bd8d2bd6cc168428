package dev.slimfit.oracle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Keeps {@link OracleLimitations} honest: every claim is re-measured, and so is every other model. */
class OracleLimitationsTest {
    private final IsolatedOracle oracle = IsolatedOracle.shared();

    static List<String> limited() {
        return List.copyOf(OracleLimitations.all().keySet());
    }

    @ParameterizedTest
    @MethodSource("limited")
    void claimStillHolds(String model) {
        OracleLimitations.Limitation l = OracleLimitations.known(model).orElseThrow();
        byte[] bytes = SharedModels.read(model);
        switch (l.kind()) {
            case CRASHES -> {
                // A corrupted heap usually aborts the child, but may leave it hung in malloc (seen
                // once in CI for keyword_scrambled_8bit): either way 2.6.2 cannot run the model. A
                // short timeout of its own, so a hang costs 15 s, not the default minute.
                try (IsolatedOracle crashing = new IsolatedOracle(java.time.Duration.ofSeconds(15))) {
                    OracleResult info = crashing.inspect(bytes, OracleOptions.DEFAULT);
                    OracleResult r = info.isOk()
                            ? crashing.run(bytes, OracleInputs.forInputs(info.inputs(), 1), OracleOptions.DEFAULT)
                            : info;
                    assertTrue(r.kind() == OracleResult.Kind.CRASHED || r.kind() == OracleResult.Kind.TIMEOUT,
                            model + ": " + r);
                }
            }
            case REJECTS, UNSUPPORTED_OP -> {
                OracleResult r = oracle.inspect(bytes, OracleOptions.DEFAULT);
                assertEquals(OracleResult.Kind.FAILED, r.kind(), model + ": " + r);
                assertTrue(r.message().contains(l.evidence()), model + ": " + r.message());
            }
            case NONDETERMINISTIC -> {
                // The one such model (seanet_transpose_conv0) is nondeterministic because seeded inputs
                // are an invalid output_shape: 2.6.2 then reads out of bounds. Whether the garbage differs
                // between two processes depends on heap history (it did in standalone JVMs, not always in
                // a worker), so assert the root cause, which is stable: the output shape echoes the input.
                OracleResult info = oracle.inspect(bytes, OracleOptions.DEFAULT).requireOk();
                OracleResult r = oracle.run(bytes, OracleInputs.forInputs(info.inputs(), 1), OracleOptions.DEFAULT)
                        .requireOk();
                assertFalse(Arrays.equals(info.outputs().get(0).shape(), r.outputs().get(0).shape()),
                        model + ": seeded inputs no longer give an undefined output shape");
            }
            default -> throw new AssertionError(l.kind());
        }
    }

    @Test
    void everyUnlistedSharedModelRunsDeterministically() throws IOException {
        List<String> unlisted = SharedModels.all().stream().filter(m -> OracleLimitations.known(m).isEmpty())
                .toList();
        List<OracleSurvey.Row> rows = OracleSurvey.survey(oracle, SharedModels.modelsDir(), unlisted, 1);
        String bad = rows.stream().filter(r -> r.kind() != OracleResult.Kind.OK || !r.deterministic())
                .map(r -> r.model() + " " + r.kind() + " deterministic=" + r.deterministic() + " " + r.message())
                .collect(Collectors.joining("\n"));
        assertEquals("", bad, "models that need an OracleLimitations entry");
        assertTrue(unlisted.size() >= 40, "expected most shared models to be usable, got " + unlisted.size());
    }

    @Test
    void registryNamesExistingModels() {
        for (String m : OracleLimitations.all().keySet()) {
            assertTrue(Files.isRegularFile(SharedModels.modelsDir().resolve(m)), m);
        }
    }

    /** The note on seanet_transpose_conv0: with its real output_shape input it is exact and stable. */
    @Test
    void seanetTransposeConvIsExactWithItsRealOutputShape() throws IOException {
        Path data = SharedModels.root().resolve("data/int16_seanet");
        byte[] model = SharedModels.read("int16/seanet_transpose_conv0.tflite");
        List<byte[]> in = List.of(csv(data.resolve("seanet_transpose_conv0_input0_int32.csv"), 4),
                csv(data.resolve("seanet_transpose_conv0_input1_int16.csv"), 2));
        assertArrayEquals(csv(data.resolve("seanet_transpose_conv0_input0_int32.csv"), 4),
                ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putInt(1).putInt(3).putInt(12).putInt(64)
                        .array());
        byte[] golden = csv(data.resolve("seanet_transpose_conv0_golden_int16.csv"), 2);
        OracleResult a = oracle.run(model, in, OracleOptions.DEFAULT).requireOk();
        oracle.close();
        OracleResult b = oracle.run(model, in, OracleOptions.DEFAULT).requireOk();
        assertArrayEquals(golden, a.outputBytes(0), "TFLM golden output");
        assertArrayEquals(golden, b.outputBytes(0), "second process");
    }

    /** One line of comma-separated integers to little-endian bytes of the given width (2 or 4). */
    static byte[] csv(Path p, int width) throws IOException {
        String[] v = Files.readString(p).strip().split("\\s*,\\s*");
        ByteBuffer bb = ByteBuffer.allocate(v.length * width).order(ByteOrder.LITTLE_ENDIAN);
        for (String s : v) {
            if (width == 2) {
                bb.putShort(Short.parseShort(s));
            } else {
                bb.putInt(Integer.parseInt(s));
            }
        }
        return bb.array();
    }
}
