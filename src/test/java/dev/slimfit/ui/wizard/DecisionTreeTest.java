package dev.slimfit.ui.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimfit.optimize.Scheme;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class DecisionTreeTest {
    private final DecisionTree tree = DecisionTree.standard();

    @Test
    void integerOnlyAcceleratorWithSamplesLeadsToInt8ThenInt16x8() {
        List<String> path = tree.path(Map.of("accelerator", "yes", "accel-data", "yes"));
        DecisionTree.Node end = tree.node(path.get(path.size() - 1));
        assertEquals(List.of(Candidate.of(Scheme.INT8), Candidate.of(Scheme.INT16X8)), end.outcome().candidates());
        assertTrue(end.outcome().needsData());
    }

    @Test
    void gpuLeadsToFloat16WithoutData() {
        List<String> path = tree.path(Map.of("accelerator", "no", "gpu", "yes"));
        DecisionTree.Outcome o = tree.node(path.get(path.size() - 1)).outcome();
        assertEquals(Candidate.of(Scheme.FLOAT16), o.candidates().get(0));
        assertTrue(!o.needsData());
    }

    @Test
    void sizeFirstTriesClusteringAndPruningOnTopOfInt8() {
        List<String> path = tree.path(Map.of("accelerator", "no", "gpu", "no", "data", "labelled",
                "priority", "size"));
        DecisionTree.Outcome o = tree.node(path.get(path.size() - 1)).outcome();
        assertEquals(Candidate.of(Scheme.INT8), o.candidates().get(0), "plain int8 is the reference");
        assertTrue(o.candidates().stream().anyMatch(c -> c.clustering() != null && c.clustering().clusters() == 16
                && c.scheme() == Scheme.INT8), "16 clusters + int8 is tried");
        assertTrue(o.candidates().stream().anyMatch(c -> c.pruning() != null && c.pruning().repair()),
                "repaired pruning is tried");
        Candidate c16 = o.candidates().stream().filter(c -> c.clustering() != null && c.clustering().clusters() == 16)
                .findFirst().orElseThrow();
        assertEquals("int8+16clusters", c16.id());
        assertEquals(16, c16.plan(50).defaults().clustering().clusters());
        assertEquals(50, c16.plan(50).calibration().samples());
    }

    @Test
    void noDataLeadsToDynamicRange() {
        List<String> path = tree.path(Map.of("accelerator", "no", "gpu", "no", "data", "none"));
        assertEquals(List.of("accelerator", "gpu", "data", "out-dynamic"), path);
    }

    @Test
    void pathStopsAtTheFirstUnansweredQuestion() {
        assertEquals(List.of("accelerator", "gpu"), tree.path(Map.of("accelerator", "no", "priority", "size")));
    }

    @Test
    void everyAnswerLeadsToAKnownNodeAndEveryLeafIsAnOutcome() {
        for (DecisionTree.Node n : tree.nodes()) {
            assertEquals(n.answers().isEmpty(), n.isOutcome(), n.id());
            n.answers().forEach(a -> tree.node(a.target()));
        }
    }
}
