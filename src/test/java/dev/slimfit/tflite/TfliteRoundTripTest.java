package dev.slimfit.tflite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.slimfit.model.Model;
import dev.slimfit.oracle.IsolatedOracle;
import dev.slimfit.oracle.OracleLimitations;
import dev.slimfit.oracle.OracleOptions;
import dev.slimfit.oracle.OracleResult;
import dev.slimfit.oracle.SharedModels;
import dev.slimfit.testing.Conformance;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Read → write → read over every shared model: the re-read model equals the original, a second
 * write gives the same bytes, and TensorFlow Lite 2.6.2 gives byte-identical outputs for the
 * original and the rewritten file on the same seeded inputs. Models TFLite cannot judge
 * (crashes, rejects, non-deterministic, unknown ops) are listed by name in the test's display
 * name and still checked for the read/write part.
 */
class TfliteRoundTripTest {
    private static final int SEEDS = 2;

    static List<Path> sharedModels() throws IOException {
        Path dir = SharedModels.modelsDir();
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".tflite"))
                    .filter(p -> !dir.relativize(p).startsWith("malformed"))
                    .sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> everySharedModelRoundTrips() throws IOException {
        Path dir = SharedModels.modelsDir();
        List<DynamicTest> tests = new ArrayList<>();
        for (Path p : sharedModels()) {
            String rel = dir.relativize(p).toString().replace('\\', '/');
            Optional<OracleLimitations.Limitation> limit = OracleLimitations.known(rel);
            String name = rel + limit.map(l -> " [oracle cannot judge: " + l.kind() + "]").orElse("");
            tests.add(DynamicTest.dynamicTest(name, () -> roundTrip(p, limit.isEmpty())));
        }
        assertTrue(tests.size() >= 60, "expected the 60+ shared models, found " + tests.size());
        return tests.stream();
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    private static void roundTrip(Path file, boolean oracleJudges) throws Exception {
        Model original = TfliteReader.read(file);
        byte[] rewritten = bytes(TfliteWriter.toBytes(original));
        Model reread = TfliteReader.read(ByteBuffer.wrap(rewritten), "rewrite of " + file.getFileName());
        assertEquals(original, reread, "read -> write -> read changed the model");
        assertArrayEquals(rewritten, bytes(TfliteWriter.toBytes(reread)), "writing is not deterministic");
        if (!oracleJudges) {
            return;
        }
        byte[] source = Files.readAllBytes(file);
        for (int seed = 0; seed < SEEDS; seed++) {
            List<byte[]> inputs = Conformance.inputs(original, seed);
            OracleResult a = IsolatedOracle.shared().run(source, inputs, OracleOptions.DEFAULT);
            OracleResult b = IsolatedOracle.shared().run(rewritten, inputs, OracleOptions.DEFAULT);
            if (!a.isOk()) {
                fail("TFLite 2.6.2 fails on the ORIGINAL " + file.getFileName() + " (not a known limitation): "
                        + a.message());
            }
            if (!b.isOk()) {
                fail("TFLite 2.6.2 fails on the REWRITTEN model: " + b.message());
            }
            assertEquals(a.outputs().size(), b.outputs().size(), "output count");
            for (int o = 0; o < a.outputs().size(); o++) {
                assertArrayEquals(a.outputBytes(o), b.outputBytes(o), "seed " + seed + ", output " + o
                        + " differs between original and rewritten file");
            }
        }
    }
}
