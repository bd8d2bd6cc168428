package dev.slimfit.bars;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimfit.cli.SlimfitCommand;
import dev.slimfit.eval.NpyArray;
import dev.slimfit.model.Model;
import dev.slimfit.oracle.SharedModels;
import dev.slimfit.optimize.Layer;
import dev.slimfit.optimize.LayerCatalog;
import dev.slimfit.optimize.LayerChoice;
import dev.slimfit.optimize.Plan;
import dev.slimfit.optimize.Recipe;
import dev.slimfit.optimize.Scheme;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bar 5 of "Quantization engine": bad input to {@code slimfit optimize} (run in-process through
 * the real command line) ends in one line {@code slimfit: <file>: <problem>} naming the file at
 * fault, exit code 2, nothing on stdout and no output file.
 */
class OptimizeBadInputBarTest {
    @TempDir
    Path tmp;

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SlimfitCommand.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    /** Runs optimize with {@code args} + {@code -o OUT} and checks the failure form; returns the line. */
    private String refused(Path file, String... args) {
        Path outFile = tmp.resolve("out.tflite");
        String[] all = new String[args.length + 3];
        all[0] = "optimize";
        System.arraycopy(args, 0, all, 1, args.length);
        all[all.length - 2] = "-o";
        all[all.length - 1] = outFile.toString();
        Run r = run(all);
        assertEquals(2, r.exit(), () -> "exit code; stderr: " + r.err());
        assertEquals("", r.out(), "nothing on stdout");
        assertEquals(1, r.err().lines().count(), () -> "one line: " + r.err());
        assertTrue(r.err().startsWith("slimfit: " + file + ": "), () -> "names " + file + ": " + r.err());
        assertFalse(r.err().contains("Exception"), r::err);
        assertFalse(Files.exists(outFile), "nothing written");
        return r.err().strip();
    }

    private static Path mnist() {
        return SharedModels.model(BarData.MNIST_CNN);
    }

    @Test
    void recipeNamingAMissingLayerNamesTheRecipeAndTheLayer() throws Exception {
        Path rec = tmp.resolve("r.json");
        Recipe.of(Plan.uniform(Scheme.INT8).with("no/such/layer", LayerChoice.of(Scheme.FLOAT16))).write(rec);
        String line = refused(rec, mnist().toString(), "--recipe", rec.toString());
        assertTrue(line.contains("no/such/layer") && line.contains("does not have"), line);
    }

    @Test
    void recipeAskingASchemeAnOpCannotTakeNamesLayerAndAllowedSchemes() throws Exception {
        Model m = BarData.model(BarData.MNIST_CNN);
        Layer pool = LayerCatalog.of(m).stream().filter(l -> !l.allowed().contains(Scheme.FLOAT16)).findFirst()
                .orElseThrow();
        Path rec = tmp.resolve("r.json");
        Recipe.of(Plan.keepAll().with(pool.id(), LayerChoice.of(Scheme.FLOAT16))).write(rec);
        String line = refused(rec, mnist().toString(), "--recipe", rec.toString());
        assertTrue(line.contains(pool.id()) && line.contains("cannot take scheme float16") && line.contains("can take"),
                line);
    }

    @Test
    void calibrationFolderWithoutUsableSamplesIsNamed() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("cal"));
        Files.writeString(dir.resolve("README.txt"), "not a sample");
        String line = refused(dir, mnist().toString(), "--scheme", "int8", "--calibration", dir.toString());
        assertTrue(line.contains("no usable samples"), line);
        Path empty = Files.createDirectory(tmp.resolve("empty"));
        assertTrue(refused(empty, mnist().toString(), "--scheme", "int8", "--calibration", empty.toString())
                .contains("no usable samples"));
    }

    @Test
    void undecodableImageIsNamed() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("cal"));
        Path bad = Files.writeString(dir.resolve("broken.jpg"), "this is no JPEG");
        String line = refused(bad, mnist().toString(), "--scheme", "int8", "--calibration", dir.toString());
        assertTrue(line.contains("not an image format"), line);
    }

    @Test
    void npyOfTheWrongShapeNamesFileShapeAndInput() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("cal"));
        Path npy = dir.resolve("s.npy");
        Files.write(npy, NpyArray.encode("f4", new int[] {1, 32, 32, 1}, new byte[32 * 32 * 4]));
        String line = refused(npy, mnist().toString(), "--scheme", "int8", "--calibration", dir.toString());
        assertTrue(line.contains("[1, 32, 32, 1]") && line.contains("28"), line);
    }

    @Test
    void imagesForAModelWhoseInputIsNotAnImageAreRefused() {
        Path hello = SharedModels.model(BarData.HELLO);
        Path mnistPngs = SharedModels.root().resolve("data/mnist");
        String line = refused(mnistPngs, hello.toString(), "--scheme", "int8", "--calibration", mnistPngs.toString());
        assertTrue(line.contains("not an image tensor"), line);
    }

    /** Not an error: RGB photos for a 1-channel model are converted to grey (and resized), as documented. */
    @Test
    void rgbImagesForAGreyModelAreConvertedNotRefused() {
        Path photos = BarData.imagenetDir().resolve("samples");
        Path o = tmp.resolve("ok.tflite");
        Run r = run("optimize", mnist().toString(), "--scheme", "int8", "--calibration", photos.toString(),
                "--samples", "3", "--norm", "zero1", "-o", o.toString());
        assertEquals(0, r.exit(), r::err);
        assertTrue(Files.exists(o));
    }

    @Test
    void alreadyQuantizedModelIsNamed() {
        Path q = SharedModels.model("mnist/conv_fc_mnist_a8w8_int8.tflite");
        assertTrue(refused(q, q.toString(), "--scheme", "float16").contains("already quantized"));
    }

    @Test
    void fullIntegerWithoutCalibrationDataNamesTheModel() {
        assertTrue(refused(mnist(), mnist().toString(), "--scheme", "int8").contains("--calibration"));
    }

    @Test
    void unknownSchemeAndBadOptionsNameTheModel() {
        assertTrue(refused(mnist(), mnist().toString(), "--scheme", "int4").contains("unknown scheme 'int4'"));
        assertTrue(refused(mnist(), mnist().toString(), "--scheme", "int8", "--io", "int4").contains("--io"));
        assertTrue(refused(mnist(), mnist().toString(), "--scheme", "dynamic", "--hybrid-min-elements", "-1")
                .contains("--hybrid-min-elements"));
    }

    @Test
    void missingOrBrokenRecipeIsNamed() throws Exception {
        Path none = tmp.resolve("none.json");
        assertTrue(refused(none, mnist().toString(), "--recipe", none.toString()).contains("no such recipe"));
        Path bad = Files.writeString(tmp.resolve("bad.json"), "{ not json");
        assertTrue(refused(bad, mnist().toString(), "--recipe", bad.toString()).contains("not valid JSON"));
    }

    @Test
    void outputOverTheSourceIsRefused() throws Exception {
        Path copy = Files.copy(mnist(), tmp.resolve("m.tflite"));
        long size = Files.size(copy);
        Run r = run("optimize", copy.toString(), "--scheme", "float16", "-o", copy.toString());
        assertEquals(2, r.exit(), r::err);
        assertTrue(r.err().startsWith("slimfit: " + copy + ": ") && r.err().contains("refusing"), r::err);
        assertEquals(size, Files.size(copy));
    }
}
