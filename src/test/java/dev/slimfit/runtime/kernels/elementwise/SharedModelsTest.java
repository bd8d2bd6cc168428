package dev.slimfit.runtime.kernels.elementwise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.slimfit.model.Model;
import dev.slimfit.oracle.SharedModels;
import dev.slimfit.runtime.Interpreter;
import dev.slimfit.runtime.RuntimeTensor;
import dev.slimfit.testing.Conformance;
import dev.slimfit.tflite.TfliteReader;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real single-op models from ../shared/models: against TFLite 2.6.2 on seeded inputs, and the int16
 * SEANet models also against their golden outputs (TFLite Micro reference kernels, exact).
 */
class SharedModelsTest {
    private static Model read(String rel) throws Exception {
        Assumptions.assumeTrue(SharedModels.available(), "shared models not present");
        return TfliteReader.read(ByteBuffer.wrap(SharedModels.read(rel)), rel);
    }

    @ParameterizedTest
    @ValueSource(strings = {"int16/seanet_add0.tflite", "int16/seanet_sub0.tflite", "int16/seanet_leaky_relu0.tflite",
            "ops/two_signatures.tflite", "ops/two_signatures_a8w8.tflite"})
    void matchesTflite262(String rel) throws Exception {
        Conformance.check(read(rel), 2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"seanet_add0", "seanet_sub0", "seanet_leaky_relu0", "seanet_quantize0"})
    void matchesSeanetGoldenOutputs(String name) throws Exception {
        Model m = read("int16/" + name + ".tflite");
        Path dir = SharedModels.root().resolve("data/int16_seanet");
        try (Interpreter it = Interpreter.create(m)) {
            for (int i = 0; i < it.inputCount(); i++) {
                RuntimeTensor t = it.input(i);
                long[] v = csv(dir, name + "_input" + i + "_" + t.type().name().toLowerCase() + ".csv");
                for (int k = 0; k < v.length; k++) {
                    switch (t.type()) {
                        case INT16 -> t.shorts()[k] = (short) v[k];
                        case INT32 -> t.ints()[k] = (int) v[k];
                        default -> throw new IllegalStateException(t.type().name());
                    }
                }
            }
            it.invoke();
            long[] golden = csv(dir, name + "_golden_int16.csv");
            short[] got = Arrays.copyOf(it.output(0).shorts(), golden.length);
            short[] want = new short[golden.length];
            for (int k = 0; k < golden.length; k++) {
                want[k] = (short) golden[k];
            }
            assertArrayEquals(want, got);
        }
    }

    private static long[] csv(Path dir, String file) throws Exception {
        String s = Files.readString(dir.resolve(file)).trim();
        return Arrays.stream(s.split("[,\\s]+")).mapToLong(Long::parseLong).toArray();
    }
}
