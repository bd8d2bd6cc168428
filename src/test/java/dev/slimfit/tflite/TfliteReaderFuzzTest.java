package dev.slimfit.tflite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimfit.SharedModels;
import dev.slimfit.model.Model;
import dev.slimfit.model.ModelSummary;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Seeded byte mutations of real models: every case must end in a {@link Model} (which must then
 * also summarise and serialise) or a {@link TfliteFormatException}, within one second. Any other
 * outcome fails the test naming the seed, the model and the mutation, so the case can be replayed
 * with {@link FuzzMutator#mutate}.
 */
class TfliteReaderFuzzTest {
    /** 1,000 by default; raise with -Dslimfit.fuzz.cases for a longer hunt (and -Dslimfit.fuzz.seed). */
    private static final int CASES = Integer.getInteger("slimfit.fuzz.cases", 1_000);
    private static final long SEED = Long.getLong("slimfit.fuzz.seed", 0x51F_F17L);
    private static final long CASE_DEADLINE_MS = 1_000;
    /** Small and medium models: in these the tables are a large share of the bytes. */
    private static final String[] MODELS = {
        "micro/hello_world_int8.tflite", "micro/micro_speech_int8.tflite", "micro/mnist_lstm_int8.tflite",
        "micro/keyword_scrambled_int16.tflite", "micro/audio_preprocessor_int8.tflite",
        "ops/two_signatures_a8w8.tflite", "ops/simple_composite.tflite", "ops/weight_sharing_fcs.tflite",
        "ops/embedding_lookup.tflite", "int16/seanet_conv0.tflite", "mnist/keras_lstm_mnist_ptq_uint8.tflite",
        "mnist/conv_fc_mnist_a8w8_int8.tflite", "detection/face_detection_full_range_sparse_fp16.tflite",
        "imagenet/mobilenet_v1_0.25_128_quant.tflite",
    };

    @Test
    void mutatedRealModelsEndInAModelOrAFormatExceptionWithinOneSecondEach() throws Exception {
        List<byte[]> originals = new ArrayList<>();
        for (String m : MODELS) {
            byte[] bytes = Files.readAllBytes(SharedModels.require(m));
            TfliteReader.read(ByteBuffer.wrap(bytes), m); // the unmutated file must read (and warms up)
            originals.add(bytes);
        }
        List<String> failures = new ArrayList<>();
        int models = 0;
        int rejected = 0;
        long start = System.nanoTime();
        ExecutorService exec = Executors.newSingleThreadExecutor(daemon());
        try {
            for (int i = 0; i < CASES && failures.size() < 20; i++) {
                long seed = SEED + i;
                int which = i % MODELS.length;
                FuzzMutator.Mutation mut = FuzzMutator.mutate(originals.get(which), seed);
                String label = "seed " + seed + ", " + MODELS[which] + ", " + mut.description();
                Future<Boolean> f = exec.submit(() -> readOne(mut.bytes(), MODELS[which]));
                try {
                    if (f.get(CASE_DEADLINE_MS, TimeUnit.MILLISECONDS)) {
                        models++;
                    } else {
                        rejected++;
                    }
                } catch (TimeoutException e) {
                    f.cancel(true);
                    failures.add(label + ": no result within " + CASE_DEADLINE_MS + " ms");
                    exec.shutdownNow();
                    exec = Executors.newSingleThreadExecutor(daemon()); // the stuck thread is abandoned
                } catch (ExecutionException e) {
                    failures.add(label + ": " + stackTop(e.getCause()));
                }
            }
        } finally {
            exec.shutdownNow();
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("fuzz: %d cases in %d ms: %d read as a model, %d rejected, %d failures%n",
                models + rejected + failures.size(), ms, models, rejected, failures.size());
        assertTrue(failures.isEmpty(), failures.size() + " fuzz cases failed:\n" + String.join("\n", failures));
        assertEquals(CASES, models + rejected);
        assertTrue(rejected > CASES / 10, "too few mutations were rejected (" + rejected + "): is the mutator working?");
    }

    /** True when the bytes read as a model, false when rejected; anything else propagates. */
    private static boolean readOne(byte[] bytes, String name) throws Exception {
        Model m;
        try {
            m = TfliteReader.read(ByteBuffer.wrap(bytes), name);
        } catch (TfliteFormatException e) {
            assertTrue(e.getMessage().startsWith(name + ": "), "message must name the file: " + e.getMessage());
            assertTrue(!e.getMessage().contains("\n"), "message must be one line: " + e.getMessage());
            assertTrue(!e.getMessage().contains("Exception"), "message must be words, not a class: " + e.getMessage());
            return false;
        }
        ModelSummary.of(m); // what `slimfit inspect` does next
        ByteBuffer written = TfliteWriter.toBytes(m); // what `slimfit export` does next
        Model again = TfliteReader.read(written, name + " (rewritten)");
        assertEquals(m, again, "export must write back what was read");
        return true;
    }

    private static java.util.concurrent.ThreadFactory daemon() {
        return r -> {
            Thread t = new Thread(r, "fuzz-case");
            t.setDaemon(true);
            return t;
        };
    }

    private static String stackTop(Throwable t) {
        StringWriter sw = new StringWriter();
        t.printStackTrace(new PrintWriter(sw));
        String[] lines = sw.toString().split("\n");
        return String.join("\n    ", java.util.Arrays.copyOf(lines, Math.min(6, lines.length)));
    }
}
