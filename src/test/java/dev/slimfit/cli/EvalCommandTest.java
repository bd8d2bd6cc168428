package dev.slimfit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimfit.oracle.SharedModels;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code slimfit eval} on the MNIST CNN and the shared digits, and how eval, run and bench take mistakes. */
class EvalCommandTest {
    private String model;
    private String digits;
    private String labels;

    @BeforeEach
    void shared() {
        Assumptions.assumeTrue(SharedModels.available(), "../shared absent: skipping eval on the MNIST digits");
        model = SharedModels.model("mnist/conv_fc_mnist_float.tflite").toString();
        digits = SharedModels.root().resolve("data/mnist/mnist_npm10k-images-idx3-ubyte.gz").toString();
        labels = SharedModels.root().resolve("data/mnist/mnist_npm10k-labels-idx1-ubyte.gz").toString();
    }

    /**
     * The MNIST CNN has no normalization metadata: without --norm the pixels are scaled by a guess,
     * which the output says; with --norm zero1 (how it was trained) it scores what it should.
     */
    @Test
    void aGuessedNormalizationIsSaidAndTheRightOneScores() {
        Cli.Result guessed = Cli.run("eval", model, "--data", digits, "--labels", labels, "--limit", "200");
        assertEquals(0, guessed.exit(), guessed.err());
        assertTrue(guessed.out().contains("note: the model's metadata has no input normalization"), guessed.out());
        Cli.Result right = Cli.run("eval", model, "--data", digits, "--labels", labels, "--limit", "200", "--norm",
                "zero1");
        assertEquals(0, right.exit(), right.err());
        assertFalse(right.out().contains("note:"), right.out());
        double top1 = Double.parseDouble(right.out().replaceAll("(?s).*top1=([0-9.]+).*", "$1"));
        assertTrue(top1 >= 0.97, right.out());
    }

    /** A uint8-I/O export against its float original: refused in one line naming both inputs, not a crash. */
    @Test
    void aReferenceWithOtherInputsIsRefusedClearly(@TempDir Path dir) {
        Path u8 = dir.resolve("u8.tflite");
        Cli.Result made = Cli.run("optimize", model, "--scheme", "int8", "--io", "uint8", "--calibration", digits,
                "--norm", "zero1", "--samples", "20", "-o", u8.toString());
        assertEquals(0, made.exit(), made.err());
        Cli.Result r = Cli.run("eval", u8.toString(), "--data", digits, "--labels", labels, "--limit", "20",
                "--norm", "zero1", "--reference", model).assertOneLineFailure();
        assertTrue(r.line().contains("UINT8") && r.line().contains("FLOAT32") && r.line().contains("--io float"),
                r.line());
    }

    /** Per-layer outputs need a reference: refused before anything is evaluated or printed. */
    @Test
    void layersWithoutAReferenceIsRefusedBeforeEvaluating(@TempDir Path dir) {
        Cli.Result r = Cli.run("eval", model, "--data", digits, "--limit", "5", "--layers",
                dir.resolve("l.csv").toString()).assertOneLineFailure();
        assertTrue(r.line().contains("--reference"), r.line());
    }

    /** A signature the model does not have: the ones it has are named. */
    @Test
    void anUnknownSignatureNamesTheOnesThereAre() {
        String two = SharedModels.model("ops/two_signatures.tflite").toString();
        Cli.Result r = Cli.run("run", two, "--signature", "nope").assertOneLineFailure();
        assertTrue(r.line().contains("no signature 'nope'") && r.line().contains("'add'")
                && r.line().contains("'multiply'"), r.line());
    }

    /** Mistyped options and input counts are the user's: one line naming them, never "internal error". */
    @Test
    void mistypedOptionsAreUserErrors() {
        for (String[] args : new String[][] {
            {"eval", model, "--data", digits, "--norm", "bogus"},
            {"eval", model, "--data", digits, "--resize", "nearest"},
            {"run", model, "--input", digits, "--input", digits},
            {"bench", model, "--runs", "0"},
            {"bench", model, "--threads", "0"}}) {
            Cli.Result r = Cli.run(args).assertOneLineFailure();
            assertFalse(r.line().contains("internal error"), r.line());
            assertTrue(r.line().contains("--norm") || r.line().contains("--resize") || r.line().contains("--input")
                    || r.line().contains("--runs"), r.line());
        }
    }
}
