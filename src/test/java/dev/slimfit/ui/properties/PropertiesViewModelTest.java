package dev.slimfit.ui.properties;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimfit.eval.NpyArray;
import dev.slimfit.model.Model;
import dev.slimfit.model.Tensor;
import dev.slimfit.model.TensorValues;
import dev.slimfit.optimize.Layer;
import dev.slimfit.ui.MainViewModel;
import dev.slimfit.ui.RecordingDialogs;
import dev.slimfit.ui.common.AppPreferences;
import dev.slimfit.ui.common.DirectTaskExecutor;
import dev.slimfit.ui.common.RecipePlanStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Properties panel state: details of the focused op, paged values, .npy export. */
class PropertiesViewModelTest {
    @TempDir
    Path dir;
    private Preferences node;
    private MainViewModel main;
    private PropertiesViewModel vm;
    private Layer conv;
    private final RecordingDialogs dialogs = new RecordingDialogs();

    @BeforeEach
    void setUp() {
        node = Preferences.userRoot().node("/dev/slimfit/test/props" + System.nanoTime());
        main = new MainViewModel(new DirectTaskExecutor(), dialogs, new AppPreferences(node),
                new RecipePlanStore());
        vm = new PropertiesViewModel(main);
        main.open(Path.of("sample-models/tinynet_float.tflite"));
        conv = main.documentProperty().get().layers().stream().filter(l -> l.op().equals("CONV_2D")).findFirst()
                .orElseThrow();
        main.selection().add(conv.opIndex());
    }

    @AfterEach
    void tearDown() throws Exception {
        node.removeNode();
    }

    @Test
    void focusingAConvShowsItsTensorsAndWeightStatistics() {
        PropertiesViewModel.OpDetails d = vm.detailsProperty().get();
        assertNotNull(d);
        assertEquals("CONV_2D", d.op());
        assertTrue(d.inputs().size() >= 2);
        assertEquals(conv.weightTensor(), vm.viewedTensorProperty().get().index());
        assertTrue(d.weightStats().std() > 0);
        assertTrue(d.options().stream().anyMatch(kv -> kv[0].equals("strideW")));
    }

    @Test
    void valuesArePagedAndTheTensorSavesAsNpy() throws Exception {
        assertEquals(Math.min(PropertiesViewModel.PAGE_SIZE, vm.pageLines().size()), vm.pageLines().size());
        vm.nextPage();
        assertTrue(vm.pageLabelProperty().get().startsWith("page"));
        Path out = dir.resolve("w.npy");
        vm.saveTensor(vm.viewedTensorProperty().get(), out);
        NpyArray a = NpyArray.read(out);
        Model m = main.documentProperty().get().model();
        Tensor t = m.mainSubgraph().tensor(vm.viewedTensorProperty().get().index());
        assertArrayEquals(t.shape(), a.shape());
        assertEquals("f4", a.dtype());
        assertEquals(TensorValues.stored(m, t)[5], a.get(5), 0);
        assertEquals(0, (Files.readAllBytes(out).length - m.dataOf(t).size()) % 64);
    }

    @Test
    void aTensorWithoutConstantDataIsReportedNotWritten() throws Exception {
        Model m = main.documentProperty().get().model();
        int activation = -1;
        for (int i = 0; i < m.mainSubgraph().tensors().size() && activation < 0; i++) {
            if (m.mainSubgraph().tensor(i).buffer() <= 0 || m.dataOf(m.mainSubgraph().tensor(i)).isEmpty()) {
                activation = i;
            }
        }
        Path out = dir.resolve("act.npy");
        vm.saveTensor(TensorInfo.of(m, activation), out);
        assertTrue(!Files.exists(out));
        assertTrue(dialogs.errors.stream().anyMatch(e -> e.contains("has no constant data")), dialogs.errors.toString());
    }

    @Test
    void npyDtypesCoverFloat16AndTheHeaderIsAligned() throws Exception {
        byte[] half = NpyArray.encode(NpyArray.dtypeOf(dev.slimfit.model.TensorType.FLOAT16), new int[] {3}, new byte[6]);
        String header = new String(half, 10, half.length - 16, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(header.contains("'descr': '<f2'"), header);
        assertEquals(0, (half.length - 6) % 64);
        assertEquals("|i1", "|" + NpyArray.dtypeOf(dev.slimfit.model.TensorType.INT8));
    }

    @Test
    void perChannelQuantizationIsSummarisedOnOneLine() {
        var q = dev.slimfit.model.QuantizationParams.perChannel(new float[] {0.0021f, 0.031f, 0.01f}, new long[3], 0);
        assertEquals("per-channel(3) dim 0, scale 0.0021\u20260.031, zp 0", TensorInfo.summary(q));
    }
}
