package dev.slimfit.optimize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimfit.model.BuiltinOp;
import dev.slimfit.model.GraphBuilder;
import dev.slimfit.model.Model;
import dev.slimfit.model.OpOptions;
import dev.slimfit.model.Operator;
import dev.slimfit.model.Subgraph;
import dev.slimfit.model.TensorType;
import dev.slimfit.optimize.quantize.Quantizer;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GranularityTest {
    /** conv 3x3 SAME over 4x4 (spatial), then a 4x4 VALID conv to 1x1 (an FC layer in conv form). */
    private static Model twoConvs() {
        GraphBuilder g = new GraphBuilder("main");
        int x = g.tensor("input", TensorType.FLOAT32, 1, 4, 4, 3);
        g.input(x);
        int w = g.constant("spatial/weights", new int[] {8, 3, 3, 3}, ramp(8 * 27, 0.01f));
        int b = g.constant("spatial/bias", new int[] {8}, new float[8]);
        int y = g.tensor("spatial/out", TensorType.FLOAT32, 1, 4, 4, 8);
        g.op(BuiltinOp.CONV_2D, 1, new int[] {x, w, b}, new int[] {y}, conv((byte) 0));
        int wf = g.constant("logits/weights", new int[] {10, 4, 4, 8}, ramp(10 * 128, 0.003f));
        int bf = g.constant("logits/bias", new int[] {10}, new float[10]);
        int z = g.tensor("logits/out", TensorType.FLOAT32, 1, 1, 1, 10);
        g.op(BuiltinOp.CONV_2D, 1, new int[] {y, wf, bf}, new int[] {z}, conv((byte) 1));
        g.output(z);
        return g.build("granularity test");
    }

    private static OpOptions conv(byte padding) {
        return OpOptions.of("Conv2DOptions", Map.of("padding", padding, "strideW", 1, "strideH", 1,
                "fusedActivationFunction", (byte) 0, "dilationWFactor", 1, "dilationHFactor", 1));
    }

    /** Values whose per-channel ranges differ, so per-channel and per-tensor scales differ too. */
    private static float[] ramp(int n, float step) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (i % 7 - 3) * step * (1 + i / 27);
        }
        return v;
    }

    @Test
    void autoIsPerChannelExceptForAConvolutionWithAOneByOneOutputMap() {
        Model m = twoConvs();
        Subgraph sg = m.mainSubgraph();
        Operator spatial = sg.operators().get(0);
        Operator logits = sg.operators().get(1);
        assertTrue(Granularity.AUTO.perChannel(sg, spatial));
        assertFalse(Granularity.AUTO.perChannel(sg, logits));
        assertTrue(Granularity.PER_CHANNEL.perChannel(sg, logits), "an explicit choice is kept");
        assertFalse(Granularity.PER_TENSOR.perChannel(sg, spatial));
        LayerChoice scaled = LayerChoice.of(Scheme.INT8).withClustering(Clustering.recommended(16))
                .withGranularity(Granularity.PER_TENSOR);
        assertFalse(scaled.perChannelWeights(sg, spatial), "an explicit per-tensor choice is kept");
        assertFalse(LayerChoice.of(Scheme.INT8).perChannelWeights(sg, logits));
    }

    @Test
    void autoClustersAFullyConnectedConvolutionPerTensorAndKeepsScaledClusteringElsewhere() {
        Model m = twoConvs();
        Subgraph sg = m.mainSubgraph();
        LayerChoice auto = LayerChoice.of(Scheme.INT8).withClustering(Clustering.recommended(16).withEntropyWeight(0.2));
        Clustering logits = auto.clusteringFor(sg, sg.operators().get(1));
        assertFalse(logits.scaled() || logits.perChannel(), "one scale, one set of raw centroids");
        assertEquals(0.2, logits.entropyWeight());
        assertTrue(logits.repair());
        assertFalse(auto.perChannelWeights(sg, sg.operators().get(1)));
        assertTrue(auto.clusteringFor(sg, sg.operators().get(0)).scaled());
        assertTrue(auto.perChannelWeights(sg, sg.operators().get(0)));
        LayerChoice explicit = auto.withGranularity(Granularity.PER_CHANNEL);
        assertTrue(explicit.clusteringFor(sg, sg.operators().get(1)).scaled(), "an explicit choice is kept");
    }

    @Test
    void dynamicRangeExportGivesTheFullyConnectedConvolutionOneScaleByDefault() {
        Model q = new Quantizer(0).quantize(twoConvs(), Plan.uniform(Scheme.DYNAMIC_INT8), ActivationRanges.empty(),
                null).model();
        Subgraph sg = q.mainSubgraph();
        assertEquals(8, sg.tensor(sg.operators().get(0).input(1)).quantization().scales().length);
        assertEquals(1, sg.tensor(sg.operators().get(1).input(1)).quantization().scales().length);
        Plan explicit = Plan.uniform(Scheme.DYNAMIC_INT8)
                .withDefaults(LayerChoice.of(Scheme.DYNAMIC_INT8).withGranularity(Granularity.PER_CHANNEL));
        Subgraph pc = new Quantizer(0).quantize(twoConvs(), explicit, ActivationRanges.empty(), null).model()
                .mainSubgraph();
        assertEquals(10, pc.tensor(pc.operators().get(1).input(1)).quantization().scales().length);
    }
}
