package dev.slimfit.oracle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-process oracle on the tiny hello_world models (MANIFEST: output ~= sin(x) on [0, 2 pi]). */
class InProcessOracleTest {
    static final String HELLO = "micro/hello_world_float.tflite";
    private final Oracle oracle = InProcessOracle.get();

    static byte[] f32(float... v) {
        ByteBuffer bb = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float x : v) {
            bb.putFloat(x);
        }
        return bb.array();
    }

    @Test
    void helloWorldFloatIsSinLike() {
        byte[] model = SharedModels.read(HELLO);
        for (int i = 0; i <= 20; i++) {
            float x = (float) (2 * Math.PI * i / 20);
            OracleResult r = oracle.run(model, List.of(f32(x)), OracleOptions.DEFAULT).requireOk();
            float y = r.outputs().get(0).floats()[0];
            assertEquals(Math.sin(x), y, 0.06, "sin(" + x + ")");
        }
        // exact TFLite 2.6.2 builtin-kernel value at x=0 (XNNPACK off)
        OracleResult r0 = oracle.run(model, List.of(f32(0f)), OracleOptions.DEFAULT).requireOk();
        assertEquals(0x3cd850a0, Float.floatToRawIntBits(r0.outputs().get(0).floats()[0]),
                "bits of TFLite 2.6.2 builtin kernels; XNNPACK gives 0x3cd8502a");
    }

    @Test
    void describesTensorsAndIsDeterministic() {
        byte[] model = SharedModels.read(HELLO);
        OracleResult a = oracle.run(model, List.of(f32(1.25f)), OracleOptions.DEFAULT).requireOk();
        OracleResult b = oracle.run(model, List.of(f32(1.25f)), OracleOptions.DEFAULT).requireOk();
        assertArrayEquals(a.outputBytes(0), b.outputBytes(0));
        assertTrue(a.sameOutputBytes(b));
        OracleTensor in = a.inputs().get(0);
        assertEquals("serving_default_dense_input:0", in.name());
        assertEquals("FLOAT32", in.dtype());
        assertArrayEquals(new int[] {1, 1}, in.shape());
        OracleTensor out = a.outputs().get(0);
        assertEquals("StatefulPartitionedCall:0", out.name());
        assertEquals(4, out.data().length);
        assertTrue(a.nativeNanos() > 0);
    }

    @Test
    void quantizationParametersOfInt8Model() {
        OracleResult r = oracle.inspect(SharedModels.read("micro/hello_world_int8.tflite"), OracleOptions.DEFAULT)
                .requireOk();
        OracleTensor in = r.inputs().get(0);
        assertEquals("INT8", in.dtype());
        assertEquals(0.024480116f, in.scale());
        assertEquals(-128, in.zeroPoint());
        assertEquals(5, r.outputs().get(0).zeroPoint());
        assertEquals(0, r.outputs().get(0).data().length, "inspect carries no data");
    }

    @Test
    void resizesDynamicBatch() {
        byte[] model = SharedModels.read(HELLO);
        float[] xs = {0.1f, 1f, 2f, 4f};
        OracleResult batch = oracle.run(model, List.of(f32(xs)), OracleOptions.DEFAULT.withInputShape(0, 4, 1))
                .requireOk();
        assertArrayEquals(new int[] {4, 1}, batch.outputs().get(0).shape());
        for (int i = 0; i < xs.length; i++) {
            OracleResult one = oracle.run(model, List.of(f32(xs[i])), OracleOptions.DEFAULT).requireOk();
            assertEquals(one.outputs().get(0).floats()[0], batch.outputs().get(0).floats()[i], 1e-6);
        }
    }

    @Test
    void xnnpackAndThreadsAreHonoured() {
        byte[] model = SharedModels.read(HELLO);
        float plain = oracle.run(model, List.of(f32(0f)), OracleOptions.DEFAULT).requireOk().outputs().get(0)
                .floats()[0];
        float xnn = oracle.run(model, List.of(f32(0f)), OracleOptions.DEFAULT.withXnnpack(true).withThreads(2))
                .requireOk().outputs().get(0).floats()[0];
        assertEquals(plain, xnn, 1e-4);
    }

    @Test
    void badInputsAndGarbageModelsFailCleanly() {
        OracleResult garbage = oracle.run("definitely not a flatbuffer".getBytes(StandardCharsets.US_ASCII),
                List.of(f32(0f)), OracleOptions.DEFAULT);
        assertEquals(OracleResult.Kind.FAILED, garbage.kind());
        assertTrue(garbage.message().contains("not a valid flatbuffer model"), garbage.message());
        byte[] model = SharedModels.read(HELLO);
        OracleResult shortInput = oracle.run(model, List.of(new byte[3]), OracleOptions.DEFAULT);
        assertEquals(OracleResult.Kind.FAILED, shortInput.kind());
        assertTrue(shortInput.message().contains("needs 4 bytes, got 3"), shortInput.message());
        assertEquals(1, shortInput.inputs().size(), "inputs are described even when the run fails");
        OracleResult twoInputs = oracle.run(model, List.of(f32(0f), f32(0f)), OracleOptions.DEFAULT);
        assertTrue(twoInputs.message().contains("has 1 inputs, got 2"), twoInputs.message());
    }

    @Test
    void benchReportsOrderedStatistics() {
        OracleBench b = oracle.bench(SharedModels.read(HELLO), List.of(f32(1f)), 1, false, 5, 21);
        assertEquals(OracleResult.Kind.OK, b.kind(), b.message());
        assertEquals(21, b.runs());
        assertTrue(b.minMs() > 0 && b.minMs() <= b.medianMs() && b.medianMs() <= b.p90Ms(), b.toString());
        assertNotEquals(Double.NaN, b.meanMs());
    }

    @Test
    void benchStatistics() {
        OracleBench b = OracleBench.of(new long[] {5_000_000, 1_000_000, 3_000_000, 2_000_000, 4_000_000, 10_000_000,
            6_000_000, 7_000_000, 8_000_000, 9_000_000});
        assertEquals(5.5, b.medianMs(), 1e-9);
        assertEquals(1.0, b.minMs(), 1e-9);
        assertEquals(5.5, b.meanMs(), 1e-9);
        assertEquals(9.0, b.p90Ms(), 1e-9);
    }
}
