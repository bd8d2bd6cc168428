package dev.slimfit.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimfit.optimize.Layer;
import dev.slimfit.optimize.Pruning;
import dev.slimfit.ui.charts.PlannedModel;
import dev.slimfit.ui.common.AppPreferences;
import dev.slimfit.ui.common.DirectTaskExecutor;
import dev.slimfit.ui.common.RecipePlanStore;
import dev.slimfit.ui.common.TaskExecutor;
import java.util.List;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.Test;

/** Per-layer error and latency of a plan, measured with our interpreter. */
class MeasureViewModelTest {
    private static final TaskExecutor.Progress QUIET = new TaskExecutor.Progress() {
        @Override
        public void update(double fraction, String message) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    };

    @Test
    void pruningALayerShowsErrorFromThatLayerOnAndLatencyForEveryLayer() throws Exception {
        Preferences node = Preferences.userRoot().node("/dev/slimfit/test/measure" + System.nanoTime());
        try {
            MainViewModel vm = new MainViewModel(new DirectTaskExecutor(), new RecordingDialogs(),
                    new AppPreferences(node), new RecipePlanStore());
            vm.open(MainViewModelTest.SAMPLE);
            ModelDocument doc = vm.documentProperty().get();
            Layer conv = doc.layers().stream().filter(l -> l.op().equals("CONV_2D")).findFirst().orElseThrow();
            vm.setPruning(List.of(conv.id()), new Pruning(0.7, Pruning.Pattern.UNSTRUCTURED, false));
            PlannedModel planned = PlannedModel.compute(doc.model(), vm.planProperty().get());
            MeasureViewModel.Result r = MeasureViewModel.run(doc, planned.model(), QUIET);
            assertTrue(r.errors().getOrDefault(conv.id(), 0.0) > 0, r.errors().toString());
            for (Layer l : doc.layers()) {
                if (l.opIndex() < conv.opIndex() && r.errors().containsKey(l.id())) {
                    assertEquals(0.0, r.errors().get(l.id()), 1e-12, l.id());
                }
            }
            assertEquals(doc.layers().size(), r.latencyMs().size());
        } finally {
            node.removeNode();
        }
    }
}
