package dev.slimfit.optimize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimfit.model.Model;
import dev.slimfit.model.Subgraph;
import dev.slimfit.model.Tensor;
import dev.slimfit.model.TensorType;
import dev.slimfit.oracle.SharedModels;
import dev.slimfit.optimize.quantize.QuantizationException;
import dev.slimfit.tflite.TfliteReader;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The pipeline keeps what pruning and clustering made when it quantizes (dynamic range: no calibration needed). */
class OptimizerTest {
    private static Model mnist() throws Exception {
        return TfliteReader.read(SharedModels.model("mnist/conv_fc_mnist_float.tflite"));
    }

    private static Model run(Model m, Pruning p, Clustering c) {
        Plan plan = Plan.uniform(Scheme.DYNAMIC_INT8).withDefaults(new LayerChoice(Scheme.DYNAMIC_INT8,
                Granularity.PER_CHANNEL, p, c));
        return new Optimizer(null, 0, false).optimize(m, plan, null, null, null).model();
    }

    private static int[] weightInt8(Model m, Tensor t) {
        ByteBuffer b = m.dataOf(t).data();
        int[] v = new int[b.remaining()];
        for (int i = 0; i < v.length; i++) {
            v[i] = b.get(b.position() + i);
        }
        return v;
    }

    private static Iterable<Tensor> int8Weights(Model m) {
        Subgraph sg = m.mainSubgraph();
        return sg.tensors().stream().filter(t -> t.type() == TensorType.INT8 && !m.dataOf(t).isEmpty()
                && t.elementCount() > 100).toList();
    }

    @Test
    void perTensorClustersStayAtMostKInt8ValuesPerTensor() throws Exception {
        Model q = run(mnist(), null, new Clustering(8, Clustering.Init.KMEANS_PLUS_PLUS, false));
        int seen = 0;
        for (Tensor t : int8Weights(q)) {
            Set<Integer> values = new HashSet<>();
            for (int v : weightInt8(q, t)) {
                values.add(v);
            }
            assertTrue(values.size() <= 8, t.name() + ": " + values.size() + " values");
            float[] s = t.quantization().scales();
            for (float x : s) {
                assertEquals(s[0], x, "one shared scale for per-tensor clusters: " + t.name());
            }
            seen++;
        }
        assertTrue(seen >= 2, "conv and FC weights quantized: " + seen);
    }

    @Test
    void perChannelClustersStayAtMostKInt8ValuesPerChannel() throws Exception {
        Model q = run(mnist(), null, new Clustering(4, Clustering.Init.LINEAR, true));
        for (Tensor t : int8Weights(q)) {
            int[] v = weightInt8(q, t);
            int dim = t.quantization().quantizedDimension();
            int channels = t.shape()[dim];
            int inner = 1;
            for (int d = dim + 1; d < t.rank(); d++) {
                inner *= t.shape()[d];
            }
            java.util.List<Set<Integer>> per = new java.util.ArrayList<>();
            for (int c = 0; c < channels; c++) {
                per.add(new HashSet<>());
            }
            for (int i = 0; i < v.length; i++) {
                per.get((i / inner) % channels).add(v[i]);
            }
            for (int c = 0; c < channels; c++) {
                assertTrue(per.get(c).size() <= 4, t.name() + " channel " + c + ": " + per.get(c));
            }
        }
    }

    @Test
    void prunedZerosStayExactZerosAfterInt8() throws Exception {
        Model m = mnist();
        Pruning half = new Pruning(0.5, Pruning.Pattern.UNSTRUCTURED, false);
        Model q = run(m, half, new Clustering(16, Clustering.Init.LINEAR, false));
        for (Tensor t : int8Weights(q)) {
            long zeros = java.util.Arrays.stream(weightInt8(q, t)).filter(x -> x == 0).count();
            assertTrue(zeros >= 0.5 * t.elementCount() - 1, t.name() + " zeros " + zeros + "/" + t.elementCount());
        }
    }

    @Test
    void repairWithoutSamplesIsRefused() throws Exception {
        Model m = mnist();
        QuantizationException e = assertThrows(QuantizationException.class,
                () -> run(m, new Pruning(0.5, Pruning.Pattern.UNSTRUCTURED, true), null));
        assertTrue(e.getMessage().contains("calibration"), e.getMessage());
    }

    @Test
    void provenanceRecordsPruningAndClustering() throws Exception {
        Model q = run(mnist(), new Pruning(0.25, Pruning.Pattern.UNSTRUCTURED, false),
                new Clustering(16, Clustering.Init.LINEAR, false));
        var p = dev.slimfit.optimize.quantize.Provenance.read(q).orElseThrow();
        assertEquals("prune 0.25 unstructured, cluster 16 linear", p.path("weights").path("default").asText());
    }
}
