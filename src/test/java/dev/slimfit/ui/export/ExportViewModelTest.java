package dev.slimfit.ui.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimfit.model.Model;
import dev.slimfit.model.TensorType;
import dev.slimfit.optimize.Layer;
import dev.slimfit.optimize.Recipe;
import dev.slimfit.optimize.Scheme;
import dev.slimfit.tflite.TfliteReader;
import dev.slimfit.tflite.TfliteWriter;
import dev.slimfit.ui.MainViewModel;
import dev.slimfit.ui.RecordingDialogs;
import dev.slimfit.ui.common.AppPreferences;
import dev.slimfit.ui.common.DirectTaskExecutor;
import dev.slimfit.ui.common.RecipePlanStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export without a toolkit: quantized model, recipe, report, run check; never over the source. */
class ExportViewModelTest {
    @TempDir
    Path dir;
    private Preferences node;
    private RecordingDialogs dialogs;
    private MainViewModel main;

    @BeforeEach
    void setUp() throws Exception {
        node = Preferences.userRoot().node("/dev/slimfit/test/export" + System.nanoTime());
        dialogs = new RecordingDialogs();
        main = new MainViewModel(new DirectTaskExecutor(), dialogs, new AppPreferences(node), new RecipePlanStore());
        Path copy = dir.resolve("tiny.tflite");
        Files.copy(Path.of("sample-models/tinynet_float.tflite"), copy);
        main.open(copy);
    }

    @AfterEach
    void tearDown() throws Exception {
        node.removeNode();
    }

    @Test
    void anInt8PlanExportsAQuantizedModelWithRecipeAndReport() throws Exception {
        List<String> all = main.documentProperty().get().layers().stream().map(Layer::id).toList();
        main.setScheme(all, Scheme.INT8);
        ExportViewModel vm = new ExportViewModel(main, new DirectTaskExecutor());
        Path out = dir.resolve("tiny_int8.tflite");
        vm.targetProperty().set(out);
        vm.export();
        assertTrue(dialogs.errors.isEmpty(), dialogs.errors.toString());
        assertNotNull(vm.resultProperty().get());
        Model m = TfliteReader.read(out);
        assertTrue(m.mainSubgraph().tensors().stream().anyMatch(t -> t.type() == TensorType.INT8));
        // the recipe is the plan with the calibration the export used (16 seeded inputs, min/max)
        assertEquals(main.planProperty().get().withCalibration(new dev.slimfit.optimize.CalibrationSpec(
                dev.slimfit.optimize.CalibrationSpec.Method.MIN_MAX, 99.99, 16)),
                Recipe.read(dir.resolve("tiny_int8.recipe.json")).plan());
        assertTrue(Files.exists(dir.resolve("tiny_int8-size.png")));
        assertTrue(vm.statusProperty().get().contains("random inputs"), vm.statusProperty().get());
    }

    /**
     * The app's Export runs the CLI's pipeline: an int8 plan with repaired clustering, calibrated
     * on the same .npy samples, gives the same weights, biases and quantization parameters as
     * {@code slimfit optimize --recipe} on the recipe the export wrote (only the provenance differs).
     */
    @Test
    void theAppExportsWhatTheCliMakesOfTheSamePlan() throws Exception {
        Path cal = Files.createDirectories(dir.resolve("cal"));
        java.util.Random rnd = new java.util.Random(7);
        for (int i = 0; i < 4; i++) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(96 * 96 * 3 * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            for (int k = 0; k < 96 * 96 * 3; k++) {
                b.putFloat(rnd.nextFloat() * 2 - 1);
            }
            Files.write(cal.resolve("s" + i + ".npy"), dev.slimfit.eval.NpyArray.encode("f4", new int[] {1, 96, 96, 3},
                    b.array()));
        }
        List<String> all = main.documentProperty().get().layers().stream().map(Layer::id).toList();
        main.setScheme(all, Scheme.INT8);
        List<String> convs = main.documentProperty().get().layers().stream()
                .filter(l -> l.op().equals("CONV_2D") && l.hasWeights()).map(Layer::id).toList();
        main.setClustering(convs, dev.slimfit.optimize.Clustering.recommended(16));
        ExportViewModel vm = new ExportViewModel(main, new DirectTaskExecutor());
        vm.calibration().dataProperty().set(cal.toString());
        vm.calibration().samplesProperty().set(4);
        Path app = dir.resolve("app.tflite");
        vm.targetProperty().set(app);
        vm.export();
        assertTrue(dialogs.errors.isEmpty(), dialogs.errors.toString());
        assertTrue(vm.statusProperty().get().contains("over 4 sample(s)"), vm.statusProperty().get());
        Path cli = dir.resolve("cli.tflite");
        java.io.StringWriter err = new java.io.StringWriter();
        assertEquals(0, dev.slimfit.cli.SlimfitCommand.execute(new java.io.PrintWriter(new java.io.StringWriter()),
                new java.io.PrintWriter(err), "optimize", main.documentProperty().get().file().toString(), "--recipe",
                dir.resolve("app.recipe.json").toString(), "--calibration", cal.toString(), "-o", cli.toString()),
                err::toString);
        Model a = TfliteReader.read(app);
        Model c = TfliteReader.read(cli);
        assertEquals(c.mainSubgraph().tensors().size(), a.mainSubgraph().tensors().size());
        int compared = 0;
        for (int i = 0; i < a.mainSubgraph().tensors().size(); i++) {
            var ta = a.mainSubgraph().tensor(i);
            var tc = c.mainSubgraph().tensor(i);
            assertEquals(tc.type(), ta.type(), ta.name());
            assertEquals(tc.quantization(), ta.quantization(), ta.name());
            assertEquals(c.dataOf(tc), a.dataOf(ta), ta.name());
            compared += a.dataOf(ta).isEmpty() ? 0 : 1;
        }
        assertTrue(compared > 10, "constants compared: " + compared);
    }

    /** Repair uses samples too, so a float16 plan with repaired clustering asks for calibration data. */
    @Test
    void theDialogAsksForSamplesWhenRepairNeedsThem() {
        List<String> all = main.documentProperty().get().layers().stream().map(Layer::id).toList();
        main.setScheme(all, Scheme.FLOAT16);
        assertTrue(!new ExportViewModel(main, new DirectTaskExecutor()).needsCalibration(), "float16 alone");
        main.setClustering(all, dev.slimfit.optimize.Clustering.recommended(16));
        assertTrue(new ExportViewModel(main, new DirectTaskExecutor()).needsCalibration(), "repaired clustering");
        main.setClustering(all, new dev.slimfit.optimize.Clustering(16, dev.slimfit.optimize.Clustering.Init.LINEAR,
                false));
        assertTrue(!new ExportViewModel(main, new DirectTaskExecutor()).needsCalibration(), "clustering, no repair");
    }

    @Test
    void exportRefusesToWriteOverTheSource() {
        ExportViewModel vm = new ExportViewModel(main, new DirectTaskExecutor());
        vm.targetProperty().set(main.documentProperty().get().file());
        vm.export();
        assertEquals(1, dialogs.errors.size());
        assertTrue(dialogs.errors.get(0).contains("refusing"), dialogs.errors.get(0));
        assertThrows(java.io.IOException.class, () -> TfliteWriter.write(main.documentProperty().get().model(),
                main.documentProperty().get().file(), main.documentProperty().get().file()));
    }
}
