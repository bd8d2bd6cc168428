package dev.slimfit.optimize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimfit.model.Model;
import dev.slimfit.oracle.SharedModels;
import dev.slimfit.tflite.TfliteReader;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class AiEdgeRecipeTest {
    /** Google's default_a8w8_recipe.json, verbatim structure. */
    static final String A8W8 = "[{\"regex\":\".*\",\"operation\":\"*\",\"algorithm_key\":\"min_max_uniform_quantize\","
            + "\"op_config\":{\"activation_tensor_config\":{\"num_bits\":8,\"symmetric\":false,\"granularity\":"
            + "\"TENSORWISE\",\"dtype\":\"INT\",\"block_size\":0},\"weight_tensor_config\":{\"num_bits\":8,"
            + "\"symmetric\":true,\"granularity\":\"CHANNELWISE\",\"dtype\":\"INT\",\"block_size\":0},"
            + "\"compute_precision\":\"INTEGER\",\"explicit_dequantize\":false,\"skip_checks\":false}}]";

    static Model mnist() throws Exception {
        return TfliteReader.read(ByteBuffer.wrap(SharedModels.read("mnist/conv_fc_mnist_float.tflite")), "m");
    }

    @Test
    void googleA8W8RecipeIsUniformInt8WithoutWarnings() throws Exception {
        AiEdgeRecipe.Imported r = AiEdgeRecipe.read(A8W8, mnist());
        assertEquals(Plan.uniform(Scheme.INT8).withDefaults(perChannel(Scheme.INT8)), r.plan());
        assertEquals(java.util.List.of(), r.warnings());
    }

    @Test
    void laterRulesOverrideEarlierOnesPerOperation() throws Exception {
        String json = "[" + A8W8.substring(1, A8W8.length() - 1)
                + ",{\"regex\":\".*\",\"operation\":\"FULLY_CONNECTED\",\"algorithm_key\":\"min_max_uniform_quantize\","
                + "\"op_config\":{\"weight_tensor_config\":{\"num_bits\":4,\"symmetric\":true,\"channel_wise\":true,"
                + "\"dtype\":\"INT\"},\"compute_precision\":\"FLOAT\",\"explicit_dequantize\":true}},"
                + "{\"regex\":\".*\",\"operation\":\"CONV_2D\",\"algorithm_key\":\"no_quantize\"}]";
        AiEdgeRecipe.Imported r = AiEdgeRecipe.read(json, mnist());
        Model m = mnist();
        for (Layer l : LayerCatalog.of(m)) {
            Scheme want = l.op().equals("FULLY_CONNECTED") ? Scheme.DYNAMIC_INT8
                    : l.op().equals("CONV_2D") ? Scheme.FLOAT32 : Scheme.INT8;
            assertEquals(want, r.plan().choiceFor(l.id()).scheme(), l.id());
        }
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("4-bit")), r.warnings()::toString);
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("weight-only")), r.warnings()::toString);
    }

    @Test
    void writtenRecipeReadsBackToTheSamePlan() throws Exception {
        Model m = mnist();
        String conv = LayerCatalog.of(m).get(0).id();
        Plan p = Plan.uniform(Scheme.INT16X8).withDefaults(perChannel(Scheme.INT16X8))
                .with(conv, LayerChoice.of(Scheme.FLOAT16));
        AiEdgeRecipe.Exported e = AiEdgeRecipe.write(p, 1024);
        assertEquals(java.util.List.of(), e.warnings());
        assertEquals(p, AiEdgeRecipe.read(e.json(), m).plan());
    }

    @Test
    void autoGranularityIsWrittenAsChannelwiseWithAWarning() throws Exception {
        AiEdgeRecipe.Exported e = AiEdgeRecipe.write(Plan.uniform(Scheme.INT8), 1024);
        assertTrue(e.warnings().stream().anyMatch(w -> w.contains("auto")), e.warnings()::toString);
        assertEquals(Plan.uniform(Scheme.INT8).withDefaults(perChannel(Scheme.INT8)),
                AiEdgeRecipe.read(e.json(), mnist()).plan());
    }

    private static LayerChoice perChannel(Scheme s) {
        return LayerChoice.of(s).withGranularity(Granularity.PER_CHANNEL);
    }

    @Test
    void writingWarnsAboutWhatAiEdgeCannotExpress() {
        Plan p = Plan.uniform(Scheme.INT8).withIo(IoType.UINT8).with("x", LayerChoice.of(Scheme.DYNAMIC_INT8)
                .withPruning(new Pruning(0.5, Pruning.Pattern.UNSTRUCTURED, false)));
        AiEdgeRecipe.Exported e = AiEdgeRecipe.write(p, 1024);
        assertTrue(e.warnings().stream().anyMatch(w -> w.contains("pruning")));
        assertTrue(e.warnings().stream().anyMatch(w -> w.contains("UINT8")));
    }

    @Test
    void escapesRegexMetacharactersForPython() {
        assertEquals("a\\/b\\.c;d", AiEdgeRecipe.escape("a/b.c;d"));
    }
}
