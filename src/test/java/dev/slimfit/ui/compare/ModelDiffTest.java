package dev.slimfit.ui.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimfit.model.Model;
import dev.slimfit.ui.common.DirectTaskExecutor;
import dev.slimfit.ui.common.Fixtures;
import java.util.List;

import org.junit.jupiter.api.Test;

class ModelDiffTest {

    @Test
    void modelComparedWithItselfHasNoDifferences() {
        Model f = Fixtures.mnistFloat();
        ModelDiff d = ModelDiff.of(f, f);
        assertTrue(d.rows().stream().allMatch(r -> r.status() == ModelDiff.Status.SAME));
        assertEquals(d.summary().opsBefore(), d.summary().opsAfter());
    }

    @Test
    void partlyQuantizedModelShowsInsertedOpsAndChangedFullyConnected() {
        ModelDiff d = ModelDiff.of(Fixtures.mnistFloat(), Fixtures.model("mnist/conv_fc_mnist_partly_int8.tflite"));
        List<ModelDiff.Row> inserted = d.rows().stream().filter(ModelDiff.Row::inserted).toList();
        assertEquals(2, inserted.size());
        assertEquals(1, d.summary().delta("QUANTIZE"));
        assertEquals(1, d.summary().delta("DEQUANTIZE"));
        ModelDiff.Row fc = d.rows().stream().filter(r -> r.status() == ModelDiff.Status.CHANGED).findFirst()
                .orElseThrow();
        assertEquals("FULLY_CONNECTED", fc.original().op());
        assertTrue(fc.optimized().weights().startsWith("int8"), fc.optimized().weights());
        assertTrue(d.summary().bytesAfter().getOrDefault("int8", 0L) > 0);
    }

    @Test
    void insertedOpsSitNextToTheirNeighbours() {
        ModelDiff d = ModelDiff.of(Fixtures.mnistFloat(), Fixtures.model("mnist/conv_fc_mnist_partly_int8.tflite"));
        int prev = -1;
        for (ModelDiff.Row r : d.rows()) {
            if (r.optimized() != null) {
                assertTrue(r.optimized().index() > prev, "optimized ops stay in order");
                prev = r.optimized().index();
            }
        }
    }

    @Test
    void viewModelFiltersAndSyncsSelectionByKey() {
        CompareViewModel vm = new CompareViewModel(Fixtures.mnistFloat(),
                () -> Fixtures.model("mnist/conv_fc_mnist_partly_int8.tflite"), new DirectTaskExecutor(),
                Runnable::run);
        vm.refresh();
        int all = vm.rows().size();
        vm.showInsertedProperty().set(false);
        assertEquals(all - 2, vm.rows().size());
        vm.onlyChangesProperty().set(true);
        assertTrue(vm.rows().stream().allMatch(r -> r.status() != ModelDiff.Status.SAME));
        String key = vm.rows().get(0).key();
        vm.selectedKeyProperty().set(key);
        assertEquals(key, vm.selectedProperty().get().key());
    }
}
