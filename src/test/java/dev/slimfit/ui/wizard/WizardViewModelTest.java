package dev.slimfit.ui.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimfit.model.Model;
import dev.slimfit.optimize.Plan;
import dev.slimfit.optimize.Scheme;
import dev.slimfit.ui.common.DirectTaskExecutor;
import dev.slimfit.ui.common.Fixtures;
import java.util.List;

import org.junit.jupiter.api.Test;

class WizardViewModelTest {

    private static WizardViewModel vm(Model m, CandidateOptimizer opt) {
        return new WizardViewModel(m, opt, new DirectTaskExecutor(), Runnable::run);
    }

    @Test
    void changingAnEarlierAnswerForgetsTheLaterOnes() {
        WizardViewModel vm = vm(Fixtures.mnistFloat(), (m, p, d, pr, c) -> m);
        vm.answer("accelerator", "no");
        vm.answer("gpu", "no");
        vm.answer("data", "none");
        assertEquals("out-dynamic", vm.currentProperty().get().id());
        vm.answer("accelerator", "yes");
        assertEquals(List.of("accelerator", "accel-data"), vm.path());
        assertFalse(vm.answers().containsKey("gpu"));
    }

    @Test
    void runCannotStartBeforeAnOutcomeNorWithoutSamplesWhenTheyAreNeeded() {
        WizardViewModel vm = vm(Fixtures.mnistFloat(), (m, p, d, pr, c) -> m);
        assertFalse(vm.canRunProperty().get());
        vm.answer("accelerator", "yes");
        vm.answer("accel-data", "yes");
        assertFalse(vm.canRunProperty().get(), "int8 needs samples");
        vm.samplesPathProperty().set(Fixtures.mnistImages().toString());
        assertTrue(vm.canRunProperty().get());
    }

    @Test
    void noDataOutcomeRunsWithoutSamplesAndMeasuresSize() {
        WizardViewModel vm = vm(Fixtures.mnistFloat(), new QuantizingOptimizer(1));
        vm.answer("accelerator", "no");
        vm.answer("gpu", "no");
        vm.answer("data", "none");
        vm.runCandidates();
        assertEquals("", vm.errorProperty().get());
        assertEquals(3, vm.results().size());
        CandidateResult dyn = vm.results().get(1);
        assertEquals(Scheme.DYNAMIC_INT8, dyn.scheme());
        assertTrue(dyn.ok(), dyn.error());
        assertTrue(dyn.rawBytes() < vm.results().get(0).rawBytes() / 2);
        assertEquals(Plan.uniform(Scheme.DYNAMIC_INT8).defaults(), vm.chosenPlan().orElseThrow().defaults());
    }

    @Test
    void failingCandidateBecomesARowAndTheOthersStillRun() {
        WizardViewModel vm = vm(Fixtures.mnistFloat(), (m, p, d, pr, c) -> {
            if (p.defaults().scheme() == Scheme.FLOAT16) {
                throw new IllegalStateException("no float16 today");
            }
            return m;
        });
        vm.answer("accelerator", "no");
        vm.answer("gpu", "yes");
        vm.runCandidates();
        assertFalse(vm.results().get(1).ok());
        assertEquals("no float16 today", vm.results().get(1).error());
        assertTrue(vm.results().get(2).ok());
        assertTrue(vm.chosenPlan().isEmpty(), "the failed recommendation is not selected");
    }

    @Test
    void int8CandidatesCalibrateOnLabelledSamplesAndScoreAccuracy() {
        WizardViewModel vm = vm(Fixtures.mnistFloat(), new QuantizingOptimizer(1));
        vm.answer("accelerator", "yes");
        vm.answer("accel-data", "yes");
        vm.samplesPathProperty().set(Fixtures.mnistImages().toString());
        vm.labelsPathProperty().set(Fixtures.mnistLabels().toString());
        vm.sampleLimitProperty().set(8);
        vm.runCandidates();
        assertEquals("", vm.errorProperty().get());
        CandidateResult int8 = vm.results().get(1);
        assertTrue(int8.ok(), int8.error());
        assertFalse(Double.isNaN(int8.top1()));
        assertFalse(Double.isNaN(int8.agreement()));
        assertEquals(Scheme.INT8, vm.chosenPlan().orElseThrow().defaults().scheme());
    }

    @Test
    void sizeFirstMeasuresClusteredAndPrunedInt8AgainstPlainInt8() {
        WizardViewModel vm = vm(Fixtures.mnistFloat(), new QuantizingOptimizer(2));
        vm.answer("accelerator", "no");
        vm.answer("gpu", "no");
        vm.answer("data", "labelled");
        vm.answer("priority", "size");
        vm.samplesPathProperty().set(Fixtures.mnistImages().toString());
        vm.labelsPathProperty().set(Fixtures.mnistLabels().toString());
        vm.sampleLimitProperty().set(16);
        vm.runCandidates();
        assertEquals("", vm.errorProperty().get());
        CandidateResult int8 = byId(vm, "int8");
        CandidateResult clustered = byId(vm, "int8+16clusters");
        CandidateResult pruned = byId(vm, "int8+prune50");
        for (CandidateResult r : vm.results()) {
            assertTrue(r.ok(), r.label() + ": " + r.error());
        }
        // the honest size story: the file stays about as big, the download shrinks
        assertEquals(int8.rawBytes(), clustered.rawBytes(), int8.rawBytes() * 0.02);
        assertTrue(clustered.compressedBytes() < 0.8 * int8.compressedBytes(),
                clustered.compressedBytes() + " vs " + int8.compressedBytes());
        assertTrue(pruned.compressedBytes() < 0.9 * int8.compressedBytes(),
                pruned.compressedBytes() + " vs " + int8.compressedBytes());
        assertFalse(Double.isNaN(clustered.top1()));
        assertEquals(16, clustered.plan().defaults().clustering().clusters());
        assertEquals(0.5, pruned.plan().defaults().pruning().sparsity());
    }

    private static CandidateResult byId(WizardViewModel vm, String id) {
        return vm.results().stream().filter(r -> r.candidate().id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no candidate " + id));
    }

    @Test
    void unreadableSampleIsOneErrorNotOnePerCandidate() {
        WizardViewModel vm = vm(Fixtures.mnistFloat(), (m, p, d, pr, c) -> {
            throw new java.io.IOException("x.png: cannot decode image");
        });
        vm.answer("accelerator", "no");
        vm.answer("gpu", "no");
        vm.answer("data", "unlabelled");
        vm.samplesPathProperty().set(Fixtures.mnistImages().toString());
        vm.runCandidates();
        assertTrue(vm.errorProperty().get().contains("cannot decode image"), vm.errorProperty().get());
        assertTrue(vm.results().isEmpty());
    }
}
