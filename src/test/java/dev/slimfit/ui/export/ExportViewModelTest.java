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
        assertEquals(main.planProperty().get(), Recipe.read(dir.resolve("tiny_int8.recipe.json")).plan());
        assertTrue(Files.exists(dir.resolve("tiny_int8-size.png")));
        assertTrue(vm.statusProperty().get().contains("random inputs"), vm.statusProperty().get());
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
