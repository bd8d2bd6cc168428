package dev.slimfit.ui.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimfit.model.Model;
import dev.slimfit.model.Subgraph;
import dev.slimfit.model.Tensor;
import dev.slimfit.model.TensorType;
import dev.slimfit.optimize.CalibrationSpec;
import dev.slimfit.optimize.Layer;
import dev.slimfit.optimize.Scheme;
import dev.slimfit.oracle.SharedModels;
import dev.slimfit.tflite.TfliteReader;
import dev.slimfit.ui.MainViewModel;
import dev.slimfit.ui.RecordingDialogs;
import dev.slimfit.ui.common.AppPreferences;
import dev.slimfit.ui.common.DirectTaskExecutor;
import dev.slimfit.ui.common.Fixtures;
import dev.slimfit.ui.common.FxTaskExecutor;
import dev.slimfit.ui.common.RecipePlanStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;

import javafx.scene.control.ComboBox;
import javafx.scene.control.Spinner;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The export dialog's calibration chooser: pointing it at MNIST images with 20 samples and the
 * percentile method calibrates on them (the status and report say so), and the ranges differ
 * from the seeded-random fallback's, so the chosen data really reached the quantizer.
 */
@ExtendWith(ApplicationExtension.class)
class ExportCalibrationFxTest {
    @TempDir
    static Path dir;
    private Preferences node;
    private MainViewModel main;
    private ExportViewModel vm;
    private ExportDialog dialog;
    private final RecordingDialogs dialogs = new RecordingDialogs();

    @Start
    void start(Stage stage) throws Exception {
        node = Preferences.userRoot().node("/dev/slimfit/test/exportcal" + System.nanoTime());
        main = new MainViewModel(new DirectTaskExecutor(), dialogs, new AppPreferences(node), new RecipePlanStore());
        main.open(SharedModels.model("mnist/conv_fc_mnist_float.tflite"));
        List<String> all = main.documentProperty().get().layers().stream().map(Layer::id).toList();
        main.setScheme(all, Scheme.INT8);
        vm = new ExportViewModel(main, new FxTaskExecutor(1));
        vm.targetProperty().set(dir.resolve("mnist_data.tflite"));
        dialog = new ExportDialog(stage, vm);
        dialog.show();
    }

    @AfterEach
    void tearDown() throws Exception {
        node.removeNode();
    }

    @Test
    void calibratingOnChosenImagesIsUsedAndReported(FxRobot robot) throws Exception {
        assertTrue(vm.needsCalibration());
        assertEquals(100, vm.calibration().samplesProperty().get(), "default sample count");
        // the IDX file of 10k MNIST digits (the PNG folder mixes 100x100 RGBA and 28x28 digits)
        Path images = Fixtures.mnistImages();
        robot.clickOn("#export-calib-data").write(images.toString());
        robot.interact(() -> {
            @SuppressWarnings("unchecked")
            Spinner<Integer> s = (Spinner<Integer>) dialog.stage().getScene().lookup("#export-calib-samples");
            s.getValueFactory().setValue(20);
            @SuppressWarnings("unchecked")
            ComboBox<CalibrationSpec.Method> m = (ComboBox<CalibrationSpec.Method>)
                    dialog.stage().getScene().lookup("#export-calib-method");
            m.setValue(CalibrationSpec.Method.PERCENTILE);
        });
        robot.clickOn("#export-run");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS,
                () -> vm.resultProperty().get() != null || !dialogs.errors.isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(dialogs.errors.isEmpty(), dialogs.errors.toString());
        String status = vm.statusProperty().get();
        assertTrue(status.contains("percentile 99.99 over 20 sample(s) of " + images), status);
        String report = Files.readString(dir.resolve("mnist_data.report.html"));
        assertTrue(report.contains("over 20 sample(s)"), "report states the calibration");

        // Same plan, no folder: seeded random inputs, min/max. The quantized input must differ.
        ExportViewModel random = new ExportViewModel(main, new DirectTaskExecutor());
        random.targetProperty().set(dir.resolve("mnist_random.tflite"));
        random.export();
        assertNotNull(random.resultProperty().get(), dialogs.errors.toString());
        assertTrue(random.statusProperty().get().contains("seeded random inputs"));
        float withData = firstInt8ActivationScale(TfliteReader.read(dir.resolve("mnist_data.tflite")));
        float withNoise = firstInt8ActivationScale(TfliteReader.read(dir.resolve("mnist_random.tflite")));
        assertNotEquals(withNoise, withData, "calibration data changed the activation ranges");
    }

    @Test
    void aMissingFolderStopsTheExportWithAClearMessage(FxRobot robot) {
        robot.clickOn("#export-calib-data").write("/no/such/calibration/folder");
        robot.clickOn("#export-run");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, dialogs.errors.size());
        assertTrue(dialogs.errors.get(0).contains("Calibration data not found: /no/such/calibration/folder"),
                dialogs.errors.get(0));
        assertTrue(!Files.exists(dir.resolve("mnist_data.tflite")) || vm.resultProperty().get() == null);
    }

    /** Scale of the first int8 tensor that is not a constant (an activation). */
    private static float firstInt8ActivationScale(Model m) {
        Subgraph sg = m.mainSubgraph();
        for (Tensor t : sg.tensors()) {
            if (t.type() == TensorType.INT8 && (t.buffer() <= 0 || m.dataOf(t).isEmpty())
                    && t.quantization() != null && t.quantization().scales().length == 1) {
                return t.quantization().scales()[0];
            }
        }
        throw new AssertionError("no int8 activation");
    }
}
