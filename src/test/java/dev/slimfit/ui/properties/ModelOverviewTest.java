package dev.slimfit.ui.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimfit.oracle.SharedModels;
import dev.slimfit.ui.MainViewModel;
import dev.slimfit.ui.ModelDocument;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The model properties the panel shows with nothing selected, on real models. */
class ModelOverviewTest {
    private static Map<String, List<ModelOverview.Section>> byTitle(Path file) throws Exception {
        ModelDocument d = MainViewModel.load(file, dev.slimfit.ui.common.TaskExecutor.Progress.none());
        return ModelOverview.of(d).stream().collect(Collectors.groupingBy(ModelOverview.Section::title));
    }

    private static String text(ModelOverview.Section s) {
        return s.rows().stream().map(r -> r[0] + "=" + r[1]).collect(Collectors.joining("\n"));
    }

    @Test
    void quantizedClassifierShowsIoQuantizationNormalisationAndLabels() throws Exception {
        Assumptions.assumeTrue(SharedModels.available(), "../shared absent: skipping");
        Path f = SharedModels.model("imagenet/mobilenet_v1_0.25_128_quant.tflite");
        var s = byTitle(f);
        String model = text(s.get("Model").get(0));
        assertTrue(model.contains("size=" + String.format(java.util.Locale.ROOT, "%,d bytes", Files.size(f))), model);
        assertTrue(model.contains("min runtime=1.5.0"), model);
        String in = text(s.get("Inputs").get(0));
        assertTrue(in.contains("UINT8 [1\u00d7128\u00d7128\u00d73]") && in.contains("zp=128"), in);
        String md = text(s.get("TFLite metadata").get(0));
        assertTrue(md.contains("normalize: mean [127.5], std [127.5]"), md);
        assertTrue(md.contains("labels: "), md);
        assertTrue(text(s.get("Metadata entries").get(0)).contains("TFLITE_METADATA="), s.get("Metadata entries").toString());
    }

    @Test
    void multiSignatureModelListsEverySubgraphAndWhatThePlanDoesToIt() throws Exception {
        Assumptions.assumeTrue(SharedModels.available(), "../shared absent: skipping");
        var s = byTitle(SharedModels.model("text/toy_transformer_kv_cache_multi_signature.tflite"));
        ModelOverview.Section sg = s.get("Subgraphs").get(0);
        assertEquals(2, sg.rows().size());
        assertTrue(sg.rows().get(0)[1].contains("signature 'signature_1'") && sg.rows().get(0)[1].contains("planned"),
                text(sg));
        assertTrue(sg.rows().get(1)[1].contains("signature 'signature_2'")
                && sg.rows().get(1)[1].contains("plan's default"), text(sg));
        assertEquals(4, s.get("Inputs").get(0).rows().size());
    }

    @Test
    void sampleModelHasNoSubgraphSection() throws Exception {
        var s = byTitle(Path.of("sample-models/tinynet_float.tflite"));
        assertTrue(s.containsKey("Model") && s.containsKey("Inputs") && s.containsKey("Outputs"), s.keySet().toString());
        assertTrue(!s.containsKey("Subgraphs"), s.keySet().toString());
    }
}
