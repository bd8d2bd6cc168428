package dev.slimfit.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimfit.cli.BenchCommand;
import dev.slimfit.cli.EvalCommand;
import dev.slimfit.cli.RunCommand;
import dev.slimfit.oracle.InProcessOracle;
import dev.slimfit.oracle.OracleInputs;
import dev.slimfit.oracle.OracleOptions;
import dev.slimfit.oracle.OracleResult;
import dev.slimfit.oracle.SharedModels;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The eval/run/bench commands, driven through picocli as the launcher will. */
class CommandsTest {
    @TempDir
    Path tmp;

    private static String[] run(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    void runWithASeedWritesTheOutputTfliteComputesForTheOracleRecipeInputs() throws Exception {
        Path model = SharedModels.model("mnist/conv_fc_mnist_float.tflite");
        Path out = tmp.resolve("out.npy");
        String[] r = run(new RunCommand(), model.toString(), "--seed", "7", "--output", out.toString());
        assertEquals("0", r[0], r[2]);
        NpyArray ours = NpyArray.read(out);
        assertArrayEquals(new int[] {1, 10}, ours.shape());
        byte[] input = OracleInputs.generate("FLOAT32", new int[] {1, 28, 28, 1}, OracleInputs.inputSeed(7, 0));
        OracleResult ref = InProcessOracle.get().run(Files.readAllBytes(model), List.of(input), OracleOptions.DEFAULT);
        float[] expected = ref.outputs().get(0).floats();
        for (int i = 0; i < 10; i++) {
            assertEquals(expected[i], ours.get(i), 1e-4 * Math.max(1, Math.abs(expected[i])));
        }
    }

    @Test
    void evalPrintsTop1AndAgreementAndWritesLayerErrors() throws Exception {
        Path root = SharedModels.root();
        Path model = SharedModels.model("imagenet/mobilenet_v1_0.25_128_float.tflite");
        Path layers = tmp.resolve("layers.csv");
        Path me = tmp.resolve("me.json");
        String[] r = run(new EvalCommand(), model.toString(), "--data",
                root.resolve("data/imagenet/samples").toString(), "--labels",
                root.resolve("data/imagenet/samples.csv").toString(), "--crop", "0.875", "--limit", "10",
                "--reference", model.toString(), "--layers", layers.toString(), "--model-explorer", me.toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("top1=") && r[1].contains("agreement=1.0000"), r[1]);
        assertEquals(32, Files.readAllLines(layers).size()); // header + 31 op outputs
        assertTrue(Files.readString(me).contains("\"results\""));
    }

    @Test
    void benchPrintsMedianAndAPerOpTable() {
        Path model = SharedModels.model("mnist/conv_fc_mnist_float.tflite");
        String[] r = run(new BenchCommand(), model.toString(), "--runs", "5", "--warmup", "1", "--profile");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].matches("(?s)median_ms=[0-9.]+ min_ms=.*"), r[1]);
        assertTrue(r[1].contains("CONV_2D") && r[1].contains("FULLY_CONNECTED"), r[1]);
    }
}
