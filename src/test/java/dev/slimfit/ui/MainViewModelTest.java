package dev.slimfit.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimfit.optimize.Layer;
import dev.slimfit.optimize.Plan;
import dev.slimfit.optimize.Pruning;
import dev.slimfit.optimize.Scheme;
import dev.slimfit.ui.charts.SizeViewModel;
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

/** The main view-model without a toolkit: open, errors, plan edits, undo/redo, recipes. */
class MainViewModelTest {
    static final Path SAMPLE = Path.of("sample-models/tinynet_float.tflite");
    @TempDir
    Path dir;
    private Preferences node;
    private RecordingDialogs dialogs;
    private MainViewModel vm;
    private SizeViewModel size;

    @BeforeEach
    void setUp() {
        node = Preferences.userRoot().node("/dev/slimfit/test/" + System.nanoTime());
        dialogs = new RecordingDialogs();
        DirectTaskExecutor tasks = new DirectTaskExecutor();
        vm = new MainViewModel(tasks, dialogs, new AppPreferences(node), new RecipePlanStore());
        size = new SizeViewModel(vm, tasks);
    }

    @AfterEach
    void tearDown() throws Exception {
        node.removeNode();
    }

    private Layer firstConv() {
        return vm.documentProperty().get().layers().stream().filter(l -> l.op().equals("CONV_2D") && l.hasWeights())
                .findFirst().orElseThrow();
    }

    /** The status bar counts parameters as inspect does (distinct buffers) and says when there are more subgraphs. */
    @Test
    void statusBarCountsDistinctParametersAndNamesOtherSubgraphs() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(dev.slimfit.oracle.SharedModels.available(),
                "../shared absent: skipping the shared-weights model");
        Path shared = dev.slimfit.oracle.SharedModels.model("ops/weight_sharing_fcs.tflite");
        vm.open(shared);
        String status = MainViewModel.describe(vm.documentProperty().get());
        // one 32x16 weight buffer read by the FC of each of the two subgraphs: 512 parameters, not 1,024
        assertTrue(status.contains("  512 params"), status);
        assertTrue(status.contains("1 ops in subgraph 0 of 2"), status);
        vm.open(SAMPLE);
        String sample = MainViewModel.describe(vm.documentProperty().get());
        assertFalse(sample.contains("subgraph"), sample);
        assertTrue(sample.contains(String.format(java.util.Locale.ROOT, "%,d params",
                dev.slimfit.model.ModelSummary.of(vm.documentProperty().get().model()).parameterCount())), sample);
    }

    /** A model that is already quantized offers no edits: the layers table says why instead. */
    @Test
    void layersTableKnowsWhenTheModelIsAlreadyQuantized() {
        org.junit.jupiter.api.Assumptions.assumeTrue(dev.slimfit.oracle.SharedModels.available(),
                "../shared absent: skipping the quantized model");
        dev.slimfit.ui.layers.LayersViewModel layers = new dev.slimfit.ui.layers.LayersViewModel(vm, size);
        vm.open(SAMPLE);
        assertFalse(layers.alreadyQuantizedProperty().get());
        vm.open(dev.slimfit.oracle.SharedModels.model("imagenet/mobilenet_v1_0.25_128_quant.tflite"));
        assertTrue(layers.alreadyQuantizedProperty().get());
        assertTrue(layers.rows().stream().filter(r -> r.layer().op().equals("CONV_2D"))
                .allMatch(r -> dev.slimfit.ui.layers.LayersViewModel.storedQuantized(r.layer())));
        vm.open(SAMPLE);
        assertFalse(layers.alreadyQuantizedProperty().get());
    }

    @Test
    void openingTheSampleShowsItsLayersGraphAndSize() {
        vm.open(SAMPLE);
        ModelDocument d = vm.documentProperty().get();
        assertEquals("tinynet_float.tflite", d.name());
        assertFalse(d.layers().isEmpty());
        assertEquals(d.layers().size() + d.model().mainSubgraph().inputs().length
                + d.model().mainSubgraph().outputs().length, d.graph().nodeCount());
        assertTrue(d.original().rawBytes() > 0);
        assertTrue(dialogs.errors.isEmpty());
        assertEquals(List.of(SAMPLE.toAbsolutePath().normalize()), vm.recentFiles());
    }

    @Test
    void aBrokenFileReportsFileAndProblemAndKeepsThePreviousModel() throws Exception {
        vm.open(SAMPLE);
        ModelDocument before = vm.documentProperty().get();
        Path garbage = dir.resolve("garbage.tflite");
        Files.write(garbage, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13});
        vm.open(garbage);
        assertEquals(1, dialogs.errors.size());
        assertTrue(dialogs.errors.get(0).startsWith("Cannot open garbage.tflite | "), dialogs.errors.get(0));
        assertSame(before, vm.documentProperty().get());
        vm.open(SAMPLE);
        assertNotEquals(before, vm.documentProperty().get());
        assertEquals(1, dialogs.errors.size());
    }

    @Test
    void pruningAConvLayerShrinksThePlannedCompressedSize() {
        vm.open(SAMPLE);
        long original = size.plannedProperty().get().estimate().compressedBytes();
        vm.setPruning(List.of(firstConv().id()), new Pruning(0.8, Pruning.Pattern.UNSTRUCTURED, false));
        long planned = size.plannedProperty().get().estimate().compressedBytes();
        assertTrue(planned < original, planned + " < " + original);
        assertTrue(size.lastLatencyMillisProperty().get() >= 0);
    }

    @Test
    void quantizingEveryLayerShrinksTheRawSizeAsTheQuantizerWritesIt() {
        vm.open(SAMPLE);
        long raw = size.plannedProperty().get().estimate().rawBytes();
        List<String> all = vm.documentProperty().get().layers().stream().map(Layer::id).toList();
        vm.setScheme(all, Scheme.FLOAT16);
        long half = size.plannedProperty().get().estimate().rawBytes();
        vm.setScheme(all, Scheme.INT8);
        var planned = size.plannedProperty().get();
        assertTrue(half < raw * 0.7, half + " vs " + raw);
        assertTrue(planned.estimate().rawBytes() < half, planned.estimate().rawBytes() + " vs " + half);
        assertEquals(dev.slimfit.optimize.SizeEstimator.estimate(planned.model()).rawBytes(),
                planned.estimate().rawBytes());
        assertTrue(dialogs.errors.isEmpty(), dialogs.errors.toString());
    }

    @Test
    void undoAndRedoRestoreThePlan() {
        vm.open(SAMPLE);
        String id = firstConv().id();
        vm.setScheme(List.of(id), Scheme.INT8);
        vm.setPruning(List.of(id), new Pruning(0.5, Pruning.Pattern.UNSTRUCTURED, false));
        Plan both = vm.planProperty().get();
        vm.undoStack().undo();
        assertEquals(Scheme.INT8, vm.planProperty().get().choiceFor(id).scheme());
        assertEquals(null, vm.planProperty().get().choiceFor(id).pruning());
        vm.undoStack().undo();
        assertEquals(Plan.keepAll(), vm.planProperty().get());
        assertFalse(vm.undoStack().canUndoProperty().get());
        vm.undoStack().redo();
        vm.undoStack().redo();
        assertEquals(both, vm.planProperty().get());
    }

    @Test
    void schemesAreSetOnlyOnLayersThatAllowThem() {
        vm.open(SAMPLE);
        List<String> all = vm.documentProperty().get().layers().stream().map(Layer::id).toList();
        vm.setScheme(all, Scheme.INT8);
        for (Layer l : vm.documentProperty().get().layers()) {
            assertEquals(l.allowed().contains(Scheme.INT8), vm.planProperty().get().choiceFor(l.id()).scheme() == Scheme.INT8,
                    l.id());
        }
    }

    @Test
    void aSavedPlanLoadsBackAsOneUndoableStep() throws Exception {
        vm.open(SAMPLE);
        vm.setPruning(List.of(firstConv().id()), new Pruning(0.5, Pruning.Pattern.TWO_OF_FOUR, false));
        Plan saved = vm.planProperty().get();
        Path recipe = dir.resolve("plan.recipe.json");
        dialogs.answers.add(recipe);
        vm.savePlan();
        vm.replacePlan(Plan.keepAll(), "reset");
        dialogs.answers.add(recipe);
        vm.loadPlan();
        assertEquals(saved, vm.planProperty().get());
        vm.undoStack().undo();
        assertEquals(Plan.keepAll(), vm.planProperty().get());
    }

    /** A recipe naming layers the open model does not have is refused on load, not at export. */
    @Test
    void aRecipeOfAnotherModelIsRefusedOnLoadAndThePlanKept() throws Exception {
        vm.open(SAMPLE);
        vm.setPruning(List.of(firstConv().id()), new Pruning(0.5, Pruning.Pattern.TWO_OF_FOUR, false));
        Plan before = vm.planProperty().get();
        Path other = dir.resolve("other.recipe.json");
        Files.writeString(other, dev.slimfit.optimize.Recipe.of(Plan.keepAll().with("MobilenetV1/Logits/Conv2d_1c_1x1/BiasAdd",
                dev.slimfit.optimize.LayerChoice.of(Scheme.INT8))).toJson());
        dialogs.answers.add(other);
        vm.loadPlan();
        assertEquals(before, vm.planProperty().get());
        assertEquals(1, dialogs.errors.size(), dialogs.errors.toString());
        assertTrue(dialogs.errors.get(0).contains("names 1 layer(s) tinynet_float.tflite does not have:"
                + " MobilenetV1/Logits/Conv2d_1c_1x1/BiasAdd"), dialogs.errors.get(0));
    }

    /** Load plan takes Google's AI Edge Quantizer recipes too, as the CLI does: int8 weights, float compute = dynamic range. */
    @Test
    void anAiEdgeQuantizerRecipeLoadsAsAPlan() throws Exception {
        vm.open(SAMPLE);
        Path recipe = dir.resolve("ai_edge.json");
        Files.writeString(recipe, "[{\"regex\": \".*\", \"operation\": \"*\", \"algorithm_key\":"
                + " \"min_max_uniform_quantize\", \"op_config\": {\"weight_tensor_config\": {\"num_bits\": 8,"
                + " \"symmetric\": true, \"granularity\": \"CHANNELWISE\", \"dtype\": \"INT\"},"
                + " \"compute_precision\": \"INTEGER\", \"explicit_dequantize\": false}}]");
        dialogs.answers.add(recipe);
        vm.loadPlan();
        assertTrue(dialogs.errors.isEmpty(), dialogs.errors.toString());
        Plan p = vm.planProperty().get();
        assertEquals(Scheme.DYNAMIC_INT8, p.choiceFor(firstConv().id()).scheme(), p.toString());
        assertEquals(p, dev.slimfit.optimize.AiEdgeRecipe.read(Files.readString(recipe),
                vm.documentProperty().get().model()).plan());
    }

    @Test
    void selectAllOfThisOpTypeSelectsEveryOpOfTheFocusedType() {
        vm.open(SAMPLE);
        Layer conv = firstConv();
        vm.selection().add(conv.opIndex());
        vm.selectAllOfFocusedType();
        long convs = vm.documentProperty().get().layers().stream().filter(l -> l.op().equals("CONV_2D")).count();
        assertEquals(convs, vm.selection().size());
        assertEquals(conv.opIndex(), vm.focusedOpProperty().get());
    }
}
